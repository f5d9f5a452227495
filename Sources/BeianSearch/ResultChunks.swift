import BeianDiagnostics
import BeianModel

/// What a result shows, in chunks of consecutive document ids: `d/<k>.json` (display records)
/// and `p/<k>.json` (purposes, fetched only to verify or show a purpose match).
///
/// A record is `[algorithm, entity, number digits, type, role, province, status, products,
/// approved on, cancelled on?]`; type, role, province and status index the manifest's lists.
/// `products` is the products as published and then the products' hosts (网站域名), joined
/// with `、`: the client checks a match against them and shows them, highlighted, with no code
/// of its own for hosts — every byte of `search.js` is in the first query's 50 KB (SPEC §6).
/// Chunk `k` holds ids `k·size …`; an unused id (below `IDSpace.offset`) is `0`.
enum ResultChunks {
    static func files(_ docs: [SearchDocument], firstID: Int = 0, chunkSize: Int, provinces: [String: Int]) -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        var k = firstID / chunkSize
        while k * chunkSize < firstID + docs.count {
            out += chunk(k, chunkSize: chunkSize, ids: firstID..<(firstID + docs.count), provinces: provinces) { docs[$0 - firstID] }
            k += 1
        }
        return out
    }

    /// Chunk `k`'s two files; `ids` are the ids in use, `doc` gives the document of one.
    static func chunk(_ k: Int, chunkSize: Int, ids: Range<Int>, provinces: [String: Int],
                      doc: (Int) -> SearchDocument) -> [(path: String, text: String)] {
        let range = (k * chunkSize)..<min(k * chunkSize + chunkSize, ids.upperBound)
        let docs = range.map { $0 < ids.lowerBound ? nil : doc($0) }
        return [("d/\(k).json", JSONText.array(docs.map { $0.map { record($0, provinces: provinces) } ?? "0" })),
                ("p/\(k).json", JSONText.array(docs.map { $0.map { JSONText.string($0.filing.purpose) } ?? "0" }))]
    }

    static func record(_ doc: SearchDocument, provinces: [String: Int]) -> String {
        let f = doc.filing
        var fields = [
            JSONText.string(f.algorithmName), JSONText.string(f.entityName), "\"" + f.number.digits + "\"",
            String(Facet.typeIndex(f.type)), String(Facet.roleIndex(f.role)),
            String(provinces[doc.provinceCode] ?? 0), String(Facet.statusIndex(f.status)),
            JSONText.string((f.products + f.hosts).joined(separator: "、")), "\"\(f.approvedOn)\"",
        ]
        if let cancelled = f.cancelledOn { fields.append("\"\(cancelled)\"") }
        return JSONText.array(fields)
    }
}
