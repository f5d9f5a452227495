import BeianModel

/// What a result shows, in chunks of consecutive document ids: `d/<k>.json` (display records)
/// and `p/<k>.json` (purposes, fetched only to verify or show a purpose match).
///
/// A record is `[algorithm, entity, number digits, type, role, province, status, products,
/// approved on, cancelled on?]`; type, role, province and status index the manifest's lists.
/// Chunk `k` holds ids `k·size …`; an unused id (below `IDSpace.offset`) is `0`.
enum ResultChunks {
    static func files(_ docs: [SearchDocument], firstID: Int = 0, chunkSize: Int, provinces: [String: Int]) -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        var id = firstID / chunkSize * chunkSize
        while id < firstID + docs.count {
            let ids = id..<min(id + chunkSize, firstID + docs.count)
            let k = id / chunkSize
            out.append(("d/\(k).json", JSONText.array(ids.map { $0 < firstID ? "0" : record(docs[$0 - firstID], provinces: provinces) })))
            out.append(("p/\(k).json", JSONText.array(ids.map { $0 < firstID ? "0" : JSONText.string(docs[$0 - firstID].filing.purpose) })))
            id += chunkSize
        }
        return out
    }

    static func record(_ doc: SearchDocument, provinces: [String: Int]) -> String {
        let f = doc.filing
        var fields = [
            JSONText.string(f.algorithmName), JSONText.string(f.entityName), "\"" + f.number.digits + "\"",
            String(Facet.typeIndex(f.type)), String(Facet.roleIndex(f.role)),
            String(provinces[doc.provinceCode] ?? 0), String(Facet.statusIndex(f.status)),
            JSONText.string(f.products.joined(separator: "、")), "\"\(f.approvedOn)\"",
        ]
        if let cancelled = f.cancelledOn { fields.append("\"\(cancelled)\"") }
        return JSONText.array(fields)
    }
}
