import BeianDiagnostics
/// Cuts the term table into hash shards (`s/<k>.json`) and block files of long lists (`b/<k>.json`).
///
/// A shard maps each of its terms to `[names, starts, purpose, df?]` (trailing empty lists
/// dropped). A list is either a string (short: every id, as gaps) or, when long,
/// `[count, window, countInWindow, file, …]` naming the block file of each window that has
/// postings; `df` (documents with the term anywhere) is given only when some list is long.
///
/// Names stay put as the corpus grows, so a new filing rewrites only the files its terms are in:
/// the shard count moves along `IDSpace.ladder`, and a block file is named by a hash of its
/// list and its highest window (`BlockFiles`), not by its position among all block files.
struct ShardWriter {
    let options: SearchIndexOptions
    /// `IDSpace.size`: ids run `0..<idSpace`.
    let idSpace: Int

    struct Output {
        var files: [(path: String, text: String)] = []
        var shardCount = 0
        var blockFiles = 0
        var terms = 0
        /// Entry bytes in all (what `shardCount` follows).
        var totalBytes = 0
        /// Every block file's name.
        var blockNames: [UInt32] = []
    }

    func write(_ table: TermTable) -> Output {
        let bytes = table.keys.map { Array($0.utf8) }
        let order = (0..<table.count).sorted { bytes[$0].lexicographicallyPrecedes(bytes[$1]) }
        var out = Output()
        out.terms = table.count
        var entries: [(key: String, json: String)] = []
        entries.reserveCapacity(table.count)
        var blocks = BlockFiles(options: options, idSpace: idSpace)
        for t in order {
            let key = table.keys[t]
            let lists = ListKind.allCases.map { table.list(t, $0) }
            entries.append((key, ShardWriter.entry(key: key, lists: lists, options: options, blocks: &blocks)))
        }
        let total = entries.reduce(0) { $0 + ShardWriter.bytes(key: $1.key, json: $1.json) }
        let shards = ShardWriter.shardCount(total: total, options: options)
        var byShard = [[(String, String)]](repeating: [], count: shards)
        for e in entries { byShard[Int(ShardWriter.hash(e.key) % UInt32(shards))].append((e.key, e.json)) }
        for (k, pairs) in byShard.enumerated() {
            out.files.append(("s/\(k).json", JSONText.object(pairs)))
        }
        out.files += blocks.files
        out.shardCount = shards
        out.blockFiles = blocks.files.count
        out.totalBytes = total
        out.blockNames = blocks.names
        return out
    }

    /// One term's entry: each list inline (gaps) when short, else in block files; `df` when
    /// some list is long. Both the full build and `SearchIndex.update` write entries here.
    static func entry(key: String, lists: [[Int32]], options: SearchIndexOptions, blocks: inout BlockFiles) -> String {
        var parts: [String] = []
        var blocked = false
        for kind in ListKind.allCases {
            let (part, long) = list(lists[kind.rawValue], key: key, kind: kind, options: options, blocks: &blocks)
            parts.append(part)
            if long { blocked = true }
        }
        if blocked {
            parts.append(String(ShardWriter.unionCount(lists[ListKind.names.rawValue], lists[ListKind.purpose.rawValue])))
        } else {
            while parts.last == "\"\"" { parts.removeLast() }
        }
        return JSONText.array(parts)
    }

    /// One list of an entry: inline gaps when short, else its blocks' descriptor (`long`).
    static func list(_ ids: [Int32], key: String, kind: ListKind, options: SearchIndexOptions,
                     blocks: inout BlockFiles) -> (part: String, long: Bool) {
        let inline = PostingCodec.deltas(ids, base: 0)
        if inline.count <= options.inlineLimitBytes { return ("\"" + String(decoding: inline, as: UTF8.self) + "\"", false) }
        return (blocks.add(ids, term: key, kind: kind), true)
    }

    /// What an entry counts towards the shard size that sets the shard count.
    static func bytes(key: String, json: String) -> Int { key.utf8.count + json.utf8.count + 4 }

    /// The shard count for entries of `total` bytes.
    static func shardCount(total: Int, options: SearchIndexOptions) -> Int {
        IDSpace.ladder(atLeast: (total + options.shardTargetBytes - 1) / options.shardTargetBytes)
    }

    /// FNV-1a (32-bit) over the term's UTF-8 bytes: the shard is `hash % shardCount`.
    static func hash(_ key: String) -> UInt32 { hash(bytes: key.utf8) }

