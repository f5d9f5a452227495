import BeianDiagnostics
import BeianModel

/// 统计 / Statistics (`/stats/`, SPEC §10): five charts — filings per month, by type, by role,
/// by province, cancellations per month — each an inline SVG drawn here (`SVGChart`) with a
/// title, a description and a prose summary, and its numbers as a table. Every UI string in
/// both languages; the page is made from `Statistics` alone (no filing is read).
enum StatsPage {
    /// One chart of the page: what the `stats` template gets per section.
    struct Chart {
        var id: String
        var heading: String
        var summary: String
        /// The SVG, or "" when there is nothing to draw (`empty` is shown instead).
        var svg: String
        var empty: String
        var caption: String
        /// The name of the box the chart scrolls in on a narrow screen.
        var chartLabel = ""
        var columns: [String]
        var rows: [(head: String, cells: [String])]

        var model: [String: Any] {
            ["id": id, "heading": heading, "summary": summary, "svgHTML": svg, "hasChart": !svg.isEmpty, "emptyText": empty,
             "caption": caption, "chartLabel": chartLabel, "columns": columns, "hasRows": !rows.isEmpty,
             "rows": rows.map { ["head": $0.head, "cells": $0.cells] as [String: Any] }]
        }
    }

    /// The page's title and navigation label.
    static let title = Localized(zh: "统计", en: "Statistics")
    /// The home page's link to the page, under its counts.
    static let homeLink = Localized(zh: "查看统计图表", en: "See the statistics")

    static func model(_ stats: Statistics, chrome: Chrome, lang: Lang) -> [String: Any] {
        let t = title(lang)
        var m = chrome.model(section: .stats, title: t, path: Routes.stats, crumbs: [(t, nil)],
                             description: Localized(zh: "算法备案的统计图表：每月备案数、算法类别、角色、省份和注销情况。",
                                                    en: "Charts of the algorithm filings: per month, by type, by role, by province, and cancellations.")(lang))
        m["title"] = Localized(zh: "备案统计", en: "Filing statistics")(lang)
        m["intro"] = Localized(zh: "以下统计根据本站公示的全部备案（含已注销的备案）生成，随每次发布更新。每幅图下附有同样数字的表格。",
                               en: "Counted from every filing this portal publishes, cancelled ones included, and updated with every release. Each chart is followed by a table of its numbers.")(lang)
        m["totals"] = totals(stats, lang)
        m["charts"] = charts(stats, lang: lang).map(\.model)
        // No page lists a province's filings: 统计, which counts them, links each province's feed.
        chrome.addFeeds(stats.byProvince.map { FilingFeed(scope: .province($0.province)) }, to: &m)
        return m
    }

    static func totals(_ s: Statistics, _ lang: Lang) -> String {
        let asOf = CalendarDate(dayNumber: s.asOfDay)
        switch lang {
        case .zh:
            return "共 \(s.total) 项备案，其中已备案 \(s.active) 项、已注销 \(s.cancelled) 项" + (asOf.map { "；数据截至 \($0)" } ?? "") + "。"
        case .en:
            return "\(s.total) \(plural(s.total, "filing")): \(s.active) filed, \(s.cancelled) cancelled" + (asOf.map { "; data as of \($0.englishText)" } ?? "") + "."
        }
    }

    static func charts(_ s: Statistics, lang: Lang) -> [Chart] {
        let charts = [months(s.approvals, total: s.total, cancellations: false, undated: 0, lang),
         category("types", heading: Localized(zh: "按算法类别", en: "Filings by algorithm type"),
                  column: Localized(zh: "算法类别", en: "Algorithm type"), unit: Localized(zh: "个算法类别", en: "type"),
                  s.byType.map { (lang == .zh ? $0.type.rawValue : $0.type.englishName, $0.count) }, total: s.total, lang),
         category("roles", heading: Localized(zh: "按角色", en: "Filings by role"), column: Localized(zh: "角色", en: "Role"), unit: Localized(zh: "种角色", en: "role"),
                  s.byRole.map { (lang == .zh ? $0.role.rawValue : $0.role.englishName, $0.count) }, total: s.total, lang),
         category("provinces", heading: Localized(zh: "按省份（备案主体注册地）", en: "Filings by province (where the entity is registered)"),
                  column: Localized(zh: "省份", en: "Province"), unit: Localized(zh: "个省级地区", en: "region"),
                  s.byProvince.map { (provinceName($0.province, lang), $0.count) }
                      + (s.unknownProvince > 0 ? [(Localized(zh: "未知地区", en: "Unknown region")(lang), s.unknownProvince)] : []),
                  total: s.total, lang),
         months(s.cancellations, total: s.cancelled, cancellations: true, undated: s.cancelledUndated, lang)]
        return charts.map { c in
            var c = c
            c.chartLabel = c.heading + Localized(zh: "（图）", en: " (chart)")(lang)
            return c
        }
    }

