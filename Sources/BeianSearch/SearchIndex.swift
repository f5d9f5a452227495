public import BeianModel
public import Foundation
import BeianStore

/// The client-side search of the portal (SPEC §5): a sharded JSON index plus the plain
/// JavaScript client that reads it.
///
/// The portal writes every returned file under `site/search/` and serves the page `/search/`
/// holding `<div id="search-app" data-base="<basePath>search/">` and
/// `<script src="<basePath>search/search.js" defer>`. Layout (all paths relative to `search/`):
/// `search.js`, `search.css`, `search-en.json`, `manifest.json`; term shards `s/`; long-list blocks `b/`;
/// exact names `x/`; result chunks `d/` and purposes `p/`; the sorted number index `n/`.
///
/// Terms: every unigram and bigram of the names and the purpose (`Tokenizer`), `#` + the first
/// 4–8 digits of the number, `@` facets; apart from them, each folded name (exact matches).
public enum SearchIndex {
    /// Builds the index of `filings`: relative path under `search/` → file bytes. Identical
    /// input gives identical bytes. `basePath` is the site's path prefix (`/` or `/sub/`),
    /// used for result links.
    public static func build(_ filings: [PublicFiling], basePath: String = "/",
                             options: SearchIndexOptions = SearchIndexOptions()) throws -> [String: Data] {
        try make(filings, basePath: basePath, options: options).files
    }

    /// As `build`, with figures about the index, the time each step took and the state an
    /// `update` can start from.
    /// `summaries`, when given, are the filings' (`PublicView.summaries`), so they are not
    /// computed again.
    public static func make(_ filings: [PublicFiling], summaries: [FilingSummary]? = nil, basePath: String = "/",
                            options: SearchIndexOptions = SearchIndexOptions()) throws -> SearchIndexOutput {
        let base = normalized(basePath)
        var steps = Steps()
        let ordered = steps.run("order") { OrderedFilings(filings, summaries: summaries) }
        let docs = ordered.map(SearchDocument.init)
        let space = IDSpace(count: docs.count, window: options.windowSize)
        let tasks = options.parallelism ?? ProcessInfo.processInfo.activeProcessorCount
        let table = steps.run("terms") {
            TermTable.build(docs, firstID: space.offset, numberDigits: options.numberTermDigits, tasks: tasks)
        }
        let common = steps.run("common bigrams") { CommonBigrams(table, docCount: docs.count) }
        let provinces = Facet.provinces(docs)
        let provinceIndex = Dictionary(uniqueKeysWithValues: provinces.enumerated().map { ($0.element.code, $0.offset) })
        // Term shards on one core, the rest (exact names, numbers, result chunks) on another.
        let (shards, (exact, numbers, chunks, identity)) = steps.run("shards, names, numbers, chunks") {
            Concurrent.both(tasks: tasks, { ShardWriter(options: options, idSpace: space.size).write(table) }, {
                (ExactNames(table.exact, targetBytes: options.exactShardTargetBytes),
                 NumberIndex(docs, firstID: space.offset, pageSize: options.numberPageSize, partSize: options.numberPartSize),
                 ResultChunks.files(docs, firstID: space.offset, chunkSize: options.chunkSize, provinces: provinceIndex),
                 identities(ordered))
            })
        }

        var files: [String: Data] = [:]
        steps.run("encode") {
            files.reserveCapacity(shards.files.count + exact.files.count + numbers.files.count + chunks.count + 3)
            for list in [shards.files, exact.files, numbers.files, chunks] {
                for f in list { files[f.path] = Data(f.text.utf8) }
            }
        }
        let settings = SearchState.settings(options, base: base)
        let client = try clientFiles()
        let version = Manifest.version(settings: settings, client: try clientKey(), numbers: identity.numbers,
                                       fingerprints: identity.fingerprints)
        let stats = Manifest.Stats(terms: shards.terms, shards: shards.shardCount, blockFiles: shards.blockFiles,
                                   numberPages: numbers.pages, partFirsts: numbers.partFirsts,
                                   common: common, exactShards: exact.shardCount)
        steps.run("manifest and client") {
            let manifest = Manifest(count: docs.count, idSpace: space.size, base: base, options: options, provinces: provinces,
                                    stats: stats, version: version)
            files["manifest.json"] = Data(manifest.json.utf8)
            for (path, text) in client { files[path] = Data(text.utf8) }
        }
        let state = SearchState(
            settings: settings, version: version, count: docs.count, size: space.size, numbers: identity.numbers,
            fingerprints: identity.fingerprints, terms: shards.terms, termBytes: shards.totalBytes, shards: shards.shardCount,
            blockNames: shards.blockNames.sorted(), exactBytes: exact.totalBytes, exactShards: exact.shardCount,
            common: common.keys, provinces: provinces.map { $0.code + "=" + $0.name }, pages: numbers.pageList)
        return SearchIndexOutput(files: files, kept: [], state: state, filings: docs.count, terms: shards.terms,
                                 termShards: shards.shardCount, blockFiles: shards.blockFiles, exactShards: exact.shardCount,
                                 steps: steps.done)
    }

