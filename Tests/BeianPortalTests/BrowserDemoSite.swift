import BeianModel
import BeianPortal
import Foundation
import Testing

/// Writes the demo site that `Tests/browser/run.sh` checks in headless Chromium, when
/// `BEIAN_BROWSER_SITE=/path/to/site` is set; skipped otherwise.
///
/// Besides ordinary filings it holds one filing, one announcement and one page whose every
/// public string is hostile. `fixture.json` beside the site tells the browser checks where
/// those pages are and what a person should see on them.
@Suite("Browser demo site")
struct BrowserDemoSite {
    static let target = ProcessInfo.processInfo.environment["BEIAN_BROWSER_SITE"]

    @Test("write the demo site for the browser checks", .enabled(if: target != nil))
    func write() async throws {
        let site = URL(fileURLWithPath: Self.target!)
        let payload = Fixture.hostile.joined(separator: " ")
        var hostile = Fixture.filing(region: "330106", entity: "6660001", type: .filtering, year: 25, seq: 3,
                                     name: "恶意名称" + payload, entityName: "恶意主体" + payload,
                                     products: ["产品" + payload + "（APP）"], purpose: "用途" + payload,
                                     approvedOn: "2025-04-01", notes: ["备注" + payload],
                                     disclosure: "## 算法基本原理\n\n" + payload + "\n\n## 算法运行机制\n\n正常文本。")
        hostile.history.append(PublicEvent(date: CalendarDate("2025-04-20")!, note: "变更" + payload, changes: [
            PublicChange(field: .algorithmName, old: ["旧名称" + payload], new: ["恶意名称" + payload]),
            PublicChange(field: .products, old: ["旧产品" + payload + "（APP）"], new: ["产品" + payload + "（APP）"]),
            PublicChange(field: .disclosure, old: ["旧的一行" + payload], new: [payload]),
        ]))
        let filings = Fixture.filings() + Fixture.many(130) + [hostile]
        var notices = Fixture.announcements()
        notices.append(PortalAnnouncement(slug: "hostile", title: "恶意公告" + payload, date: CalendarDate("2025-05-01")!,
                                          summary: "摘要" + payload, html: "<p>正文安全。</p>", text: payload))
        let pages = Fixture.pages() + [PortalPage(slug: "hostile", title: "恶意页面" + payload, navOrder: 9, html: "<p>正文安全。</p>")]
        let input = Fixture.realMarkdown(Fixture.input(filings: filings, announcements: notices, pages: pages, site: Fixture.site))
        let report = try await PortalBuilder(input: input, theme: Theme.builtIn(),
                                             options: BuildOptions(sourceDateEpoch: 1_735_689_600, syncBeforeSwap: false))
            .build(to: site)
        #expect(report.pages > 100)

        let normal = filings[0]
        let cancelled = filings.first { $0.status == .cancelled }!
        let fixture: [String: Any] = [
            "home": "/",
            "list": "/list/",
            "list_page_2": "/list/page/2/",
            "filing": "/filings/\(normal.id)/",
            "filing_name": normal.algorithmName,
            "filing_number": normal.number.description,
            "cancelled_filing": "/filings/\(cancelled.id)/",
            "entity": "/entities/\(normal.entityID)/",
            "entity_name": normal.entityName,
            "announcement": "/announcements/2025-01-notice/",
            "announcement_title": "关于开展第一批算法备案的公告",
            "hostile_pages": ["/filings/\(hostile.id)/", "/entities/\(hostile.entityID)/", "/announcements/hostile/",
                              "/pages/hostile/", "/", "/list/page/3/", "/announcements/", "/list/type-05/"],
            "hostile_text": "<script>window.__pwned=1;alert(1)</script>",
            "filings": filings.count,
        ]
        let data = try JSONSerialization.data(withJSONObject: fixture, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: site.deletingLastPathComponent().appendingPathComponent("fixture.json"))
    }
}
