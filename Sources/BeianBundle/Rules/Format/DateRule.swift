public import BeianDiagnostics
import BeianModel

/// F206 / F218 / F219: dates are real `YYYY-MM-DD` days; certificates are not expired;
/// launch dates are not in the future.
///
/// Fix: write the date as `2024-03-01`; renew an expired certificate before filing.
public enum DateRule {
    public static func check(_ text: String, allowForever: Bool, _ c: FieldContext) -> [Diagnostic] {
        let value = text.trimmingSpacesAndNewlines
        if allowForever && value == "长期" { return [] }
        guard let date = CalendarDate(value) else {
            return [c.problem(.invalidDate,
                              Localized(zh: "“\(value)”不是有效日期", en: "'\(value)' is not a valid date"),
                              help: Localized(zh: "写作 YYYY-MM-DD，如 2024-03-01\(allowForever ? "；无期限写“长期”" : "")",
                                              en: "write YYYY-MM-DD, e.g. 2024-03-01\(allowForever ? "; write 长期 for no expiry" : "")"))]
        }
        if allowForever && date < c.today {
            return [c.problem(.expired, Localized(zh: "证件已于 \(date) 过期", en: "expired on \(date)"),
                              help: Localized(zh: "更新证件后再提交", en: "renew the certificate, then file its new date"))]
        }
        if !allowForever && c.today < date {
            return [c.problem(.dateInFuture, Localized(zh: "日期 \(date) 晚于今天（\(c.today)）", en: "\(date) is after today (\(c.today))"),
                              help: Localized(zh: "填写已经发生的日期；尚未上线的填写计划上线后再提交", en: "use a date that has passed; file after the launch"),
                              severity: .warning)]
        }
        return []
    }
}
