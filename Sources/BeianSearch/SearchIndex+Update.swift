import BeianDiagnostics
public import BeianModel
public import Foundation

extension SearchIndex {
    /// Updates the index that `previous` describes so that it indexes `filings`, reading the
    /// previous index's files with `read` (path relative to `search/` → bytes). The result is
    /// byte for byte what `make(filings)` gives (tests compare them), for a fraction of the work:
    /// only the files holding the new filings' terms, names, numbers and results are made.
    ///
    /// What it handles: new filings at the newest end — approvals. Filings approved the same
    /// day as a new one may move to make room (ties are by number); they are re-indexed with
    /// it (the "front": at most `maxFront` documents). Every other filing must keep its id and
    /// fingerprint. Returns nil — call `make` — for anything else (a cancellation, an edited or
    /// removed filing, a filing dated before the newest) or when something that numbers the
    /// files moved: the id space, the shard counts, the common-bigram threshold, the provinces,
    /// a block file's name; or when the client or the settings changed.
    public static func update(_ filings: [PublicFiling], summaries: [FilingSummary]? = nil, basePath: String = "/",
                              options: SearchIndexOptions = SearchIndexOptions(), previous: SearchState,
                              read: @escaping (String) -> Data?) throws -> SearchIndexOutput? {
        if case .done(let output) = try attempt(filings, summaries: summaries, basePath: basePath, options: options, previous: previous, read: read) { return output }
        return nil
    }

    /// What `update` did: the output, or why it could not (then `make` is needed).
    public enum Attempt: Sendable {
        case done(SearchIndexOutput)
        case refused(String)
    }