    /// The same over bytes (a number's digits, without making a string).
    static func hash(bytes: some Sequence<UInt8>) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
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

/// Long lists, cut into windows of `windowSize` ids and packed into files of consecutive
/// windows (`{"window":"block",…}`), about `blockFileTargetBytes` each.
///
/// New filings take the lowest ids (`IDSpace`), so a list changes in its lowest windows. Files
/// are therefore packed from the highest window down and each is named by a hash of (term,
/// list kind, its highest window): the files of the older windows keep their names and bytes.
/// A name is a 32-bit number; a clash moves to the next free number (terms are visited in
/// a fixed order, so the result does not depend on anything but the input).
struct BlockFiles {
    let options: SearchIndexOptions
    let idSpace: Int
    private(set) var files: [(path: String, text: String)] = []
    /// Names taken: by the files written here, and (for an update) by every other block file.
    private(set) var used = Set<UInt32>()
    /// Names of the files written here, in order.
    private(set) var names: [UInt32] = []
    /// True once a name had to move off its hash (a clash): an update then defers to a full build.
    private(set) var moved = false


    init(options: SearchIndexOptions, idSpace: Int, used: Set<UInt32> = []) {
        self.options = options
        self.idSpace = idSpace
        self.used = used
    }

    /// Writes the list's blocks and returns its descriptor (a JSON array, windows ascending).
    mutating func add(_ ids: [Int32], term: String, kind: ListKind) -> String {
        pack(count: ids.count, kept: [], windows: windows(ids[...]), term: term, kind: kind)
    }

    /// The windows of `ids` that hold postings, highest first, each with its block.
    func windows(_ ids: ArraySlice<Int32>) -> [(window: Int, count: Int, block: String)] {
        let w = options.windowSize
        var windows: [(window: Int, count: Int, block: String)] = []
        var end = ids.endIndex
        while end > ids.startIndex {
            let window = Int(ids[end - 1]) / w
            var start = end
            while start > ids.startIndex && Int(ids[start - 1]) / w == window { start -= 1 }
            let length = min(w, idSpace - window * w)
            windows.append((window, end - start, PostingCodec.block(ids[start..<end], start: window * w, length: length)))
            end = start
        }
        return windows
    }

    /// Packs `windows` (highest first, each with its block) into files from the highest down,
    /// below the `kept` windows (highest first), whose files stay as they are; returns the
    /// descriptor of the whole list of `count` ids (windows ascending). Packing from the top
    /// is what keeps the files of older windows: a change at the bottom only repacks the
    /// bottom (`SearchIndex.update`).
    mutating func pack(count: Int, kept: [(window: Int, count: Int, file: Int)], windows: [(window: Int, count: Int, block: String)],
                       term: String, kind: ListKind) -> String {
        var fileOf = [Int](repeating: 0, count: windows.count)
        var pending: [(String, String)] = []
        var pendingBytes = 0
        var pendingFrom = 0
        func flush(upTo i: Int) {
            guard !pending.isEmpty else { return }
            let name = self.name(term: term, kind: kind, window: windows[pendingFrom].window)
            // Keys ascending, as a reader expects them.
            files.append(("b/\(name).json", JSONText.object(pending.reversed())))
            for k in pendingFrom..<i { fileOf[k] = Int(name) }
            pending = []
            pendingBytes = 0
            pendingFrom = i
        }
        for (i, entry) in windows.enumerated() {
            if pendingBytes > 0 && pendingBytes + entry.block.utf8.count > options.blockFileTargetBytes { flush(upTo: i) }
            pending.append((String(entry.window), "\"" + entry.block + "\""))
            pendingBytes += entry.block.utf8.count + 8
        }
        flush(upTo: windows.count)
        var descriptor = [String(count)]
        for i in windows.indices.reversed() {
            descriptor += [String(windows[i].window), String(windows[i].count), String(fileOf[i])]
        }
        for k in kept.reversed() { descriptor += [String(k.window), String(k.count), String(k.file)] }
        return JSONText.array(descriptor)
    }

    /// The file name for the block file of `term`'s `kind` list starting (from the top) at
    /// `window`: FNV-1a 32 of them (a clash among the ~15,000 files of a 100,000-filing index is
    /// unlikely: ~2 %), the next free number on a clash.
    private mutating func name(term: String, kind: ListKind, window: Int) -> UInt32 {
        var slot = BlockFiles.hashName(term: term, kind: kind, window: window)
        while !used.insert(slot).inserted {
            slot &+= 1
            moved = true
        }
        names.append(slot)
        return slot
    }

    /// Frees names (of files an update rewrites) for this build to give again.
    mutating func release(_ old: some Sequence<UInt32>) {
        for n in old { used.remove(n) }
    }

    /// The name a block file gets when nothing else has it.
    static func hashName(term: String, kind: ListKind, window: Int) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in term.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        for b in "\u{0}\(kind.rawValue)\u{0}\(window)".utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return h
    }
}
