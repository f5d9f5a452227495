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

    /// One list as patched: its part of the entry, and what the entry's `df` needs.
    struct ListPatch {
        var part: String
        /// Written to block files.
        var long: Bool
        /// The old list's ids below `unchangedFrom` (the old front's).
        var oldLow: [Int32]
        /// The new list when it was made whole (nil: patched by windows).
        var whole: [Int32]?
        /// The new list's length.
        var count: Int
    }

    /// The new entry and the new size of its names list; nil when the entry cannot be read.
    static func patch(_ json: String, key: String, front: [[Int32]], unchangedFrom: Int,
                      options: SearchIndexOptions, blocks: inout BlockFiles, reader: inout BlockReader,
                      released: inout Set<UInt32>) -> (json: String, namesCount: Int)? {
        guard let items = RawJSON.items(Array(json.utf8)[...]), items.count <= ListKind.slots + 1 else { return nil }
        var lists: [ListPatch] = []
        for kind in ListKind.allCases {
            let slot = kind.rawValue
            guard let list = patchList(slot < items.count ? items[slot] : nil, key: key, kind: kind, front: front[slot],
                                       unchangedFrom: unchangedFrom, options: options, blocks: &blocks, reader: &reader,
                                       released: &released) else { return nil }
            lists.append(list)
        }
        var parts = lists.map(\.part)
        if lists.contains(where: \.long) {
            // df = |names ∪ purpose|, from the whole lists when they were made, else from the
            // old df: the kept ids' share of it is unchanged.
            let n = ListKind.names.rawValue, p = ListKind.purpose.rawValue
            if let names = lists[n].whole, let purpose = lists[p].whole {
                parts.append(String(ShardWriter.unionCount(names, purpose)))
            } else {
                guard items.count == ListKind.slots + 1, let df = RawJSON.int(items[ListKind.slots]) else { return nil }
                parts.append(String(df - ShardWriter.unionCount(lists[n].oldLow, lists[p].oldLow) + ShardWriter.unionCount(front[n], front[p])))
            }
        } else {
            while parts.last == "\"\"" { parts.removeLast() }
        }
        return (JSONText.array(parts), lists[ListKind.names.rawValue].count)
    }

    /// One list of the entry (`raw`: as written, nil when absent), patched.
    private static func patchList(_ raw: ArraySlice<UInt8>?, key: String, kind: ListKind, front: [Int32], unchangedFrom: Int,
                                  options: SearchIndexOptions, blocks: inout BlockFiles, reader: inout BlockReader,
                                  released: inout Set<UInt32>) -> ListPatch? {
        var old: [Int32] = []
        if let raw, let text = RawJSON.plainString(raw) {
            guard let ids = PostingCodec.decodeGaps(text, base: 0) else { return nil }
            old = ids
        } else if let raw {
            guard let d = Descriptor(raw) else { return nil }
            return patchLong(d, key: key, kind: kind, front: front, unchangedFrom: unchangedFrom, options: options,
                             blocks: &blocks, reader: &reader, released: &released)
        }
        let ids = front + old.drop { Int($0) < unchangedFrom }
        let (part, long) = ShardWriter.list(ids, key: key, kind: kind, options: options, blocks: &blocks)
        return ListPatch(part: part, long: long, oldLow: old.prefix { Int($0) < unchangedFrom }.map { $0 }, whole: ids, count: ids.count)
    }

    /// A long list (in block files), patched: decoded whole when it could now fit inline, else
    /// patched by windows.
    private static func patchLong(_ d: Descriptor, key: String, kind: ListKind, front: [Int32], unchangedFrom: Int,
                                  options: SearchIndexOptions, blocks: inout BlockFiles, reader: inout BlockReader,
                                  released: inout Set<UInt32>) -> ListPatch? {
        let bottom = unchangedFrom / options.windowSize  // the lowest window holding kept ids
        // The windows at or below the bottom: the old front's ids go, the kept ones stay.
        var low: [Int32] = []
        var kept: [Int32] = []
        for (window, count, file) in d.windows where window <= bottom {
            guard let ids = reader.ids(file: file, window: window), ids.count == count else { return nil }
            for id in ids { if Int(id) < unchangedFrom { low.append(id) } else { kept.append(id) } }
        }
        let count = d.count - low.count + front.count
        let names = Set(d.windows.map { UInt32($0.file) })
        if count <= options.inlineLimitBytes {
            // Could fit inline (each id takes a character at least): decode it whole.
            var ids = front + kept
            for (window, c, file) in d.windows where window > bottom {
                guard let more = reader.ids(file: file, window: window), more.count == c else { return nil }
                ids += more
            }
            blocks.release(names)
            released.formUnion(names)
            let (part, long) = ShardWriter.list(ids, key: key, kind: kind, options: options, blocks: &blocks)
            return ListPatch(part: part, long: long, oldLow: low, whole: ids, count: count)
        }
        guard let part = repack(d, bottom: bottom, ids: front + kept, count: count, key: key, kind: kind,
                                blocks: &blocks, reader: &reader, released: &released) else { return nil }
        return ListPatch(part: part, long: true, oldLow: low, whole: nil, count: count)
    }

    /// A long list's descriptor with its windows from `bottom` down holding `ids`: the block
    /// files from the one above the first holding such a window down are packed again.
    private static func repack(_ d: Descriptor, bottom: Int, ids: [Int32], count: Int, key: String, kind: ListKind,
                               blocks: inout BlockFiles, reader: inout BlockReader, released: inout Set<UInt32>) -> String? {
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
        repack += blocks.windows(ids[...])
        return blocks.pack(count: count, kept: keptFiles, windows: repack, term: key, kind: kind)
    }
}
