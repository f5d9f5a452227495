public import BeianModel
public import Foundation

/// The client-side search of the portal (SPEC §5): a sharded JSON index plus the plain
/// JavaScript client that reads it.
///
/// The portal writes every returned file under `site/search/` and links the page
/// `/search/` that holds `<div id="search-app" data-base="<basePath>search/">` and
/// `<script src="<basePath>search/search.js" defer>`. Layout (all paths relative to `search/`):
/// `search.js`, `search.css`, `manifest.json`; term shards `s/`; long-list blocks `b/`;
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
        var base = basePath.isEmpty ? "/" : basePath
        if !base.hasSuffix("/") { base += "/" }
        let docs = SearchDocument.order(filings)
        let provinces = Facet.provinces(docs)
        let provinceIndex = Dictionary(uniqueKeysWithValues: provinces.enumerated().map { ($0.element.code, $0.offset) })

        var text: [(path: String, text: String)] = []
        let table = TermTable.build(docs, numberDigits: options.numberTermDigits)
        let common = CommonBigrams(table, docCount: docs.count)
        let shards = ShardWriter(options: options, docCount: docs.count).write(table)
        text += shards.files
        let exact = ExactNames(table.exact, targetBytes: options.exactShardTargetBytes)
        text += exact.files
        let numbers = NumberIndex(docs, pageSize: options.numberPageSize, partSize: options.numberPartSize)
        text += numbers.files
        text += ResultChunks.files(docs, chunkSize: options.chunkSize, provinces: provinceIndex)

        var files: [String: Data] = [:]
        files.reserveCapacity(text.count + 3)
        for f in text { files[f.path] = Data(f.text.utf8) }
        let stats = Manifest.Stats(terms: shards.terms, shards: shards.shardCount, blockFiles: shards.blockFiles,
                                   numberPages: numbers.pages, partFirsts: numbers.partFirsts,
                                   common: common, exactShards: exact.shardCount)
        let manifest = Manifest(docs: docs, base: base, options: options, provinces: provinces, stats: stats,
                                version: Manifest.version(of: files))
        files["manifest.json"] = Data(manifest.json.utf8)
        files["search.js"] = Data(try ClientAssets.text("search", ext: "js").utf8)
        files["search.css"] = Data(try ClientAssets.text("search", ext: "css").utf8)
        return files
    }
}
