/// Cuts the term table into hash shards (`s/<k>.json`) and block files of long lists (`b/<k>.json`).
///
/// A shard maps each of its terms to `[names, starts, purpose, df?]` (trailing empty lists
/// dropped). A list is either a string (short: every id, as gaps) or, when long,
/// `[count, window, countInWindow, file, …]` naming the block file of each window that has
/// postings; `df` (documents with the term anywhere) is given only when some list is long.
struct ShardWriter {
    let options: SearchIndexOptions
    let docCount: Int

    struct Output {
        var files: [(path: String, text: String)] = []
        var shardCount = 0
        var blockFiles = 0
        var terms = 0
    }

    func write(_ table: TermTable) -> Output {
        let bytes = table.keys.map { Array($0.utf8) }
        let order = (0..<table.count).sorted { bytes[$0].lexicographicallyPrecedes(bytes[$1]) }
        var out = Output()
        out.terms = table.count
        var entries: [(key: String, json: String)] = []
        entries.reserveCapacity(table.count)
        var blocks = BlockFiles(options: options, docCount: docCount)
        for t in order {
            var parts: [String] = []
            var blocked = false
            for kind in ListKind.allCases {
                let ids = table.list(t, kind)
                let inline = PostingCodec.deltas(ids, base: 0)
                if inline.count <= options.inlineLimitBytes {
                    parts.append("\"" + String(decoding: inline, as: UTF8.self) + "\"")
                } else {
                    blocked = true
                    parts.append(blocks.add(ids))
                }
            }
            if blocked {
                parts.append(String(ShardWriter.unionCount(table.list(t, .names), table.list(t, .purpose))))
            } else {
                while parts.last == "\"\"" { parts.removeLast() }
            }
            entries.append((table.keys[t], JSONText.array(parts)))
        }
        let total = entries.reduce(0) { $0 + $1.key.utf8.count + $1.json.utf8.count + 4 }
        let shards = max(1, (total + options.shardTargetBytes - 1) / options.shardTargetBytes)
        var byShard = [[(String, String)]](repeating: [], count: shards)
        for e in entries { byShard[Int(ShardWriter.hash(e.key) % UInt32(shards))].append((e.key, e.json)) }
        for (k, pairs) in byShard.enumerated() {
            out.files.append(("s/\(k).json", JSONText.object(pairs)))
        }
        out.files += blocks.files
        out.shardCount = shards
        out.blockFiles = blocks.files.count
        return out
    }

    /// FNV-1a (32-bit) over the term's UTF-8 bytes: the shard is `hash % shardCount`.
    static func hash(_ key: String) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in key.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }

    /// |a ∪ b| for two sorted lists.
    static func unionCount(_ a: [Int32], _ b: [Int32]) -> Int {
        var i = 0, j = 0, n = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) { i += 1 } else if i == a.count || b[j] < a[i] { j += 1 } else { i += 1; j += 1 }
            n += 1
        }
        return n
    }
}

/// Long lists, cut into windows of `windowSize` documents and packed into files of
/// consecutive windows (`{"window":"block",…}`).
struct BlockFiles {
    let options: SearchIndexOptions
    let docCount: Int
    private(set) var files: [(path: String, text: String)] = []

    init(options: SearchIndexOptions, docCount: Int) {
        self.options = options
        self.docCount = docCount
    }

    /// Writes the list's blocks and returns its descriptor (a JSON array).
    mutating func add(_ ids: [Int32]) -> String {
        let w = options.windowSize
        var descriptor = [String(ids.count)]
        var pending: [(String, String)] = []
        var pendingBytes = 0
        func flush() {
            guard !pending.isEmpty else { return }
            files.append(("b/\(files.count).json", JSONText.object(pending)))
            pending = []
            pendingBytes = 0
        }
        var start = 0
        while start < ids.count {
            let window = Int(ids[start]) / w
            var end = start
            while end < ids.count && Int(ids[end]) / w == window { end += 1 }
            let length = min(w, docCount - window * w)
            let block = PostingCodec.block(ids[start..<end], start: window * w, length: length)
            if pendingBytes > 0 && pendingBytes + block.utf8.count > options.blockFileTargetBytes { flush() }
            pending.append((String(window), "\"" + block + "\""))
            pendingBytes += block.utf8.count + 8
            descriptor += [String(window), String(end - start), String(files.count)]
            start = end
        }
        flush()
        return JSONText.array(descriptor)
    }
}
