import BeianModel

/// What a result shows, in chunks of consecutive document ids: `d/<k>.json` (display records)
/// and `p/<k>.json` (purposes, fetched only to verify or show a purpose match).
///
/// A record is `[algorithm, entity, number digits, type, role, province, status, products,
/// approved on, cancelled on?]`; type, role, province and status index the manifest's lists.
enum ResultChunks {
    static func files(_ docs: [SearchDocument], chunkSize: Int, provinces: [String: Int]) -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        var start = 0
        while start < docs.count {
            let slice = docs[start..<min(start + chunkSize, docs.count)]
            let k = start / chunkSize
            out.append(("d/\(k).json", JSONText.array(slice.map { record($0, provinces: provinces) })))
            out.append(("p/\(k).json", JSONText.array(slice.map { JSONText.string($0.filing.purpose) })))
            start += chunkSize
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