    /// A province's name from its two digits: the division table's (zh) or the English one.
    static func provinceName(_ province: Int, _ lang: Lang) -> String {
        let code = (province < 10 ? "0" : "") + "\(province)0000"
        let name = lang == .zh ? Region.provinceName(of: code) : Region.englishProvinceName(of: code)
        return name ?? code
    }

    /// `2024年3月` / `March 2024`.
    static func monthName(_ month: Statistics.Month, _ lang: Lang) -> String {
        guard let d = CalendarDate(year: month / 100, month: month % 100, day: 1) else { return "\(month)" }
        return lang == .zh ? "\(d.year)年\(d.month)月" : d.englishMonth
    }

    /// `2024-03`, or `2024` when only Januaries are labelled.
    static func monthTick(_ month: Statistics.Month, yearsOnly: Bool) -> String {
        let m = month % 100
        return yearsOnly ? "\(month / 100)" : "\(month / 100)-\(m < 10 ? "0" : "")\(m)"
    }

    private static func months(_ counts: [(month: Statistics.Month, count: Int)], total: Int, cancellations: Bool,
                               undated: Int, _ lang: Lang) -> Chart {
        let id = cancellations ? "chart-cancellations" : "chart-months"
        let heading = cancellations ? Localized(zh: "每月注销数", en: "Cancellations per month")
                                    : Localized(zh: "每月备案数", en: "Filings per month")
        let every = SVGChart.monthLabelEvery(count: counts.count, labelWidth: SVGChart.textWidth("2024-03"))
        let bars = counts.map { c in
            SVGChart.Bar(label: monthName(c.month, lang), value: c.count,
                         tick: (c.month / 100 * 12 + c.month % 100 - 1) % every == 0 ? monthTick(c.month, yearsOnly: every >= 12) : nil)
        }
        var summary: String
        if let first = counts.first, let last = counts.last {
            let peak = counts.max { $0.count < $1.count || ($0.count == $1.count && $0.month > $1.month) }!
            let none = counts.filter { $0.count == 0 }.count
            let dated = counts.reduce(0) { $0 + $1.count }
            let what = Localized(zh: cancellations ? "注销" : "备案",
                                 en: plural(dated, "filing") + (cancellations ? " cancelled" : " approved"))
            switch (lang, counts.count) {
            case (.zh, 1):
                summary = "\(monthName(first.month, .zh))共\(what.zh) \(dated) 项。"
            case (.en, 1):
                summary = "\(dated) \(what.en) in \(monthName(first.month, .en))."
            case (.zh, _):
                summary = "自\(monthName(first.month, .zh))至\(monthName(last.month, .zh))（\(counts.count) 个月），共\(what.zh) \(dated) 项；"
                    + "最多的月份是\(monthName(peak.month, .zh))（\(peak.count) 项）" + (none > 0 ? "；\(none) 个月为 0。" : "。")
            case (.en, _):
                summary = "From \(monthName(first.month, .en)) to \(monthName(last.month, .en)) (\(counts.count) months), \(dated) \(what.en); "
                    + "the most in one month: \(peak.count) (\(monthName(peak.month, .en)))" + (none > 0 ? "; \(none) \(plural(none, "month")) with none." : ".")
            }
        } else if undated > 0 {
            summary = Localized(zh: "已注销 \(undated) 项，均未载明注销日期，无法按月统计。",
                                en: "\(undated) \(plural(undated, "filing")) cancelled, none with a cancellation date: nothing to chart by month.")(lang)
        } else {
            summary = cancellations ? Localized(zh: "暂无注销的备案。", en: "No filing has been cancelled.")(lang)
                                    : Localized(zh: "暂无备案。", en: "No filings yet.")(lang)
        }
        if undated > 0 && !counts.isEmpty {
            summary += Localized(zh: "另有 \(undated) 项注销未载明日期，未计入图表。",
                                 en: " \(undated) more \(plural(undated, "cancellation")) \(undated == 1 ? "carries" : "carry") no date and \(undated == 1 ? "is" : "are") not charted.")(lang)
        }
        let form = cancellations
            ? Localized(zh: "柱状图：每月一根柱，高度为当月注销的备案数，无注销的月份为空；具体数字见下表。",
                        en: "Bar chart: one bar per month, its height the number of filings cancelled that month, none where there were none; the table below lists the numbers.")
            : Localized(zh: "柱状图：每月一根柱，高度为当月通过的备案数，无备案的月份为空；具体数字见下表。",
                        en: "Bar chart: one bar per month, its height the number of filings approved that month, none where there were none; the table below lists the numbers.")
        let svg = bars.isEmpty ? "" : SVGChart(id: id, title: heading(lang), description: form(lang), bars: bars,
                                              barClass: cancellations ? "chart-bar chart-bar-alt" : "chart-bar").columns()
        return Chart(id: id, heading: heading(lang), summary: summary, svg: svg, empty: summary,
                     caption: heading(lang) + Localized(zh: "（表：每年一行，每月一列）", en: " (table: a row per year, a column per month)")(lang),
                     columns: [Localized(zh: "年份", en: "Year")(lang)] + (1...12).map { monthColumn($0, lang) }
                         + [Localized(zh: "全年合计", en: "Year total")(lang)],
                     rows: yearGrid(counts, lang))
    }