    /// As `update`, saying why when it cannot update.
    public static func attempt(_ filings: [PublicFiling], summaries: [FilingSummary]? = nil, basePath: String = "/",
                               options: SearchIndexOptions = SearchIndexOptions(), previous: SearchState,
                               read: @escaping (String) -> Data?) throws -> Attempt {
        let base = normalized(basePath)
        var steps = Steps()
        let settings = SearchState.settings(options, base: base)
        guard previous.settings == settings else { return .refused("the base path or index options changed") }
        let ordered = steps.run("order") { OrderedFilings(filings, summaries: summaries) }
        let space = IDSpace(count: ordered.count, window: options.windowSize)
        let added = ordered.count - previous.count
        guard added >= 0 else { return .refused("filings were removed") }
        guard space.size == previous.size else { return .refused("the filing count passed a multiple of \(options.windowSize): every id moves") }
        let tasks = options.parallelism ?? ProcessInfo.processInfo.activeProcessorCount
        let identity = steps.run("fingerprints") { identities(ordered, tasks: tasks) }
        // Ids from `unchangedFrom` up hold the same filings as before; below is the front: the
        // new filings and the `moved` old ones, all of which must be among the new front.
        var same = 0
        identity.numbers.withUnsafeBytes { now in
            previous.numbers.withUnsafeBytes { before in
                while same < previous.count, identity.fingerprints[ordered.count - 1 - same] == previous.fingerprints[previous.count - 1 - same],
                      memcmp(now.baseAddress! + (ordered.count - 1 - same) * 21, before.baseAddress! + (previous.count - 1 - same) * 21, 21) == 0 {
                    same += 1
                }
            }
        }
        let moved = previous.count - same
        let front = added + moved
        let unchangedFrom = space.size - same
        guard moved <= SearchIndex.maxFront else { return .refused("\(moved) earlier filings changed or moved (a cancellation, an edit, or a filing dated before the newest)") }
        if moved > 0 {
            let newFront = Set((0..<front).map { identity.fingerprints[$0] })
            guard (0..<moved).allSatisfy({ newFront.contains(previous.fingerprints[$0]) }) else { return .refused("a recent filing changed (cancelled or edited)") }
        }
        let clientText = try clientKey()
        // The previous index was made by this code from these settings (else its bytes differ).
        guard Manifest.version(settings: settings, client: clientText, numbers: previous.numbers,
                               fingerprints: previous.fingerprints) == previous.version else { return .refused("the search client or index format changed") }
        let paths = { (state: SearchState) in state.paths(options) }
        if added == 0 {
            return .done(SearchIndexOutput(files: [:], kept: paths(previous), state: previous, filings: previous.count,
                                     terms: previous.terms, termShards: previous.shards, blockFiles: previous.blockNames.count,
                                     exactShards: previous.exactShards, steps: steps.done))
        }
        let docs = ordered[..<front].map(SearchDocument.init)
        let provinces = previous.provinces.map { entry -> (code: String, name: String) in
            let parts = entry.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        let provinceIndex = Dictionary(uniqueKeysWithValues: provinces.enumerated().map { ($0.element.code, $0.offset) })
        guard docs.allSatisfy({ provinceIndex[$0.provinceCode] != nil }),
              CommonBigrams.threshold(docCount: ordered.count) == CommonBigrams.threshold(docCount: previous.count)
        else { return .refused("a new province, or the common-bigram threshold moved") }

        var files: [String: Data] = [:]
        var state = previous
        let table = steps.run("terms") { TermTable.build(docs, firstID: space.offset, numberDigits: options.numberTermDigits) }

        // Term shards: each shard holding a new term, its entries patched.
        var common = Set(previous.common)
        var blocks = BlockFiles(options: options, idSpace: space.size, used: Set(previous.blockNames))
        var released = Set<UInt32>()
        let threshold = CommonBigrams.threshold(docCount: ordered.count)
        let shardTerms = Dictionary(grouping: 0..<table.count) { Int(ShardWriter.hash(table.keys[$0]) % UInt32(previous.shards)) }
        var blockReader = BlockReader(read: read, window: options.windowSize)
        let patched: Bool = steps.run("term shards") {
            for (k, terms) in shardTerms.sorted(by: { $0.key < $1.key }) {
                guard let data = read("s/\(k).json"), let members = RawJSON.members(Array(data)) else { return false }
                var entries = members.map { (key: $0.key, json: String(decoding: $0.raw, as: UTF8.self)) }
                var at = Dictionary(entries.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { a, _ in a })
                for t in terms {
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
                }
                // As the full build orders them: by the key's bytes.
                entries.sort { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
                files["s/\(k).json"] = Data(JSONText.object(entries.map { ($0.key, $0.json) }).utf8)
            }
            return true
        }
        guard patched else { return .refused("a term shard of the live index is missing or unreadable") }
        guard !blocks.moved else { return .refused("a block file name clashed") }
        guard ShardWriter.shardCount(total: state.termBytes, options: options) == previous.shards else { return .refused("the term shard count steps up") }
        // A long list is re-encoded whole; its files of older windows come out as they were.
        for f in blocks.files {
            let bytes = Data(f.text.utf8)
            if blockReader.bytes(of: f.path) != bytes { files[f.path] = bytes }
        }
        state.blockNames = Set(previous.blockNames).subtracting(released).union(blocks.names).sorted()
        state.common = CommonBigrams(keys: Array(common)).keys

        // Exact names: each x shard holding a new name, its entries patched.
        let exactDone: Bool = steps.run("exact names") {
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
                    var lists = byHash[h]!
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
                }
                entries.sort { $0.hash < $1.hash }
                files["x/\(k).json"] = Data(JSONText.object(entries.map { (String($0.hash, radix: 36), $0.json) }).utf8)
            }
            return true
        }
        guard exactDone else { return .refused("an exact-name shard of the live index is missing or unreadable") }
        guard ExactNames.shardCount(total: state.exactBytes, targetBytes: options.exactShardTargetBytes) == previous.exactShards
        else { return .refused("the exact-name shard count steps up") }

        // Number pages: those holding a new number, or cut differently than before; the parts.
        steps.run("number index") {
            let newIDs = space.offset..<unchangedFrom
            let sorted = SortedNumbers(identity.numbers, firstID: space.offset)
            let before = Set(previous.pages.map { "\($0.first)/\($0.count)" })
            let numbers = NumberIndex(sorted: sorted, pageSize: options.numberPageSize, partSize: options.numberPartSize) { range in
                !before.contains("\(sorted.string(range.lowerBound))/\(range.count)") || sorted.ids[range].contains { newIDs.contains($0) }
            }
            for f in numbers.files { files[f.path] = Data(f.text.utf8) }
            state.pages = numbers.pageList
        }

        // Result chunks of the new ids.
        steps.run("result chunks") {
            let ids = space.offset..<(space.offset + ordered.count)
            for k in (space.offset / options.chunkSize)...((unchangedFrom - 1) / options.chunkSize) {
                for f in ResultChunks.chunk(k, chunkSize: options.chunkSize, ids: ids, provinces: provinceIndex, doc: { id in
                    id - space.offset < front ? docs[id - space.offset] : SearchDocument(ordered[id - space.offset])
                }) { files[f.path] = Data(f.text.utf8) }
            }
        }

        state.count = ordered.count
        state.numbers = identity.numbers
        state.fingerprints = identity.fingerprints
        state.version = Manifest.version(settings: settings, client: clientText, numbers: identity.numbers,
                                         fingerprints: identity.fingerprints)
        let stats = Manifest.Stats(terms: state.terms, shards: state.shards, blockFiles: state.blockNames.count,
                                   numberPages: state.pages.count,
                                   partFirsts: stride(from: 0, to: state.pages.count, by: options.numberPartSize).map { state.pages[$0].first },
                                   common: CommonBigrams(keys: state.common), exactShards: state.exactShards)
        let manifest = Manifest(count: state.count, idSpace: state.size, base: base, options: options, provinces: provinces,
                                stats: stats, version: state.version)
        files["manifest.json"] = Data(manifest.json.utf8)
        let kept = paths(state).filter { files[$0] == nil }
        return .done(SearchIndexOutput(files: files, kept: kept, state: state, filings: state.count, terms: state.terms,
                                       termShards: state.shards, blockFiles: state.blockNames.count, exactShards: state.exactShards,
                                       steps: steps.done))
    }
}

