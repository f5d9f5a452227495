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
        let same = unchangedTail(identity, count: ordered.count, previous: previous)
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
        if added == 0 {
            return .done(SearchIndexOutput(files: [:], kept: previous.paths(options), state: previous, filings: previous.count,
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

        let table = steps.run("terms") { TermTable.build(docs, firstID: space.offset, numberDigits: options.numberTermDigits) }
        var update = IndexUpdate(options: options, previous: previous, read: read, space: space, table: table,
                                 unchangedFrom: unchangedFrom, threshold: CommonBigrams.threshold(docCount: ordered.count))
        if let refused = update.patch(steps: &steps) { return .refused(refused) }
        steps.run("number index") { update.numberPages(identity.numbers) }
        steps.run("result chunks") {
            update.resultChunks(count: ordered.count, provinces: provinceIndex) { id in
                id - space.offset < front ? docs[id - space.offset] : SearchDocument(ordered[id - space.offset])
            }
        }
        let version = Manifest.version(settings: settings, client: clientText, numbers: identity.numbers, fingerprints: identity.fingerprints)
        return .done(update.output(count: ordered.count, identity: identity, version: version, base: base, provinces: provinces, steps: steps.done))
    }

    /// How many of the newest ids (from the top of the id space) hold the same filing as before.
    private static func unchangedTail(_ identity: (numbers: [UInt8], fingerprints: [UInt64]), count: Int, previous: SearchState) -> Int {
        var same = 0
        identity.numbers.withUnsafeBytes { now in
            previous.numbers.withUnsafeBytes { before in
                while same < previous.count, identity.fingerprints[count - 1 - same] == previous.fingerprints[previous.count - 1 - same],
                      memcmp(now.baseAddress! + (count - 1 - same) * 21, before.baseAddress! + (previous.count - 1 - same) * 21, 21) == 0 {
                    same += 1
                }
            }
        }
        return same
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
