import BeianModel
@testable import BeianPortal
import Foundation
import Testing

@Suite("Hostile strings in every public field stay inert")
struct EscapingTests {
    /// A registry where every filer-supplied string of `PublicFiling` is hostile, as are the
    /// operator's titles and summaries; the disclosure goes through the real Markdown renderer.
    static func hostileInput(_ payload: String) -> PortalInput {
        var f = Fixture.filing(name: "算法" + payload, entityName: "主体" + payload, products: ["产品" + payload + "（APP）"],
                               purpose: "用途" + payload, cancelledOn: "2025-05-01", notes: ["备注" + payload],
                               disclosure: "## 算法基本原理\n\n" + payload)
        f.history.append(PublicEvent(date: CalendarDate("2025-04-01")!, note: "变更" + payload))
        f.region = "110108" + payload  // shown only as a known division name or its digits
        var site = Fixture.site
        site.title = "站点" + payload
        site.footer = "页脚" + payload
        site.contact = "联系" + payload
        site.description = "描述" + payload
        let notice = PortalAnnouncement(slug: "hostile", title: "公告" + payload, date: CalendarDate("2025-02-02")!,
                                        summary: "摘要" + payload, html: "<p>安全正文</p>", text: payload)
        let page = PortalPage(slug: "hostile", title: "页面" + payload, navOrder: 1, html: "<p>安全正文</p>")
        return Fixture.realMarkdown(Fixture.input(filings: [f], announcements: [notice], pages: [page], site: site))
    }

    @Test("HTML pages never contain the payload's markup, only its escaped text", arguments: Fixture.hostile)
    func html(_ payload: String) async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Self.hostileInput(payload), into: dir)
        let site = dir.appendingPathComponent("site")
        for (path, data) in Fixture.files(site) where path.hasSuffix(".html") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>window"), "\(path)")
            #expect(!text.contains("<img src=x"), "\(path)")
            #expect(!text.contains("\" onerror=\""), "\(path)")
            #expect(!text.contains("href=\"javascript:"), "\(path)")
            #expect(!text.contains("\u{2028}") || payload.contains("\u{2028}"), "\(path)")
            #expect(!text.replacingOccurrences(of: "<script src=\"/assets/copy.js\" defer></script>", with: "").contains("<script"),
                    "\(path): no page of this site has a script but the badge's copy button (and search.js, absent here)")
        }
        let id = try #require(Fixture.files(site).keys.first { $0.hasPrefix("filings/") && $0.hasSuffix("/index.html") && $0.count == 40 })
        // The Chinese page and its English copy show the filer's strings as the same escaped text.
        for path in [id, "en/" + id] {
            let page = Fixture.read(dir, path)
            let escaped = Fixture.escape(payload).replacingOccurrences(of: "'", with: "&#39;")
            #expect(page.contains("算法" + escaped), "\(path)")
            #expect(page.contains("主体" + escaped), "\(path)")
            #expect(page.contains("用途" + escaped), "\(path)")
            #expect(page.contains("变更" + escaped), "\(path)")
        }
        let page = Fixture.read(dir, id)
        if payload.hasPrefix("{{") {
            #expect(page.contains("{{x}}{{{y}}}{{&gt;header}}"), "template syntax in data is printed, not run")
        }
    }

    @Test("feed, sitemap, CSV and JSON stay well-formed with every payload")
    func otherFormats() async throws {
        for payload in Fixture.hostile {
            let dir = Fixture.tempDir()
            try await Fixture.build(Self.hostileInput(payload), into: dir)
            _ = try XMLCheck.parse(Fixture.read(dir, "announcements/feed.xml"))
            _ = try XMLCheck.parse(Fixture.read(dir, "sitemap.xml"))
            let json = try Data(contentsOf: dir.appendingPathComponent("site/filings.json"))
            let root = try JSONSerialization.jsonObject(with: json) as? [String: Any]
            let f = (root?["filings"] as? [[String: Any]])?.first
            #expect(f?["algorithmName"] as? String == "算法" + payload)
            let csv = CSVReader.parse(Fixture.read(dir, "filings.csv").replacingOccurrences(of: "\u{FEFF}", with: ""))
            #expect(csv.count == 2)
            #expect(csv[1][1] == "算法" + payload)
            #expect(csv[1][6] == "用途" + payload)
        }
        let dir = Fixture.tempDir()
        var f = Fixture.filing(name: "=cmd|' /C calc'!A0", purpose: "@SUM(1+1)*cmd|' /C calc'!A0")
        f.products = ["+danger（APP）"]
        try await Fixture.build(Fixture.input(filings: [f]), into: dir)
        let row = CSVReader.parse(Fixture.read(dir, "filings.csv").replacingOccurrences(of: "\u{FEFF}", with: ""))[1]
        #expect(row[1] == "'=cmd|' /C calc'!A0")
        #expect(row[5] == "'+danger（APP）")
        #expect(row[6] == "'@SUM(1+1)*cmd|' /C calc'!A0")
    }

    @Test("control characters are dropped so pages stay valid")
    func controls() async throws {
        let dir = Fixture.tempDir()
        let f = Fixture.filing(name: "名\u{0}称\u{1B}\u{85}")
        try await Fixture.build(Fixture.input(filings: [f]), into: dir)
        #expect(Fixture.read(dir, "filings/\(f.id)/index.html").contains("<h1 data-field=\"name\" lang=\"zh-CN\">名称</h1>"))
    }
}

@Suite("Privacy: pages show only the allow-listed fields")
struct PrivacyTests {
    /// The labels of the `<dl class="facts">` of a page.
    static func labels(_ html: String) -> [String] {
        html.components(separatedBy: "<dt>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test("an entity page shows its name, region, entity id, counts and its filings — nothing else")
    func entityPage() async throws {
        let dir = Fixture.tempDir()
        let filings = Fixture.filings()
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let page = Fixture.read(dir, "entities/2959887/index.html")
        #expect(Self.labels(page) == ["主体名称", "注册地", "主体编号", "备案数量"])
        #expect(page.contains("广东省深圳市南山区"))
        let columns = page.components(separatedBy: "<th scope=\"col\"").dropFirst().map { s in
            String(s.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
        }
        #expect(columns == ["序号", "算法名称", "算法类别", "角色", "主体名称", "应用产品", "主要用途", "备案编号", "备注"])
        let rows = page.components(separatedBy: "<tr").count - 2
        #expect(rows == filings.filter { $0.entityID == "2959887" }.count)
    }

    @Test("a filing page's facts are exactly the public fields of SPEC §4")
    func filingPage() async throws {
        let dir = Fixture.tempDir()
        let f = Fixture.filings()[0]
        try await Fixture.build(Fixture.input(), into: dir)
        #expect(Self.labels(Fixture.read(dir, "filings/\(f.id)/index.html"))
                == ["备案编号", "算法名称", "算法类别", "角色", "主体名称", "注册地", "应用产品", "主要用途", "备案日期", "状态"])
    }

    @Test("a theme cannot print a filer string unescaped")
    func lint() throws {
        var theme = try Theme.builtIn()
        theme = Theme(templates: theme.templates.merging(["filing": "{{>header}}{{{name}}}{{&purpose}}{{=<% %>=}}{{% CONTENT_TYPE: TEXT}}{{>footer}}"]) { $1 },
                      assets: theme.assets)
        #expect {
            try CompiledTheme(theme)
        } throws: { error in
            let d = (error as? PortalError)?.diagnostics ?? []
            return d.count == 4 && d.allSatisfy { $0.code == .contentInvalid && $0.location.line == 1 }
        }
    }
}
