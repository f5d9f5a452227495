import BeianDiagnostics
import Foundation

/// One update in progress (`SearchIndex.attempt`, once its checks passed): the previous
/// index's state moved to the new filings, and the files the update writes. Each step patches
/// one kind of file, in the order a full build writes them.
struct IndexUpdate {
    let options: SearchIndexOptions
    let previous: SearchState
    let read: (String) -> Data?
    let space: IDSpace
    /// The terms of the front's documents.
    let table: TermTable
    /// Ids from here up hold the same filings as before.
    let unchangedFrom: Int
    /// The common-bigram threshold (the same before and after: checked).
    let threshold: Int
    var files: [String: Data] = [:]
    var state: SearchState
    var blocks: BlockFiles
    var blockReader: BlockReader
    var released = Set<UInt32>()
    var common: Set<String>

    init(options: SearchIndexOptions, previous: SearchState, read: @escaping (String) -> Data?, space: IDSpace,
         table: TermTable, unchangedFrom: Int, threshold: Int) {
        self.options = options
        self.previous = previous
        self.read = read
        self.space = space
        self.table = table
        self.unchangedFrom = unchangedFrom
        self.threshold = threshold
        state = previous
        blocks = BlockFiles(options: options, idSpace: space.size, used: Set(previous.blockNames))
        blockReader = BlockReader(read: read, window: options.windowSize)
        common = Set(previous.common)
    }

    /// Patches the term shards, the block files and the exact-name shards; why not, when the
    /// live index cannot be patched (then the index is made again).
    mutating func patch(steps: inout Steps) -> String? {
        guard steps.run("term shards", { patchTermShards() }) else { return "a term shard of the live index is missing or unreadable" }
        guard !blocks.moved else { return "a block file name clashed" }
        guard ShardWriter.shardCount(total: state.termBytes, options: options) == previous.shards else { return "the term shard count steps up" }
        // A long list is re-encoded whole; its files of older windows come out as they were.
        for f in blocks.files {
            let bytes = Data(f.text.utf8)
            if blockReader.bytes(of: f.path) != bytes { files[f.path] = bytes }
        }
        state.blockNames = Set(previous.blockNames).subtracting(released).union(blocks.names).sorted()
        state.common = CommonBigrams(keys: Array(common)).keys
        guard steps.run("exact names", { patchExactNames() }) else { return "an exact-name shard of the live index is missing or unreadable" }
        guard ExactNames.shardCount(total: state.exactBytes, targetBytes: options.exactShardTargetBytes) == previous.exactShards
        else { return "the exact-name shard count steps up" }
        return nil
    }

