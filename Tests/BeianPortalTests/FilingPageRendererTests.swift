import BeianDiagnostics
import BeianModel
@testable import BeianPortal
import Foundation
import Testing

/// The filing page rendered in Swift (`FilingPageRenderer`) is byte for byte what Mustache makes
/// of the built-in templates, over every branch: cancelled or not, notes, history, technical
/// supporters' "--", hostile strings, with and without a site description.
@Suite struct FilingPageRendererTests {
    static func filings() -> [PublicFiling] {
        var out = Fixture.filings()
        for (i, s) in Fixture.hostile.enumerated() {
            var f = Fixture.filing(entity: String(6_000_000 + i), seq: i + 1, name: s, entityName: s, products: [s, "正常产品（APP）"],
                                   purpose: s, cancelledOn: i % 2 == 0 ? "2025-05-05" : nil, notes: i % 3 == 0 ? [s, "第二条"] : [])
            f.history.append(PublicEvent(date: CalendarDate("2025-06-01")!, note: s))
            out.append(f)
        }
        var bare = Fixture.filing(entity: "7000001", seq: 9)
        bare.history = []
        out.append(bare)
        // Imported from CAC's lists: no 拟公示内容, said in a note; registry notes translated.
        var imported = Fixture.filing(entity: "7000002", seq: 10, notes: ["已注销", "主体已注销"])
        imported.disclosure = ""
        imported.imported = true
        imported.history.append(PublicEvent(date: CalendarDate("2025-07-01")!, note: "列入 2025-07 公布的备案清单"))
        out.append(imported)
        return out
    }

    @Test func swiftAndMustacheGiveTheSameBytes() throws {
        let theme = try CompiledTheme(try Theme.builtIn())
        #expect(theme.fastFilingPage && theme.fastRow)
        let cases = ["", "全国互联网信息服务算法备案的公示 & \"查询\" <平台>"].flatMap { d in [Lang.zh, .en].map { (d, $0) } }
        for (description, lang) in cases {
            var site = Fixture.site
            site.description = description
            let routes = try #require(Routes(baseURL: site.baseURL))
            let chrome = Chrome(site: site, routes: routes, pages: Fixture.pages(), cssVersion: "abc", hasSearchScript: true, theme: theme,
                                lang: lang)
            for f in Self.filings() {
                let model = FilingRow.pageModel(f, chrome: chrome, disclosureHTML: Fixture.markdown(f.disclosure))
                let fast = theme.render("filing", model), slow = theme.renderWithMustache("filing", model)
                #expect(fast == slow, "\(f.number): first difference at \(fast.commonPrefix(with: slow).count)")
                #expect(fast.contains("<article class=\"filing\">") && fast.contains(f.number.description) && fast.hasSuffix("</html>\n"))
                #expect(fast.contains("<html lang=\"\(lang.htmlLang)\">"))
                if f.imported { #expect(fast.contains(chrome.t("disclosureImported"))) }
                let row = FilingRow.model(f, ordinal: 3, chrome: chrome)
                let fastRow = theme.render("filing-row", row), slowRow = theme.renderWithMustache("filing-row", row)
                #expect(fastRow == slowRow && fastRow.contains(f.number.description), "\(f.number) row")
            }
        }
    }

    @Test func anOverriddenTemplateGoesThroughMustache() throws {
        var templates = try Theme.builtIn().templates
        templates["filing"] = templates["filing"]!.replacingOccurrences(of: "<h1 data-field=\"name\" lang=\"zh-CN\">{{name}}</h1>", with: "<h1 class=\"x\">{{name}}</h1>")
        let theme = try CompiledTheme(Theme(templates: templates, assets: try Theme.builtIn().assets, overrides: ["filing.mustache"]))
        #expect(!theme.fastFilingPage)
        let routes = try #require(Routes(baseURL: Fixture.site.baseURL))
        let chrome = Chrome(site: Fixture.site, routes: routes, pages: [], cssVersion: "abc", hasSearchScript: false, theme: theme)
        let html = theme.render("filing", FilingRow.pageModel(Fixture.filings()[0], chrome: chrome, disclosureHTML: ""))
        #expect(html.contains("<h1 class=\"x\">"))
    }
}