    private static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `3月` / `Mar`.
    static func monthColumn(_ month: Int, _ lang: Lang) -> String { lang == .zh ? "\(month)月" : monthAbbreviations[month - 1] }

    /// The months as a table of a row per year (`2024年` / `2024`), a cell per month — the count,
    /// `0` for a month of the range without any, empty outside the range — and the year's total.
    static func yearGrid(_ counts: [(month: Statistics.Month, count: Int)], _ lang: Lang) -> [(head: String, cells: [String])] {
        guard let first = counts.first?.month, let last = counts.last?.month else { return [] }
        var byMonth: [Statistics.Month: Int] = [:]
        for c in counts { byMonth[c.month] = c.count }
        return (first / 100...last / 100).map { year in
            let cells = (1...12).map { m in byMonth[year * 100 + m].map(String.init) ?? "" }
            let total = (1...12).reduce(0) { $0 + (byMonth[year * 100 + $1] ?? 0) }
            return (lang == .zh ? "\(year)年" : "\(year)", cells + ["\(total)"])
        }
    }

    private static func category(_ name: String, heading: Localized, column: Localized, unit: Localized, _ counts: [(String, Int)],
                                 total: Int, _ lang: Lang) -> Chart {
        let id = "chart-" + name
        let shown = total > 0 ? counts : []
        var summary = Localized(zh: "暂无备案。", en: "No filings yet.")(lang)
        if let top = shown.max(by: { $0.1 < $1.1 }) {  // the first of the largest
            let parts = shown.filter { $0.1 > 0 }.count
            switch lang {
            case .zh:
                summary = "共 \(total) 项备案，分布在 \(parts) \(unit.zh)；最多的是\(top.0)（\(top.1) 项，\(share(top.1, total))）。"
            case .en:
                summary = "\(total) \(plural(total, "filing")) across \(parts) \(plural(parts, unit.en)); the most: \(top.0) (\(top.1), \(share(top.1, total)))."
            }
        }
        let form = Localized(zh: "条形图：每个\(column.zh)一根横条，长度为备案数；具体数字见下表。",
                             en: "Bar chart: one bar per \(column.en.lowercased()), its length the number of filings; the table below lists the numbers.")
        let svg = shown.isEmpty ? "" : SVGChart(id: id, title: heading(lang), description: form(lang),
                                               bars: shown.map { SVGChart.Bar(label: $0.0, value: $0.1, tick: nil) }).rows()
        return Chart(id: id, heading: heading(lang), summary: summary, svg: svg, empty: summary,
                     caption: heading(lang) + Localized(zh: "（表）", en: " (table)")(lang),
                     columns: [column(lang), Localized(zh: "备案数", en: "Filings")(lang), Localized(zh: "占比", en: "Share")(lang)],
                     rows: shown.map { ($0.0, ["\($0.1)", share($0.1, total)]) })
    }

    /// `33.3%`: one decimal, rounded half up, in integers (no locale).
    static func share(_ part: Int, _ total: Int) -> String {
        guard total > 0 else { return "0.0%" }
        let permille = (part * 2_000 + total) / (total * 2)
        return "\(permille / 10).\(permille % 10)%"
    }

    private static func plural(_ n: Int, _ word: String) -> String { n == 1 ? word : word + "s" }
}