    /// Term shards: each shard holding a new term, its entries patched.
    private mutating func patchTermShards() -> Bool {
        let shardTerms = Dictionary(grouping: 0..<table.count) { Int(ShardWriter.hash(table.keys[$0]) % UInt32(previous.shards)) }
        for (k, terms) in shardTerms.sorted(by: { $0.key < $1.key }) {
            guard let data = read("s/\(k).json"), let members = RawJSON.members(Array(data)) else { return false }
            var entries = members.map { (key: $0.key, json: String(decoding: $0.raw, as: UTF8.self)) }
            var at = Dictionary(entries.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { a, _ in a })
            for t in terms {
                guard patchTerm(t, entries: &entries, at: &at) else { return false }
            }
            // As the full build orders them: by the key's bytes.
            entries.sort { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            files["s/\(k).json"] = Data(JSONText.object(entries.map { ($0.key, $0.json) }).utf8)
        }
        return true
    }

    /// One term of the front into its shard's entries: its entry patched, or a new one.
    private mutating func patchTerm(_ t: Int, entries: inout [(key: String, json: String)], at: inout [String: Int]) -> Bool {
        let key = table.keys[t]
        let lists = ListKind.allCases.map { table.list(t, $0) }
        var namesCount = lists[ListKind.names.rawValue].count
        if let i = at[key] {
            guard let patched = EntryPatch.patch(entries[i].json, key: key, front: lists, unchangedFrom: unchangedFrom,
                                                 options: options, blocks: &blocks,
                                                 reader: &blockReader, released: &released)
            else { return false }
            namesCount = patched.namesCount
            state.termBytes -= ShardWriter.bytes(key: key, json: entries[i].json)
            entries[i].json = patched.json
            state.termBytes += ShardWriter.bytes(key: key, json: entries[i].json)
        } else {
            let json = ShardWriter.entry(key: key, lists: lists, options: options, blocks: &blocks)
            at[key] = entries.count
            entries.append((key, json))
            state.terms += 1
            state.termBytes += ShardWriter.bytes(key: key, json: json)
        }
        if CommonBigrams.isBigram(key), namesCount >= threshold { common.insert(key) }
        return true
    }

    /// Exact names: each x shard holding a new name, its entries patched.
    private mutating func patchExactNames() -> Bool {
        var byHash: [UInt32: [[Int32]]] = [:]
        for (name, lists) in table.exact where !name.isEmpty {
            let h = ShardWriter.hash(name)
            byHash[h] = byHash[h].map { [Set($0[0] + lists[0]).sorted(), Set($0[1] + lists[1]).sorted()] } ?? lists
        }
        let byShard = Dictionary(grouping: byHash.keys) { Int($0 % UInt32(previous.exactShards)) }
        for (k, hashes) in byShard.sorted(by: { $0.key < $1.key }) {
            guard let data = read("x/\(k).json"), let members = RawJSON.members(Array(data)) else { return false }
            var entries: [(hash: UInt32, json: String)] = []
            for m in members {
                guard let h = UInt32(m.key, radix: 36) else { return false }
                entries.append((h, String(decoding: m.raw, as: UTF8.self)))
            }
            var at = Dictionary(entries.enumerated().map { ($0.element.hash, $0.offset) }, uniquingKeysWith: { a, _ in a })
            for h in hashes {
                guard patchExactName(byHash[h]!, hash: h, entries: &entries, at: &at) else { return false }
            }
            entries.sort { $0.hash < $1.hash }
            files["x/\(k).json"] = Data(JSONText.object(entries.map { (String($0.hash, radix: 36), $0.json) }).utf8)
        }
        return true
    }

    /// One name's lists into its shard's entries: the kept ids appended to the front's.
    private mutating func patchExactName(_ front: [[Int32]], hash h: UInt32, entries: inout [(hash: UInt32, json: String)],
                                         at: inout [UInt32: Int]) -> Bool {
        var lists = front
        if let i = at[h] {
            guard let items = RawJSON.items(Array(entries[i].json.utf8)[...]), (1...2).contains(items.count) else { return false }
            for (slot, item) in items.enumerated() {
                guard let text = RawJSON.plainString(item), let old = PostingCodec.decodeGaps(text, base: 0) else { return false }
                lists[slot] = lists[slot] + old.drop { Int($0) < unchangedFrom }
            }
            state.exactBytes -= ExactNames.bytes(entries[i].json)
            entries[i].json = ExactNames.entry(lists)
            state.exactBytes += ExactNames.bytes(entries[i].json)
        } else {
            at[h] = entries.count
            entries.append((h, ExactNames.entry(lists)))
            state.exactBytes += ExactNames.bytes(entries.last!.json)
        }
        return true
    }

    /// Number pages: those holding a new number, or cut differently than before; the parts.
    mutating func numberPages(_ numbers: [UInt8]) {
        let newIDs = space.offset..<unchangedFrom
        let sorted = SortedNumbers(numbers, firstID: space.offset)
        let before = Set(previous.pages.map { "\($0.first)/\($0.count)" })
        let index = NumberIndex(sorted: sorted, pageSize: options.numberPageSize, partSize: options.numberPartSize) { range in
            !before.contains("\(sorted.string(range.lowerBound))/\(range.count)") || sorted.ids[range].contains { newIDs.contains($0) }
        }
        for f in index.files { files[f.path] = Data(f.text.utf8) }
        state.pages = index.pageList
    }

    /// Result chunks of the new ids (`doc`: the document of an id).
    mutating func resultChunks(count: Int, provinces: [String: Int], doc: (Int) -> SearchDocument) {
        let ids = space.offset..<(space.offset + count)
        for k in (space.offset / options.chunkSize)...((unchangedFrom - 1) / options.chunkSize) {
            for f in ResultChunks.chunk(k, chunkSize: options.chunkSize, ids: ids, provinces: provinces, doc: doc) {
                files[f.path] = Data(f.text.utf8)
            }
        }
    }

    /// The new state and manifest, and the update's output.
    mutating func output(count: Int, identity: (numbers: [UInt8], fingerprints: [UInt64]), version: String, base: String,
                         provinces: [(code: String, name: String)], steps: [(name: String, seconds: Double)]) -> SearchIndexOutput {
        state.count = count
        state.numbers = identity.numbers
        state.fingerprints = identity.fingerprints
        state.version = version
        let stats = Manifest.Stats(terms: state.terms, shards: state.shards, blockFiles: state.blockNames.count,
                                   numberPages: state.pages.count,
                                   partFirsts: stride(from: 0, to: state.pages.count, by: options.numberPartSize).map { state.pages[$0].first },
                                   common: CommonBigrams(keys: state.common), exactShards: state.exactShards)
        let manifest = Manifest(count: state.count, idSpace: state.size, base: base, options: options, provinces: provinces,
                                stats: stats, version: state.version)
        files["manifest.json"] = Data(manifest.json.utf8)
        let kept = state.paths(options).filter { files[$0] == nil }
        return SearchIndexOutput(files: files, kept: kept, state: state, filings: state.count, terms: state.terms,
                                 termShards: state.shards, blockFiles: state.blockNames.count, exactShards: state.exactShards,
                                 steps: steps)
    }
}