    /// `basePath` as a path ending in `/`.
    static func normalized(_ basePath: String) -> String { BasePath(path: basePath).path }

    /// The client's files as published: the script and stylesheet compacted, and the English
    /// page's strings and names (`search-en.json`).
    static func clientFiles() throws -> [(String, String)] {
        [("search.js", try ClientAssets.text("search", ext: "js")), ("search.css", try ClientAssets.text("search", ext: "css")),
         ("search-en.json", try ClientAssets.english())]
    }

    /// The client files' paths, as `clientFiles` names them.
    static let clientPaths = ["search.js", "search.css", "search-en.json"]

    /// What the index's version says of the client: its sources (an update need not compact
    /// them) and the English file, whose names come from BeianModel.
    static func clientKey() throws -> String {
        try ClientAssets.source("search", ext: "js") + ClientAssets.source("search", ext: "css") + ClientAssets.english()
    }

    /// Every filing's number digits (21 bytes each, in order) and fingerprint, on `tasks` threads.
    static func identities(_ filings: OrderedFilings, tasks: Int = 1) -> (numbers: [UInt8], fingerprints: [UInt64]) {
        let n = filings.count < 4_096 ? 1 : max(1, tasks)
        let bounds = (0...n).map { filings.startIndex + filings.count * $0 / n }
        let parts = Concurrent.map(n, tasks: n) { i -> ([UInt8], [UInt64]) in
            var numbers: [UInt8] = []
            numbers.reserveCapacity((bounds[i + 1] - bounds[i]) * 21)
            var fingerprints: [UInt64] = []
            fingerprints.reserveCapacity(bounds[i + 1] - bounds[i])
            for j in bounds[i]..<bounds[i + 1] {
                let summary = filings.summary(j)
                summary.appendDigits(to: &numbers)
                fingerprints.append(summary.key)
            }
            return (numbers, fingerprints)
        }
        return (parts.flatMap(\.0), parts.flatMap(\.1))
    }
}

/// What `SearchIndex.make` built: the files and figures for logs and benchmarks.
public struct SearchIndexOutput: Sendable {
    /// Relative path under `search/` → bytes: every file (`make`), or those an update wrote.
    public var files: [String: Data]
    /// Files of the index unchanged since the build `update` started from (relative paths):
    /// keep them as they are. Empty after `make`.
    public var kept: [String]
    /// What the next `update` starts from.
    public var state: SearchState
    public var filings: Int
    public var terms: Int
    public var termShards: Int
    public var blockFiles: Int
    public var exactShards: Int
    /// Each step's name and seconds, in order.
    public var steps: [(name: String, seconds: Double)]

    /// Every file's bytes added up.
    public var bytes: Int { files.values.reduce(0) { $0 + $1.count } }
}

/// Named, timed steps (for `SearchIndexOutput.steps`).
struct Steps {
    var done: [(name: String, seconds: Double)] = []

    mutating func run<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        done.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        return value
    }
}
