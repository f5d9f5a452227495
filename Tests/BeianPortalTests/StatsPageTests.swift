import BeianDiagnostics
import BeianModel
import BeianOutput
@testable import BeianPortal
import Foundation
import Testing

/// 统计 / Statistics (SPEC §10): the numbers against a plain count of the filings, the charts'
/// text alternatives and escaping, and the page's place in incremental rebuilds.
@Suite("The statistics page")
struct StatsPageTests {
    static let regions = ["110108", "440305", "310115", "330106", "510107", "440106"]

    /// 300 filings over 2023–2024 with no filing in March 2023 or in August 2024, every type
    /// and role, six regions in five provinces, one in seven cancelled 40 days after approval,
    /// one cancelled without a date and one whose region is no known division.
    static func filings() -> [PublicFiling] {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        var out: [PublicFiling] = []
        for i in 0..<300 {
            var month = 1 + next(24)
            if month == 3 || month == 20 { month += 1 }
            let year = 2023 + (month - 1) / 12
            let approved = CalendarDate(year: year, month: (month - 1) % 12 + 1, day: 1 + next(28))!
            let cancelled = i % 7 == 3 ? CalendarDate(unixTime: approved.unixTimeInChina + 8 * 3_600 + 40 * 86_400) : nil
            var f = Fixture.filing(region: regions[next(regions.count)], entity: String(2_000_000 + i),
                                   type: AlgorithmType.allCases[next(6)], year: year % 100, seq: 1,
                                   role: next(4) == 0 ? .technicalSupporter : .provider,
                                   approvedOn: approved.description, cancelledOn: cancelled?.description)
            if i == 10 { f.status = .cancelled; f.cancelledOn = nil }
            if i == 11 { f.region = "990000" }
            out.append(f)
        }
        return out
    }

    /// The rows of one chart's table: head cell, then the number cells.
    static func table(_ page: String, _ id: String) -> [(String, [String])] {
        guard let start = page.range(of: "aria-labelledby=\"\(id)-heading\""),
              let end = page.range(of: "</section>", range: start.upperBound..<page.endIndex) else { return [] }
        let section = String(page[start.upperBound..<end.lowerBound])
        let row = try! NSRegularExpression(pattern: "<tr><th scope=\"row\">(.*?)</th>((?:<td class=\"num\">[^<]*</td>)+)</tr>")
        let cell = try! NSRegularExpression(pattern: "<td class=\"num\">([^<]*)</td>")
        let ns = section as NSString
        return row.matches(in: section, range: NSRange(location: 0, length: ns.length)).map { m in
            let cells = ns.substring(with: m.range(at: 2))
            let values = cell.matches(in: cells, range: NSRange(location: 0, length: (cells as NSString).length))
                .map { (cells as NSString).substring(with: $0.range(at: 1)) }
            return (ns.substring(with: m.range(at: 1)), values)
        }
    }

    /// Counts per calendar month by a plain loop: a row per year, a cell per month from the
    /// first month to the last (0 where none), empty outside, then the year's total.
    static func perMonth(_ dates: [CalendarDate]) -> [(String, [String])] {
        guard let first = dates.min(), let last = dates.max() else { return [] }
        return (first.year...last.year).map { y in
            let cells = (1...12).map { m in
                (y, m) < (first.year, first.month) || (y, m) > (last.year, last.month)
                    ? "" : "\(dates.filter { $0.year == y && $0.month == m }.count)"
            }
            return ("\(y)年", cells + ["\(dates.filter { $0.year == y }.count)"])
        }
    }

