import BeianModel

/// One row of CAC's published lists, as published (SPEC §3.3).
public struct PublishedRow: Sendable, Hashable {
    /// 1-based record number in the file, the header being record 1.
    public var line: Int
    /// The list's period, `YYYY-MM` (the `period` column), or "" when the file has none.
    public var period: String
    public var algorithmName: String
    /// 算法类别 (algorithm lists); empty in the deep-synthesis lists.
    public var category: String
    /// 角色 (deep-synthesis lists); empty in the algorithm lists.
    public var role: String
    public var entityName: String
    public var products: String
    public var purpose: String
    public var number: String
    public var notes: String
}

/// One row of a cancellation notice.
public struct CancellationRow: Sendable, Hashable {
    public var line: Int
    public var noticeDate: String
    public var noticeTitle: String
    public var number: String
    public var algorithmName: String
}

/// Parsing of 应用产品 cells: `名称（形态）` items separated by `、`; `--` for none.
public enum ProductList {
    /// The products of a cell, each as `名称（形态）` with full-width parentheses.
    ///
    /// Items like `微博（APP、网站、小程序）` name one product in several forms: the `、` inside
    /// parentheses does not split.
    public static func parse(_ cell: String) -> [String] {
        let text = cell.trimmingSpaces
        if text.isEmpty || text == "--" || text == "-" || text == "——" { return [] }
        var items: [String] = []
        var current = ""
        var depth = 0
        for ch in text {
            switch ch {
            case "（", "(": depth += 1; current.append("（")
            case "）", ")": depth = max(0, depth - 1); current.append("）")
            case "、" where depth == 0, "，" where depth == 0:
                if !current.trimmingSpaces.isEmpty { items.append(current.trimmingSpaces) }
                current = ""
            default: current.append(ch)
            }
        }
        if !current.trimmingSpaces.isEmpty { items.append(current.trimmingSpaces) }
        return items
    }
}
