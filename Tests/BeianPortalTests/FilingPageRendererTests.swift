import BeianDiagnostics
import BeianModel
@testable import BeianPortal
@testable import BeianTransparency
import Foundation
import Testing

/// The filing page rendered in Swift (`FilingPageRenderer`) is byte for byte what Mustache makes
/// of the built-in templates, over every branch: cancelled or not, notes, history, technical
/// supporters' "--", products' hosts, hostile strings, with and without a site description.
@Suite struct FilingPageRendererTests {
    static func filings() -> [PublicFiling] {
        var out = Fixture.filings()
        for (i, s) in Fixture.hostile.enumerated() {
            var f = Fixture.filing(entity: String(6_000_000 + i), seq: i + 1, name: s, entityName: s, products: [s, "正常产品（APP）"],
                                   purpose: s, cancelledOn: i % 2 == 0 ? "2025-05-05" : nil, notes: i % 3 == 0 ? [s, "第二条"] : [])
            // 网站域名: none, one, or several (hostile text too: the page escapes whatever it is given).
            f.hosts = i % 3 == 1 ? [] : i % 3 == 2 ? ["shop.example.cn"] : ["shop.example.cn", s]
            f.history.append(PublicEvent(date: CalendarDate("2025-06-01")!, note: s))
            // Notes that quote names (translated in parts on English pages), the names hostile.
            f.history.append(PublicEvent(date: CalendarDate("2025-06-02")!, note: "原主体名称“\(s)”变更为“新主体\(s)”"))
            f.history.append(PublicEvent(date: CalendarDate("2025-06-03")!, note: "算法名称由“\(s)”变更为“新\(s)”；应用产品变更"))
            if i % 3 == 0 { f.notes.append("原主体名称“\(s)”变更为“新主体”") }
            // An approved change of every kind of field, hostile values included.
            f.history.append(PublicEvent(date: CalendarDate("2025-07-01")!, note: s, changes: [
                PublicChange(field: .algorithmName, old: [s], new: ["新名称" + s]),
                PublicChange(field: .type, old: [AlgorithmType.generative.rawValue], new: [AlgorithmType.ranking.rawValue]),
                PublicChange(field: .products, old: i % 2 == 0 ? [] : [s], new: [s, "新产品（APP）"]),
                PublicChange(field: .disclosure, old: [s, "## 旧标题"], new: i % 2 == 0 ? [s] : []),
                PublicChange(field: .region, old: ["110108"], new: ["440305"]),
                PublicChange(field: .purpose, old: [""], new: [s]),
            ]))
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
        let descriptions = ["", "全国互联网信息服务算法备案的公示 & \"查询\" <平台>"]
        let cases = descriptions.flatMap { d in [Lang.zh, .en].flatMap { l in [nil, Self.preview].map { (d, l, $0) } } }
        for (description, lang, preview) in cases {
            var site = Fixture.site
            site.description = description
            let routes = try #require(Routes(baseURL: site.baseURL))
            let chrome = Chrome(site: site, routes: routes, pages: Fixture.pages(), cssVersion: "abc", hasSearchScript: true, theme: theme,
                                lang: lang, preview: preview)
            // The number as the page has it: the (hostile) placeholder escaped, in a preview.
            let number = { (f: PublicFiling) in HTMLContent().escapeText(preview?.placeholder ?? f.number.description) }
            for f in Self.filings() {
                let model = FilingRow.pageModel(f, chrome: chrome, disclosureHTML: Fixture.markdown(f.disclosure))
                let fast = theme.render("filing", model), slow = theme.renderWithMustache("filing", model)
                #expect(fast == slow, "\(f.number) \(lang): first difference at \(fast.commonPrefix(with: slow).count)")
                #expect(fast.contains("<article class=\"filing\">") && fast.contains(number(f)) && fast.hasSuffix("</html>\n"))
                #expect(fast.contains("<html lang=\"\(lang.htmlLang)\">"))
                #expect(fast.contains("beian-preview-banner") == (preview != nil) && fast.contains("badge-snippet") == (preview == nil))
                if f.imported { #expect(fast.contains(chrome.t("disclosureImported"))) }
                let row = FilingRow.model(f, ordinal: 3, chrome: chrome)
                let fastRow = theme.render("filing-row", row), slowRow = theme.renderWithMustache("filing-row", row)
                #expect(fastRow == slowRow && fastRow.contains(number(f)), "\(f.number) row")
            }
        }
    }

    /// A preview's marks, with a hostile text in each (every one is escaped where it lands).
    static let preview = BuildOptions.Preview(
        placeholder: "待分配<b>&", titlePrefix: "【预览\"】", bannerLabel: "预览 <i>", bannerText: "草稿 ' & \"x\"", bannerEnglish: "Preview <s>",
        stylesheet: "preview.css", status: Localized(zh: "未备案<", en: "Not filed>"), badgeNote: Localized(zh: "注<", en: "Note>"))

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

/// 公示历史 on the filing page: each approved change's fields, old → new, marked for
/// `verify-site`, filer text escaped and declared Chinese.
@Suite struct HistoryChangesPageTests {
    static func page(_ f: PublicFiling, lang: Lang = .zh) throws -> String {
        let theme = try CompiledTheme(try Theme.builtIn())
        let routes = try #require(Routes(baseURL: Fixture.site.baseURL))
        let chrome = Chrome(site: Fixture.site, routes: routes, pages: [], cssVersion: "abc", hasSearchScript: false, theme: theme, lang: lang)
        return theme.render("filing", FilingRow.pageModel(f, chrome: chrome, disclosureHTML: ""))
    }

    @Test func aChangeShowsEachFieldOldAndNew() throws {
        var f = Fixture.filing()
        let hostile = "<img src=x onerror=window.__pwned=1>"
        f.history.append(PublicEvent(date: CalendarDate("2025-07-01")!, note: "算法名称变更", changes: [
            PublicChange(field: .algorithmName, old: ["旧名称" + hostile], new: ["新名称"]),
            PublicChange(field: .products, old: ["旧产品（APP）"], new: ["新产品（网站）", "另一产品（APP）"]),
            PublicChange(field: .disclosure, old: ["旧的一行"], new: []),
            PublicChange(field: .region, old: ["110108"], new: ["440305"]),
        ]))
        let html = try Self.page(f)
        #expect(!html.contains(hostile) && html.contains("旧名称&lt;img src=x onerror=window.__pwned=1&gt;"))
        #expect(html.contains("<th scope=\"col\">字段</th><th scope=\"col\">原内容</th><th scope=\"col\">新内容</th>"))
        #expect(html.contains("<tr><th scope=\"row\" data-field=\"changeField\">算法名称</th>\n<td><del lang=\"zh-CN\" data-field=\"changeOld\">旧名称&lt;img"))
        #expect(html.contains("<td><ins lang=\"zh-CN\" data-field=\"changeNew\">新名称</ins></td></tr>"))
        #expect(html.contains("<span class=\"change-count\">新增 2 项</span><ul class=\"plain\"><li><ins lang=\"zh-CN\" data-field=\"changeNew\">新产品（网站）</ins></li>"))
        #expect(html.contains("<details><summary>删除 1 行</summary><ul class=\"diff-lines\"><li><del lang=\"zh-CN\" data-field=\"changeOld\">旧的一行</del></li></ul></details></td>\n<td>（无）</td>"))
        #expect(html.contains("data-field=\"changeOld\">北京市海淀区</del>") && html.contains("data-field=\"changeNew\">广东省深圳市南山区</ins>"))
        // What verify-site reads back is what the record says (see RecordFields.pageFields).
        let shown = PageFields(Array(html.utf8))
        for (field, want) in RecordFields(f).pageFields {
            #expect(shown.fields[field]?.map(\.text) ?? [] == want, "\(field)")
        }
        #expect(shown.fields["history"]?.map(\.text) == ["2024-03-01 备案通过", "2025-07-01 算法名称变更"])

        // English: labels, headers and names in English; filer text still declared Chinese.
        let en = try Self.page(f, lang: .en)
        #expect(en.contains("<th scope=\"col\">Field</th><th scope=\"col\">Before</th><th scope=\"col\">After</th>"))
        #expect(en.contains("data-field=\"changeField\">Algorithm name</th>") && en.contains("<summary>1 line removed</summary>"))
        #expect(en.contains("<del lang=\"en\" data-field=\"changeOld\">Beijing</del>") && en.contains("<td>(none)</td>"))
        #expect(en.contains("<ins lang=\"zh-CN\" data-field=\"changeNew\">新名称</ins>"))
    }

    /// A note quoting names reads in English with each name marked as Chinese and escaped; the
    /// Chinese page shows it as written; `verify-site` reads back what the page shows.
    @Test func aNoteQuotingNamesIsTranslatedInParts() throws {
        let hostile = "<img src=x onerror=window.__pwned=1>"
        let escaped = "&lt;img src=x onerror=window.__pwned=1&gt;"
        var f = Fixture.filing(notes: ["原主体名称“旧\(hostile)”变更为“新主体”"])
        f.history.append(PublicEvent(date: CalendarDate("2025-07-01")!, note: "算法名称由“旧算法\(hostile)”变更为“新算法”；主要用途变更"))
        let en = try Self.page(f, lang: .en)
        #expect(!en.contains(hostile))
        #expect(en.contains("<li data-field=\"notes\">Entity renamed from “<span lang=\"zh-CN\">旧\(escaped)</span>” to “<span lang=\"zh-CN\">新主体</span>”</li>"), "\(en)")
        #expect(en.contains("<span>Algorithm renamed from “<span lang=\"zh-CN\">旧算法\(escaped)</span>” to “<span lang=\"zh-CN\">新算法</span>”; purpose changed</span>"), "\(en)")
        let zh = try Self.page(f)
        #expect(zh.contains("<li data-field=\"notes\">原主体名称“旧\(escaped)”变更为“新主体”</li>"), "\(zh)")
        #expect(zh.contains("<span>算法名称由“旧算法\(escaped)”变更为“新算法”；主要用途变更</span>"), "\(zh)")
        for (lang, html) in [(Lang.zh, zh), (.en, en)] {
            let shown = PageFields(Array(html.utf8))
            for (field, want) in RecordFields(f).pageFields(lang) where ["notes", "history"].contains(field) {
                #expect(shown.fields[field]?.map(\.text) ?? [] == want, "\(lang) \(field)")
            }
        }
        #expect(PageFields(Array(en.utf8)).fields["notes"]?.map(\.text) == ["Entity renamed from “旧\(hostile)” to “新主体”"])
    }

    @Test func aStepWithoutChangesHasNoTable() throws {
        let html = try Self.page(Fixture.filing())
        #expect(html.contains("<li><div data-field=\"history\"><time datetime=\"2024-03-01\">2024-03-01</time> <span>备案通过</span></div>\n</li>"))
        #expect(!html.contains("class=\"changes\""))
    }
}
