import BeianDiagnostics
import BeianModel
import Foundation

/// `manifest.json`: what the client needs before its first query — sizes of the index, link
/// templates, facet labels, the number index's top level and a version for cache busting.
///
/// Format `v` 2 adds `links`: the link templates relative to the site's pages (`filings/{id}/`),
/// which the client puts under the page's `data-pages` prefix (`/` or `/en/`); `filing` and
/// `entity` stay the absolute templates (base path included) for a page without `data-pages`
/// and for clients from before `links` (an addition: either client reads either manifest).
/// The facet names stay in Chinese, as published; the English ones are in `search-en.json`
/// (`ClientAssets.english`), which only the English page fetches.
struct Manifest {
    struct Stats {
        var terms: Int
        var shards: Int
        var blockFiles: Int
        var numberPages: Int
        var partFirsts: [String]
        var common: CommonBigrams
        var exactShards: Int
    }

    /// Documents indexed.
    let count: Int
    /// Ids `0..<idSpace` (`IDSpace.size`): what window arithmetic spans; `count` is the count.
    let idSpace: Int
    let base: String
    let options: SearchIndexOptions
    let provinces: [(code: String, name: String)]
    let stats: Stats
    let version: String

    var json: String {
        let strings = { (xs: [String]) in JSONText.array(xs.map(JSONText.string)) }
        var pairs: [(String, String)] = [
            ("v", "2"),
            ("h", JSONText.string(version)),
            ("docs", String(count)),
            ("ids", String(idSpace)),
            ("terms", String(stats.terms)),
            ("shards", String(stats.shards)),
            ("xs", String(stats.exactShards)),
            ("window", String(options.windowSize)),
            ("chunk", String(options.chunkSize)),
            ("numTerms", JSONText.array([String(options.numberTermDigits.lowerBound), String(options.numberTermDigits.upperBound)])),
            ("numPage", String(options.numberPageSize)),
            ("numPart", String(options.numberPartSize)),
            ("numPages", String(stats.numberPages)),
            ("np", strings(stats.partFirsts)),
            ("cb", String(stats.common.bits)),
            ("cm", JSONText.string(stats.common.text)),
            ("filing", JSONText.string(base + options.filingPath)),
        ]
        if let entity = options.entityPath { pairs.append(("entity", JSONText.string(base + entity))) }
        var links = [("filing", JSONText.string(options.filingPath))]
        if let entity = options.entityPath { links.append(("entity", JSONText.string(entity))) }
        pairs.append(("links", JSONText.object(links)))
        pairs += [
            ("types", JSONText.array(AlgorithmType.allCases.map { JSONText.array([JSONText.string($0.code), JSONText.string($0.rawValue)]) })),
            ("roles", strings(AlgorithmRole.allCases.map(\.rawValue))),
            ("provinces", JSONText.array(provinces.map { JSONText.array([JSONText.string($0.code), JSONText.string($0.name)]) })),
            ("statuses", strings(PublicStatus.allCases.map(\.rawValue))),
        ]
        return JSONText.object(pairs)
    }

    /// A digest of what the index is made from — the state format (bumped when the encoders
    /// change), the settings, the client, every filing's number and fingerprint in id order —
    /// so a changed index is fetched afresh (`?v=`) while an unchanged one stays cached. It is
    /// computed from the input, not the files, so an update need not read every file.
    static func version(settings: String, client: String, numbers: [UInt8], fingerprints: [UInt64]) -> String {
        // Eight bytes at a time (`StableHash`): 3 MB of numbers and keys at 100,000 filings.
        var h = StableHash(SearchState.format, settings, client)
        numbers.withUnsafeBytes { h.add(bytes: $0) }
        fingerprints.withUnsafeBytes { h.add(bytes: $0) }
        return h.hex
    }
}
