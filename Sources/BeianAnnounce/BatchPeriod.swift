public import BeianDiagnostics
public import BeianModel

/// The period of `beian announce batch`: `--from` and `--to` as `YYYY-MM-DD`, or `YYYY-MM`
/// for a whole month (the first day for `--from`, the last for `--to`).
public enum BatchPeriod {
    /// Both dates, or nil and every problem (F206, located in the option's value: `--from:1:6`).
    public static func parse(from: String, to: String) -> (period: ClosedRange<CalendarDate>?, problems: [Diagnostic]) {
        let a = date(from, option: "--from", end: false)
        let b = date(to, option: "--to", end: true)
        var problems: [Diagnostic] = []
        if case .failure(let d) = a { problems.append(d) }
        if case .failure(let d) = b { problems.append(d) }
        guard case .success(let start) = a, case .success(let end) = b else { return (nil, problems) }
        guard start <= end else {
            return (nil, [Diagnostic(.invalidDate, at: SourceLocation(path: "--to"),
                                        message: Localized(zh: "结束日期 \(end) 早于开始日期 \(start)", en: "the end \(end) is before the start \(start)"),
                                        help: Localized(zh: "--to 应不早于 --from", en: "give a --to on or after --from"))])
        }
        return (start...end, [])
    }

    /// One date; `end` picks the last day of a month given as `YYYY-MM`.
    static func date(_ text: String, option: String, end: Bool) -> Result<CalendarDate, Diagnostic> {
        func problem(_ column: Int, _ zh: String, _ en: String) -> Result<CalendarDate, Diagnostic> {
            .failure(Diagnostic(.invalidDate, at: SourceLocation(path: option, line: 1, column: column),
                                message: Localized(zh: "\(option) \(text)：\(zh)", en: "\(option) \(text): \(en)"),
                                help: Localized(zh: "写成 YYYY-MM-DD（如 2025-05-01），或 YYYY-MM 表示整月",
                                                en: "write YYYY-MM-DD (e.g. 2025-05-01), or YYYY-MM for a whole month")))
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let shapeOK = (parts.count == 2 || parts.count == 3) && parts[0].count == 4
            && parts.dropFirst().allSatisfy { $0.count == 2 } && parts.allSatisfy { $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard shapeOK else { return problem(1, "不是 YYYY-MM-DD 或 YYYY-MM 形式的日期", "not a date of the form YYYY-MM-DD or YYYY-MM") }
        let year = Int(parts[0])!, month = Int(parts[1])!
        guard year >= 1970 else { return problem(1, "年份 \(year) 不合理", "the year \(year) is not plausible") }
        guard (1...12).contains(month) else { return problem(6, "月份 \(parts[1]) 不在 01–12 之间", "the month \(parts[1]) is not 01–12") }
        if parts.count == 3 {
            let day = Int(parts[2])!
            guard let d = CalendarDate(year: year, month: month, day: day) else {
                return problem(9, "\(year) 年 \(month) 月没有 \(parts[2]) 日", "\(year)-\(parts[1]) has no day \(parts[2])")
            }
            return .success(d)
        }
        if !end { return .success(CalendarDate(year: year, month: month, day: 1)!) }
        let last = (28...31).last { CalendarDate(year: year, month: month, day: $0) != nil }!
        return .success(CalendarDate(year: year, month: month, day: last)!)
    }
}