    static func same(_ a: [(String, [String])], _ b: [(String, [String])]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    @Test("every table holds what a plain count of the filings gives, months without a gap")
    func numbers() async throws {
        let dir = Fixture.tempDir()
        let filings = Self.filings()
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let page = Fixture.read(dir, "stats/index.html")
        let n = filings.count

        let months = Self.table(page, "chart-months")
        #expect(Self.same(months, Self.perMonth(filings.map(\.approvedOn))), "\(months)")
        #expect(months.map(\.0) == ["2023年", "2024年"])
        #expect(months.first?.1[2] == "0" && months.last?.1[7] == "0")  // months without filings: zero cells

        let cancelled = filings.filter { $0.status == .cancelled }
        let cancellations = Self.table(page, "chart-cancellations")
        #expect(Self.same(cancellations, Self.perMonth(cancelled.compactMap(\.cancelledOn))), "\(cancellations)")
        #expect(page.contains("另有 1 项注销未载明日期"))

        func share(_ k: Int) -> String { String(format: "%.1f%%", Double(k) * 100 / Double(n)) }
        let types = AlgorithmType.allCases.map { t in
            let k = filings.filter { $0.type == t }.count
            return (t.rawValue, ["\(k)", share(k)])
        }
        #expect(Self.same(Self.table(page, "chart-types"), types))
        let roles = AlgorithmRole.allCases.map { r in
            let k = filings.filter { $0.role == r }.count
            return (r.rawValue, ["\(k)", share(k)])
        }
        #expect(Self.same(Self.table(page, "chart-roles"), roles))

        let provinceRows = Self.table(page, "chart-provinces")
        var provinces: [String: Int] = [:]
        for f in filings { provinces[Region.provinceName(of: f.region) ?? "未知地区", default: 0] += 1 }
        #expect(Dictionary(uniqueKeysWithValues: provinceRows.map { ($0.0, Int($0.1[0])!) }) == provinces)
        #expect(provinces["广东省"] != nil && provinces["未知地区"] == 1)
        let known = provinceRows.dropLast().map { Int($0.1[0])! }
        #expect(known == known.sorted(by: >))  // most filings first; the unknown region last
        #expect(provinceRows.last?.0 == "未知地区")

        #expect(page.contains("共 \(n) 项备案，其中已备案 \(n - cancelled.count) 项、已注销 \(cancelled.count) 项"))
    }

    @Test("each chart is an SVG image with a title, a description, a summary and a table of its numbers")
    func textAlternatives() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(filings: Self.filings()), into: dir)
        let page = Fixture.read(dir, "stats/index.html")
        for id in ["chart-months", "chart-types", "chart-roles", "chart-provinces", "chart-cancellations"] {
            #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""))
            #expect(page.contains("role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">"), "\(id)")
            #expect(page.contains("<title id=\"\(id)-title\">"), "\(id)")
            #expect(page.contains("<desc id=\"\(id)-desc\">"), "\(id)")
            #expect(page.contains("<caption id=\"\(id)-caption\">"), "\(id)")
        }
        #expect(page.components(separatedBy: "<figcaption class=\"chart-summary\">").count == 6)
        #expect(page.contains("<th scope=\"col\">年份</th><th scope=\"col\">1月</th>"))
        // One bar per month with filings; none for the empty months.
        let withFilings = Self.table(page, "chart-months").flatMap { $0.1.dropLast() }.filter { !$0.isEmpty && $0 != "0" }.count
        let section = page.components(separatedBy: "<title id=\"chart-months-title\">")[1].components(separatedBy: "</svg>")[0]
        #expect(withFilings > 12 && section.components(separatedBy: "<rect class=\"chart-bar\"").count - 1 == withFilings)
        // The Content-Security-Policy allows no inline style and no script.
        #expect(!page.contains(" style=") && !page.contains("<style") && !page.contains("<script"))
        // Linked from the navigation and the home page, and listed in the sitemap.
        #expect(Fixture.read(dir, "index.html").components(separatedBy: "href=\"/stats/\"").count == 3)
        #expect(page.contains("<a href=\"/stats/\" aria-current=\"page\">统计</a>"))
        #expect(Fixture.read(dir, "sitemap.xml").contains("<loc>https://beian.example.cn/stats/</loc>"))
    }

    @Test("an empty registry gets a page that says so, with no chart")
    func empty() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(filings: []), into: dir)
        let page = Fixture.read(dir, "stats/index.html")
        #expect(!page.contains("<svg"))
        #expect(page.contains("<p class=\"empty\">暂无备案。</p>"))
        #expect(page.contains("<p class=\"empty\">暂无注销的备案。</p>"))

        // Cancellations without a date (as some imported lists give them): said, not charted.
        var undated = Fixture.filing()
        undated.status = .cancelled
        try await Fixture.build(Fixture.input(filings: [undated]), into: dir)
        let one = Fixture.read(dir, "stats/index.html")
        #expect(one.contains("<p class=\"empty\">已注销 1 项，均未载明注销日期，无法按月统计。</p>"))
        #expect(!one.contains("chart-cancellations-title"))
    }

    @Test("axis ticks fall on round numbers")
    func ticks() {
        func ticks(_ max: Int) -> [Int] { let t = SVGChart.ticks(max: max); return [t.step, t.top] }
        #expect(ticks(0) == [1, 1])
        #expect(ticks(1) == [1, 1])
        #expect(ticks(7) == [2, 8])
        #expect(ticks(10) == [2, 10])
        #expect(ticks(101) == [50, 150])
        #expect(ticks(7_986) == [2_000, 8_000])
        // Month labels do not overlap: 24 months labelled every one, 60 every three, 400 by years.
        #expect(SVGChart.monthLabelEvery(count: 12, labelWidth: 48) == 1)
        #expect(SVGChart.monthLabelEvery(count: 60, labelWidth: 48) == 6)
        #expect(SVGChart.monthLabelEvery(count: 400, labelWidth: 48) % 12 == 0)
    }

    @Test("every text in a chart is escaped")
    func escaping() {
        let bars = Fixture.hostile.enumerated().map { SVGChart.Bar(label: $1, value: $0 + 1, tick: $1) }
        for svg in [SVGChart(id: "chart-x", title: Fixture.hostile[0], description: Fixture.hostile[1], bars: bars).rows(),
                    SVGChart(id: "chart-x", title: Fixture.hostile[2], description: Fixture.hostile[5], bars: bars).columns()] {
            #expect(!svg.contains("<script") && !svg.contains("<img") && !svg.contains("\" onerror"))
            #expect(svg.contains("&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;"))
            #expect(svg.contains("&quot; onerror=&quot;window.__pwned=1&quot; x=&quot;"))
            // Only the elements the chart draws.
            let tags = Set(svg.components(separatedBy: "<").dropFirst().compactMap { $0.split(whereSeparator: { " >/".contains($0) }).first.map(String.init) })
            #expect(tags.isSubset(of: ["svg", "title", "desc", "g", "line", "text", "rect"]), "\(tags)")
        }
    }

    @Test("the English page has every UI string in English")
    func english() {
        let stats = Statistics(Self.filings().filter { $0.region != "990000" }.map { FilingSummary($0) })
        let charts = StatsPage.charts(stats, lang: .en)
        func cjk(_ s: String) -> Bool { s.unicodeScalars.contains { $0.value >= 0x2E80 } }
        for c in charts {
            for s in [c.heading, c.summary, c.svg, c.caption] + c.columns + c.rows.flatMap({ [$0.head] + $0.cells }) {
                #expect(!cjk(s), "\(s)")
            }
        }
        #expect(!cjk(StatsPage.totals(stats, .en)))
        #expect(charts[0].rows.first?.head == "2023" && charts[0].columns[1] == "Jan")
        #expect(charts[2].rows.map(\.head) == ["Service provider", "Technical supporter"])
        #expect(charts[3].rows.contains { $0.head == "Guangdong" })
    }

    @Test("the page is remade after an approval and kept, unrendered, when no count changed")
    func incremental() async throws {
        let dir = Fixture.tempDir()
        var filings = Self.filings()
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let site = dir.appendingPathComponent("site")
        let first = Fixture.inodes(site)["stats/index.html"]
        func key() -> UInt64? { BuildManifest.read(siteAt: site.path).groups["stats"]?.key }
        let firstKey = key()
        #expect(firstKey != nil)

        // A new name and purpose: no count changes, the page is not even rendered.
        filings[5].algorithmName = "改名后的算法"
        filings[5].purpose = "新的用途"
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        #expect(Fixture.inodes(site)["stats/index.html"] == first)
        #expect(key() == firstKey)  // its input key: the same counts, the same key

        // One approval: the page is remade with the new total.
        filings.append(Fixture.filing(region: "440305", entity: "3000001", type: .scheduling, year: 24, seq: 1,
                                      role: .technicalSupporter, approvedOn: "2024-12-31"))
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        #expect(Fixture.inodes(site)["stats/index.html"] != first)
        #expect(key() != firstKey)
        let page = Fixture.read(dir, "stats/index.html")
        #expect(page.contains("共 301 项备案"))
        let december = filings.filter { $0.approvedOn.year == 2024 && $0.approvedOn.month == 12 }.count
        #expect(Self.table(page, "chart-months").last.map { [$0.0, $0.1[11]] } == ["2024年", "\(december)"])

        // The key follows the counts: equal after a rename, different after a cancellation.
        let base = Statistics(filings.map { FilingSummary($0) }).fingerprint
        var renamed = filings
        renamed[7].entityName = "另一个名字"
        #expect(Statistics(renamed.map { FilingSummary($0) }).fingerprint == base)
        var cancelled = filings
        cancelled[8].status = .cancelled
        cancelled[8].cancelledOn = CalendarDate("2025-01-02")
        #expect(Statistics(cancelled.map { FilingSummary($0) }).fingerprint != base)
    }
}
