import BeianModel
import BeianStore

/// `filings.csv`: the published columns in their published order, plus the stable id, the
/// filing page's URL and the status. UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF
/// records, every cell through `CSVText` (quoting and formula neutralising).
enum FilingsCSV {
    static let columns = ["序号", "算法名称", "算法类别", "角色", "主体名称", "应用产品", "主要用途", "备案编号", "备注",
                          "ID", "URL", "状态"]

    static func write(_ index: FilingIndex, routes: Routes, to out: inout StreamWriter) throws {
        try out.write([0xEF, 0xBB, 0xBF])
        try out.write(CSVText.row(columns))
        for (i, f) in index.filings.enumerated() {
            try out.write(CSVText.row([
                String(i + 1), f.algorithmName, f.type.rawValue, f.role.rawValue, f.entityName, f.productsText,
                f.purpose, f.number.description, f.notesText, f.id, routes.absolute(Routes.filing(f.id)),
                f.status.rawValue,
            ].map(PlainText.clean)))
        }
    }
}
