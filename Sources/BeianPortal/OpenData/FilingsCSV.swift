import BeianModel
import BeianOutput

/// `filings.csv`: the published columns in their published order, plus the stable id, the
/// filing page's URL and the status. UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF
/// records, every cell through `CSVText` (quoting and formula neutralising).
package enum FilingsCSV {
    package static let columns = ["序号", "算法名称", "算法类别", "角色", "主体名称", "应用产品", "主要用途", "备案编号", "备注",
                          "ID", "URL", "状态"]

    static func file(_ index: FilingIndex, routes: Routes) -> OpenDataFile {
        var key = Fingerprint("filings.csv", routes.origin)
        for k in index.keys { key.add(k) }
        let count = index.filings.count
        return OpenDataFile(path: "filings.csv", inputKey: key, count: count,
                            header: [0xEF, 0xBB, 0xBF] + Array(CSVText.row(columns).utf8), footer: [],
                            records: { range in
            var out: [UInt8] = []
            out.reserveCapacity(range.count * 400)
            for i in range {
                let f = index.filings[i]
                out += Array(CSVText.row([
                    String(i + 1), f.algorithmName, f.type.rawValue, f.role.rawValue, f.entityName, f.productsText,
                    f.purpose, f.number.description, f.notesText, f.id, routes.absolute(Routes.filing(f.id)),
                    f.status.rawValue,
                ].map(PlainText.clean)).utf8)
            }
            return out
        }, recordsKey: { range in
            var k = Fingerprint("csv", routes.origin)
            k.add(range.lowerBound)
            for i in range { k.add(index.keys[i]) }
            return k
        })
    }
}
