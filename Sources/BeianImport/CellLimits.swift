import BeianBundle
public import BeianDiagnostics
import Foundation

/// The most characters a cell of CAC's lists may hold (checked by `ListReader` before anything
/// is planned, so a file with one cell over its limit imports nothing).
///
/// Why: an imported row becomes a filing the portal publishes like a filer's own, and a 30 MB
/// cell made a genuine site that `verify-site` then refused. So a column that fills a filer's
/// field is held to that field's limit in the bundle schema (`BundleSchema`: 算法名称 and
/// 主体名称 100, 主要用途 500, each product of 应用产品 a product name's 100), and every other
/// cell to the longest text a filer may write anywhere (2,000, a paragraph field).
/// Fix: the published lists have no such cells; the file was altered or its columns shifted.
public enum CellLimits {
    /// Any cell, header names included: the longest paragraph a bundle takes.
    public static let anyCell = 2_000

    /// The limit of one column: the field it fills and its most characters; `perProduct` for
    /// 应用产品, whose products are each held to a product name's limit.
    struct Limit {
        var field: FieldRef
        var max: Int
        var perProduct: Int?
    }

    /// The limit of the column named `header` (the 1-based `index` names an unnamed one).
    static func limit(_ header: String?, index: Int) -> Limit {
        let name = header ?? "column \(index)"
        func from(_ spec: FieldSpec?) -> Limit {
            guard let spec, let max = maxLength(spec.kind) else { return Limit(field: FieldRef(key: name, zh: name, en: name), max: anyCell) }
            return Limit(field: FieldRef(key: name, zh: spec.zh, en: spec.en), max: max)
        }
        switch header {
        case "算法名称": return from(BundleSchema.algorithm.first { $0.key == "name" })
        case "主体名称": return from(BundleSchema.entity.first { $0.key == "name" })
        case "主要用途": return from(BundleSchema.algorithm.first { $0.key == "purpose" })
        case "应用产品":
            var limit = Limit(field: FieldRef(key: name, zh: "应用产品", en: "products"), max: anyCell)
            limit.perProduct = BundleSchema.product.first { $0.key == "name" }.flatMap { maxLength($0.kind) }
            return limit
        default:
            let en = englishNames[name] ?? name
            return Limit(field: FieldRef(key: name, zh: name, en: en), max: anyCell)
        }
    }

    /// English names of the other published columns, for messages.
    static let englishNames = ["算法类别": "algorithm type", "角色": "role", "备案编号": "filing number", "备注": "remarks",
                               "notice_date": "notice date", "notice_title": "notice title", "period": "period"]

    /// The most characters of a one-line or paragraph field.
    static func maxLength(_ kind: FieldKind) -> Int? {
        switch kind {
        case .text(_, let max), .paragraph(let max): max
        default: nil
        }
    }

    /// Every cell over its limit in `records` (line, cells) under `header`, as I901 errors at
    /// `path:line:column` naming the column; the cell's text is never echoed.
    public static func check(header: [String], records: [(Int, [String])], path: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func over(_ line: Int, _ column: Int, _ limit: Limit, _ count: Int, what: Localized? = nil) {
            let message = what.map { Localized(zh: "\($0.zh)最多 \(limit.perProduct ?? limit.max) 个字符，实为 \(count) 个",
                                               en: "\($0.en) at most \(limit.perProduct ?? limit.max) characters, has \(count)") }
                ?? Localized(zh: "最多 \(limit.max) 个字符，实为 \(count) 个", en: "at most \(limit.max) characters, has \(count)")
            out.append(Diagnostic(.importRow, at: SourceLocation(path: path, line: line, column: column), field: limit.field,
                                  message: message,
                                  help: Localized(zh: "公布的清单中没有这样长的内容：核对该行是否被改动或错列，改正或删去该行后再导入（未写入任何内容）",
                                                  en: "no published list holds such a cell: check whether the row was altered or its columns shifted, correct or remove it and import again (nothing was written)")))
        }
        for (i, name) in header.enumerated() where name.count > anyCell {
            over(1, i + 1, Limit(field: FieldRef(key: "column \(i + 1)", zh: "第 \(i + 1) 列", en: "column \(i + 1)"), max: anyCell), name.count)
        }
        let limits = header.enumerated().map { limit($1.count > anyCell ? nil : $1, index: $0 + 1) }
        for (line, cells) in records {
            for (i, raw) in cells.enumerated() {
                let limit = i < limits.count ? limits[i] : Self.limit(nil, index: i + 1)
                // Cells are read trimmed (`ListReader`), so they are counted trimmed.
                let cell = raw.utf8.count <= limit.max ? raw : raw.trimmingCharacters(in: .whitespacesAndNewlines)
                let count = cell.utf8.count <= limit.max ? 0 : cell.count
                if count > limit.max {
                    over(line, i + 1, limit, count)
                } else if let most = limit.perProduct {
                    for (n, product) in ProductList.parse(cell).enumerated() where productName(product).count > most {
                        over(line, i + 1, limit, productName(product).count,
                             what: Localized(zh: "第 \(n + 1) 个产品的名称", en: "the name of product \(n + 1):"))
                    }
                }
            }
        }
        return out
    }

    /// A product's name: `名称（形态）` without its form.
    static func productName(_ item: String) -> String {
        guard item.hasSuffix("）"), let open = item.firstIndex(of: "（") else { return item }
        return String(item[..<open])
    }
}
