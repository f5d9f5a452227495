import BeianDiagnostics
import BeianModel
import BeianPortal
import Foundation

/// Step 3 of `verify-site` (V973): each filing page, in each language, against its record, as
/// a browser shows it; then the badge.
extension SiteVerifier {
    /// The filing's page in each language (SPEC §10: the English copy under `en/` too), then its badge.
    func checkPage(_ r: RecordFields, url: String, into problems: inout [Diagnostic]) {
        for lang in Lang.allCases { checkPage(r, url: "/" + lang.pathPrefix + String(url.dropFirst()), lang: lang, into: &problems) }
        checkBadge(r, into: &problems)
    }

    func checkPage(_ r: RecordFields, url: String, lang: Lang, into problems: inout [Diagnostic]) {
        let pagePath = Routes.file(for: lang.pathPrefix + Routes.filing(r.id))
        func pageProblem(line: Int = 1, _ field: String?, zh: String, en: String) {
            problems.append(problem(.sitePageMismatch, pagePath, line: line,
                                    field: field.map { RecordFields.fieldRef($0) }, zh: zh, en: en,
                                    helpZh: "不要信任这个页面；公示记录（record.json）与登记机关的站点为准",
                                    helpEn: "do not trust this page; its record (record.json) and the regulator's own site are authoritative"))
        }
        let page: [UInt8]
        switch read(pagePath, limit: Self.pageLimit) {
        case .failure(let f):
            let d = Self.describe(f)
            pageProblem(nil, zh: "备案页面 \(url) \(d.zh)", en: "the filing page \(url) \(d.en)")
            return
        case .success(let d): page = Array(d)
        }
        let shown = PageFields(page)
        // Where the marks cannot be read as what a browser shows: once per kind and field.
        var order: [PageMarkProblem] = []
        var seen: [PageMarkProblem: (line: Int, count: Int)] = [:]
        for p in shown.problems {
            let key = PageMarkProblem(issue: p.issue, field: p.field)
            if let s = seen[key] { seen[key] = (s.line, s.count + 1) } else { seen[key] = (p.line, 1); order.append(key) }
        }
        for key in order {
            let (line, count) = seen[key]!
            let text = key.describe(url: url)
            let more = count > 1 ? (zh: "（共 \(count) 处）", en: " (\(count) times)") : (zh: "", en: "")
            pageProblem(line: line, key.field, zh: text.zh + more.zh, en: text.en + more.en)
        }
        let expected = r.pageFields(lang)
        for (field, want) in expected {
            let got = shown.fields[field] ?? []
            guard got.map(\.text) != want else { continue }
            if got.count > want.count {
                // More marks than the template makes: a second element claiming the field.
                let extra = got[want.count]
                pageProblem(line: extra.line, field, zh: "\(url) 标记“\(field)”的元素有 \(got.count) 个，模板只标记 \(want.count) 个：多出的显示“\(extra.text)”",
                            en: "\(url) marks “\(field)” \(got.count) times, the template \(want.count) times: the extra one shows “\(extra.text)”")
                if Array(got.prefix(want.count).map(\.text)) == want { continue }
            }
            let line = got.first?.line ?? 1
            let gotText = got.isEmpty ? "（无）" : got.map { "“\($0.text)”" }.joined(separator: "、")
            let gotTextEn = got.isEmpty ? "(nothing)" : got.map { "“\($0.text)”" }.joined(separator: ", ")
            let wantText = want.isEmpty ? "（无）" : want.map { "“\($0)”" }.joined(separator: "、")
            let wantTextEn = want.isEmpty ? "(nothing)" : want.map { "“\($0)”" }.joined(separator: ", ")
            pageProblem(line: line, field, zh: "\(url) 显示 \(gotText)，公示记录为 \(wantText)",
                        en: "\(url) shows \(gotTextEn), the record says \(wantTextEn)")
        }
        // A mark the template never makes is a claim the record does not back.
        let known = Set(expected.map(\.0) + ["disclosure"])
        for field in shown.fields.keys.sorted() where !known.contains(field) {
            let first = shown.fields[field]![0]
            pageProblem(line: first.line, field, zh: "\(url) 有模板不会标记的字段“\(field)”（显示“\(first.text)”）",
                        en: "\(url) marks a field the template never marks, “\(field)” (showing “\(first.text)”)")
        }
        // The disclosure, compared as text (rendering may differ in markup between versions).
        let disclosure = shown.fields["disclosure"] ?? []
        let want = PageFields.collapsed(PageFields.text(ArraySlice(Array(renderMarkdown(r.disclosure).utf8))))
        if disclosure.count != 1 || PageFields.collapsed(disclosure[0].text) != want {
            pageProblem(line: disclosure.first?.line ?? 1, "disclosure",
                        zh: "\(url) 的拟公示内容与公示记录不符", en: "the disclosure on \(url) differs from its record")
        }
        if let title = shown.title, !title.hasPrefix(r.name) {
            pageProblem("name", zh: "\(url) 的标题“\(title)”不以算法名称“\(r.name)”开头",
                        en: "the title of \(url), “\(title)”, does not start with the algorithm's name “\(r.name)”")
        } else if shown.title == nil {
            pageProblem("name", zh: "\(url) 没有标题", en: "\(url) has no title")
        }
    }