extension SearchIndex {
    /// The most filings an update re-indexes besides the new ones (same-day approvals that move).
    static let maxFront = 4_096
}

/// Reads a term's entry back into its three lists, loading the block files of long lists
/// (each file parsed once), and names the block files it used.
struct BlockReader {
    let read: (String) -> Data?
    let window: Int
    private var parsed: [String: [String: ArraySlice<UInt8>]] = [:]
    private var raw: [String: Data] = [:]

    init(read: @escaping (String) -> Data?, window: Int) {
        self.read = read
        self.window = window
    }

    mutating func entry(_ json: String) -> (lists: [[Int32]], names: [UInt32])? {
        guard let items = RawJSON.items(Array(json.utf8)[...]), items.count <= ListKind.slots + 1 else { return nil }
        var lists: [[Int32]] = []
        var names: [UInt32] = []
        for slot in 0..<ListKind.slots {
            guard slot < items.count else { lists.append([]); continue }
            let item = items[slot]
            if let text = RawJSON.plainString(item) {
                guard let ids = PostingCodec.decodeGaps(text, base: 0) else { return nil }
                lists.append(ids)
                continue
            }
            // [count, window, countInWindow, file, …]
            guard let parts = RawJSON.items(item), parts.count % 3 == 1, let count = RawJSON.int(parts[0]) else { return nil }
            var ids: [Int32] = []
            ids.reserveCapacity(count)
            var i = 1
            while i < parts.count {
                guard let w = RawJSON.int(parts[i]), let c = RawJSON.int(parts[i + 1]), let file = RawJSON.int(parts[i + 2]),
                      let raw = block(file: file, window: w), let text = RawJSON.plainString(raw),
                      let got = PostingCodec.decodeBlock(text, start: w * window, length: window), got.count == c
                else { return nil }
                ids += got
                if names.last != UInt32(file) { names.append(UInt32(file)) }
                i += 3
            }
            guard ids.count == count else { return nil }
            lists.append(ids)
        }
        return (lists, Array(Set(names)))
    }

    /// The ids of one window of a long list, from its block file.
    mutating func ids(file: Int, window w: Int) -> [Int32]? {
        guard let raw = block(file: file, window: w), let text = RawJSON.plainString(raw) else { return nil }
        return PostingCodec.decodeBlock(text, start: w * window, length: window)
    }

    /// One window's block text as written (no quotes), from its block file.
    mutating func blockText(file: Int, window w: Int) -> String? {
        guard let raw = block(file: file, window: w), let text = RawJSON.plainString(raw) else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func block(file: Int, window w: Int) -> ArraySlice<UInt8>? {
        let path = "b/\(file).json"
        if parsed[path] == nil {
            guard let data = read(path), let members = RawJSON.members(Array(data)) else { return nil }
            parsed[path] = Dictionary(members.map { ($0.key, $0.raw) }, uniquingKeysWith: { a, _ in a })
            raw[path] = data
        }
        return parsed[path]?[String(w)]
    }

    /// The bytes of a block file read so far (nil when it was not read).
    func bytes(of path: String) -> Data? { raw[path] }
}
