import BeianModel
import Foundation

/// Helpers shared by the sheets: empty draft fields become `nil`, which the templates print
/// as a line to write on instead of an empty cell.
enum Fill {
    /// The trimmed text, or nil when there is nothing to print.
    static func text(_ s: String?) -> String? {
        guard let trimmed = s?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// Items joined with `、`, or nil for none.
    static func list(_ items: [String]) -> String? {
        text(items.compactMap { text($0) }.joined(separator: "、"))
    }

    /// `2021-09-15` as `2021年9月15日`; other text as it is.
    static func date(_ s: String) -> String? {
        guard let d = CalendarDate(s.trimmingCharacters(in: .whitespacesAndNewlines)) else { return text(s) }
        return "\(d.year)年\(d.month)月\(d.day)日"
    }
}