    /// The badge: made from the number and status alone, so compared byte for byte.
    func checkBadge(_ r: RecordFields, into problems: inout [Diagnostic]) {
        func pageProblem(_ field: String?, zh: String, en: String, path: String) {
            problems.append(problem(.sitePageMismatch, path, line: 1, field: field.map { RecordFields.fieldRef($0) }, zh: zh, en: en,
                                    helpZh: "不要信任这个页面；公示记录（record.json）与登记机关的站点为准",
                                    helpEn: "do not trust this page; its record (record.json) and the regulator's own site are authoritative"))
        }
        let badgePath = Badge.path(r.id)
        switch read(badgePath, limit: 1 << 20) {
        case .failure(let f):
            let d = Self.describe(f)
            pageProblem("badge", zh: "备案标识 /\(badgePath) \(d.zh)", en: "the badge /\(badgePath) \(d.en)", path: badgePath)
        case .success(let svg):
            if let status = PublicStatus(rawValue: r.status), Array(svg) != Array(Badge.svg(number: r.number, status: status).utf8) {
                pageProblem("badge", zh: "备案标识 /\(badgePath) 与公示记录（\(r.number) \(r.status)）不符",
                            en: "the badge /\(badgePath) does not show the record's \(r.number) \(r.status)", path: badgePath)
            }
        }
    }
}

/// One kind of unreadable mark on a page, for one field: reported once, with its first line.
struct PageMarkProblem: Hashable {
    var issue: VisibleText.Issue
    var field: String?

    func describe(url: String) -> (zh: String, en: String) {
        let f = field.map { "“\($0)”" } ?? ""
        let marked = (zh: "\(url) 中标记\(f)的元素", en: "the element marked \(f.isEmpty ? "with data-field" : f) on \(url)")
        switch issue {
        case .hidden(let h):
            let r = Self.reason(h)
            return ("\(marked.zh)不显示（\(r.zh)）：标记只算浏览器显示的文字", "\(marked.en) is not shown (\(r.en)): a mark counts only as text a browser shows")
        case .holdsHidden(let h):
            let r = Self.reason(h)
            return ("\(marked.zh)含有不显示的内容（\(r.zh)）", "\(marked.en) holds content that is not shown (\(r.en))")
        case .inAttribute:
            return ("\(url) 的属性值里有像标记 data-field\(f) 的文字：属性值不是元素，这是伪造的标记",
                    "an attribute value on \(url) holds text that looks like the mark data-field \(f): an attribute value is no element; this is a forged mark")
        case .inComment:
            return ("\(url) 的注释里有标记 data-field\(f)：浏览器不显示注释", "a comment on \(url) holds the mark data-field \(f): a browser does not show comments")
        case .inRawText(let tag):
            return ("\(url) 的 <\(tag)> 文本里有标记 data-field\(f)：那不是元素", "the text of a <\(tag)> on \(url) holds the mark data-field \(f): it is no element")
        case .nested:
            return ("\(marked.zh)在另一个标记的元素之内", "\(marked.en) is inside another marked element")
        case .unclosed:
            return ("\(marked.zh)没有结束标签", "\(marked.en) is never closed")
        case .tooMuchText:
            return ("\(marked.zh)的文字超过页面所能有的：标记被嵌套", "\(marked.en) holds more text than the page has: marks are nested")
        case .unknownReference:
            return ("\(marked.zh)含有 verify-site 不识别的字符引用（浏览器可能显示为别的字符）",
                    "\(marked.en) holds a character reference verify-site does not read (a browser may show another character)")
        case .outOfOrder(let tag):
            let what = field == nil ? (zh: "\(url) 中隐藏内容的 <\(tag)> 元素", en: "a <\(tag)> element that hides its content on \(url)") : marked
            return ("\(what.zh)被别的元素的结束标签关闭：浏览器可能让它继续包住后面的内容",
                    "\(what.en) is closed by another element's end tag: a browser may keep it around what follows, or open it again")
        case .onDocument(let tag):
            return ("\(url) 的 <\(tag)> 带有标记\(f)：浏览器会合并或丢弃这个标签", "\(url) puts the mark \(f) on <\(tag)>, a tag browsers merge or drop")
        }
    }

    static func reason(_ h: VisibleText.Hiding) -> (zh: String, en: String) {
        switch h {
        case .hiddenAttribute: ("hidden 属性", "the hidden attribute")
        case .ariaHidden: ("aria-hidden=\"true\"", "aria-hidden=\"true\"")
        case .inlineStyle: ("内联样式隐藏了它", "an inline style hides it")
        case .template: ("在 <template> 内", "inside <template>")
        case .closedDetails: ("在折叠的 <details> 内", "inside a closed <details>")
        case .closedDialog: ("在未打开的 <dialog> 内", "inside a closed <dialog>")
        case .page: ("整个页面被隐藏", "the whole page is hidden")
        case .notRendered(let tag): ("在 <\(tag)> 内，浏览器不把它显示为页面文字", "inside <\(tag)>, which a browser does not show as the page's text")
        }
    }
}
