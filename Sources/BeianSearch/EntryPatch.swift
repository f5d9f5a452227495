import BeianDiagnostics
/// Patches one term's entry for `SearchIndex.update`: the new front's ids (all below
/// `unchangedFrom`) replace the old front's, every id from `unchangedFrom` up stays.
///
/// A short list is decoded whole and written again. A long one is patched where it changed:
/// only its windows at or below `unchangedFrom`'s are decoded, and its block files are
/// repacked from the one above the first file holding such a window down (packing runs from
/// the highest window, so the files above come out as they were; they are neither read nor
/// written). Its count and the entry's `df` are updated from the windows decoded. The result
/// is byte for byte what `ShardWriter.entry` writes for the whole new lists (the update tests
/// compare the patched index with a full build).
enum EntryPatch {
    /// A long list's descriptor `[count, window, countInWindow, file, …]`, windows ascending.
    struct Descriptor {
        var count: Int
        var windows: [(window: Int, count: Int, file: Int)]

        init?(_ raw: ArraySlice<UInt8>) {
            guard let parts = RawJSON.items(raw), parts.count % 3 == 1, let count = RawJSON.int(parts[0]) else { return nil }
            self.count = count
            windows = []
            var i = 1
            while i < parts.count {
                guard let w = RawJSON.int(parts[i]), let c = RawJSON.int(parts[i + 1]), let f = RawJSON.int(parts[i + 2]) else { return nil }
                windows.append((w, c, f))
                i += 3
            }
        }
    }

    /// The new entry and the new size of its names list; nil when the entry cannot be read.
    static func patch(_ json: String, key: String, front: [[Int32]], unchangedFrom: Int,
                      options: SearchIndexOptions, blocks: inout BlockFiles, reader: inout BlockReader,
                      released: inout Set<UInt32>) -> (json: String, namesCount: Int)? {
        guard let items = RawJSON.items(Array(json.utf8)[...]), items.count <= ListKind.slots + 1 else { return nil }
        let w = options.windowSize
        let bottom = unchangedFrom / w  // the lowest window holding kept ids
        var parts: [String] = []
        var blocked = false
        var oldLow: [[Int32]] = []
        /// Each new list when it was made whole (nil: patched by windows).
        var whole: [[Int32]?] = []
        var namesCount = 0
        for kind in ListKind.allCases {
            let slot = kind.rawValue
            let raw = slot < items.count ? items[slot] : nil
            var full: [Int32]?
            var descriptor: Descriptor?
            if let raw, let text = RawJSON.plainString(raw) {
                guard let ids = PostingCodec.decodeGaps(text, base: 0) else { return nil }
                full = ids
            } else if let raw {
                guard let d = Descriptor(raw) else { return nil }
                descriptor = d
            } else {
                full = []
            }
            if let old = full {
                oldLow.append(old.prefix { Int($0) < unchangedFrom }.map { $0 })
                let ids = front[slot] + old.drop { Int($0) < unchangedFrom }
                whole.append(ids)
                if kind == .names { namesCount = ids.count }
                let (part, long) = ShardWriter.list(ids, key: key, kind: kind, options: options, blocks: &blocks)
                parts.append(part)
                if long { blocked = true }
                continue
            }
            let d = descriptor!
            // The windows at or below the bottom: the old front's ids go, the kept ones stay.
            var low: [Int32] = []
            var kept: [Int32] = []
            for (window, count, file) in d.windows where window <= bottom {
                guard let ids = reader.ids(file: file, window: window), ids.count == count else { return nil }
                for id in ids { if Int(id) < unchangedFrom { low.append(id) } else { kept.append(id) } }
            }
            oldLow.append(low)
            let count = d.count - low.count + front[slot].count
            if kind == .names { namesCount = count }
            let names = Set(d.windows.map { UInt32($0.file) })
            if count <= options.inlineLimitBytes {
                // Could fit inline (each id takes a character at least): decode it whole.
                var ids = front[slot] + kept
                for (window, c, file) in d.windows where window > bottom {
                    guard let more = reader.ids(file: file, window: window), more.count == c else { return nil }
                    ids += more
                }
                blocks.release(names)
                released.formUnion(names)
                whole.append(ids)
                let (part, long) = ShardWriter.list(ids, key: key, kind: kind, options: options, blocks: &blocks)
                parts.append(part)
                if long { blocked = true }
                continue
            }
            blocked = true
            whole.append(nil)
            // Files from the top: runs of windows (highest first) sharing a file.
            var files: [[(window: Int, count: Int, file: Int)]] = []
            for entry in d.windows.reversed() {
                if let last = files.last?.last, last.file == entry.file { files[files.count - 1].append(entry) } else { files.append([entry]) }
            }
            let first = files.firstIndex { $0.contains { $0.window <= bottom } } ?? files.count
            let from = max(0, first - 1)
            let keptFiles = files[..<from].flatMap { $0 }
            var repack: [(window: Int, count: Int, block: String)] = []
            for file in files[from...] {
                for entry in file where entry.window > bottom {
                    guard let text = reader.blockText(file: entry.file, window: entry.window) else { return nil }
                    repack.append((entry.window, entry.count, text))
                }
            }
            let redone = Set(files[from...].flatMap { $0.map { UInt32($0.file) } })
            blocks.release(redone)
            released.formUnion(redone)
            repack += blocks.windows((front[slot] + kept)[...])
            parts.append(blocks.pack(count: count, kept: keptFiles, windows: repack, term: key, kind: kind))
        }
        if blocked {
            // df = |names ∪ purpose|, from the whole lists when they were made, else from the
            // old df: the kept ids' share of it is unchanged.
            let n = ListKind.names.rawValue, p = ListKind.purpose.rawValue
            if let names = whole[n], let purpose = whole[p] {
                parts.append(String(ShardWriter.unionCount(names, purpose)))
            } else {
                guard items.count == ListKind.slots + 1, let df = RawJSON.int(items[ListKind.slots]) else { return nil }
                parts.append(String(df - ShardWriter.unionCount(oldLow[n], oldLow[p]) + ShardWriter.unionCount(front[n], front[p])))
            }
        } else {
            while parts.last == "\"\"" { parts.removeLast() }
        }
        return (JSONText.array(parts), namesCount)
    }
}
