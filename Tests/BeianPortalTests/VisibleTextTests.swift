@testable import BeianPortal
@testable import BeianTransparency
import Foundation
import Testing

/// `VisibleText`, the reader `verify-site` reads filing pages with: a mark counts only as the
/// text a browser shows for an element, and wherever a browser could show something else the
/// reader says so instead of guessing.
@Suite("Reading a page as a browser shows it")
struct VisibleTextTests {
    static func read(_ html: String) -> VisibleText { VisibleText(Array(html.utf8)) }

    static func marks(_ html: String) -> [String] { read(html).marks.map { "\($0.field)=\($0.text)" } }

    static func issues(_ html: String) -> [VisibleText.Issue] { read(html).problems.map(\.issue) }

    @Test func aMarkIsItsElementsText() {
        let page = "<!DOCTYPE html>\n<title>星辰 &amp; 算法</title>\n<dl><dd data-field=\"name\">星辰<b>资讯</b>&lt;算法&gt;&#x4E00;&#19968;</dd>\n"
            + "<ul><li data-field=\"products\">甲</li><li data-field=\"products\">乙</li></ul><img data-field=\"badge\" alt=\"x\"></dl>"
        let v = Self.read(page)
        #expect(v.marks.map(\.field) == ["name", "products", "products", "badge"])
        #expect(v.marks.map(\.text) == ["星辰资讯<算法>一一", "甲", "乙", ""])
        #expect(v.marks.map(\.line) == [3, 4, 4, 4])
        #expect(v.title == "星辰 & 算法")
        #expect(v.problems.isEmpty)
    }

    @Test func attributeValuesQuotedAnyWayAreNotMarks() {
        // Quoted, single-quoted and unquoted values may hold `>` and quotes; none is a tag.
        let html = "<span class=\"badge\" title='data-field=\"status\">已注销</span>'>已备案</span>"
            + "<a href=x>link</a><i title=\"a>b\" data-field=\"role\">服务提供者</i>"
        #expect(Self.marks(html) == ["role=服务提供者"])
        #expect(Self.read(html).problems == [VisibleText.Problem(issue: .inAttribute, line: 1, field: "status")])
        // The first of two same-named attributes counts, as in a browser.
        #expect(Self.marks("<b data-field=\"status\" data-field=\"name\">x</b>") == ["status=x"])
        let many = (1...20).map { "a\($0)=\"\($0)\"" }.joined(separator: " ")
        #expect(Self.marks("<b \(many) data-field=\"status\" a9=\"x\" data-field=\"name\">x</b>") == ["status=x"])
        // Escaped filer text in an attribute is not mistaken for a mark.
        #expect(Self.issues("<meta content=\"data-field=&quot;status&quot;\">").isEmpty)
    }

    @Test func hiddenMarksAreReportedWithTheirReason() {
        #expect(Self.issues("<span hidden data-field=\"status\">已注销</span>") == [.hidden(.hiddenAttribute)])
        #expect(Self.issues("<div aria-hidden=\" True \"><p><span data-field=\"status\">x</span></p></div>") == [.hidden(.ariaHidden)])
        #expect(Self.issues("<div aria-hidden=\"false\"><span data-field=\"status\">x</span></div>").isEmpty)
        #expect(Self.issues("<template><span data-field=\"status\">x</span></template>") == [.hidden(.template)])
        #expect(Self.issues("<div style=\"DISPLAY : none\"><span data-field=\"status\">x</span></div>") == [.hidden(.inlineStyle)])
        #expect(Self.issues("<select><option data-field=\"status\">x</option></select>") == [.hidden(.notRendered("select"))])
        #expect(Self.issues("<dialog><b data-field=\"status\">x</b></dialog>") == [.hidden(.closedDialog)])
        #expect(Self.issues("<body hidden><b data-field=\"status\">x</b>") == [.hidden(.page)])
        // A closed <details> hides all but its summary; the history's line diffs live there.
        #expect(Self.issues("<details><summary data-field=\"status\">x</summary><del data-field=\"changeOld\">a</del></details>").isEmpty)
        #expect(Self.issues("<details><summary>s</summary><b data-field=\"status\">x</b></details>") == [.hidden(.closedDetails)])
        #expect(Self.issues("<details open><summary>s</summary><b data-field=\"status\">x</b></details>").isEmpty)
        // Hidden content inside a mark.
        #expect(Self.issues("<span data-field=\"status\">已注销<span hidden>已恢复</span></span>") == [.holdsHidden(.hiddenAttribute)])
        #expect(Self.issues("<span data-field=\"status\">已注销<script>x()</script></span>") == [.holdsHidden(.notRendered("script"))])
    }

    @Test func commentsAndRawTextHoldNoMarks() {
        #expect(Self.marks("<!-- <span data-field=\"status\">已注销</span> --><b>已备案</b>").isEmpty)
        #expect(Self.issues("<!-- <span data-field=\"status\">已注销</span> -->") == [.inComment])
        #expect(Self.issues("<!--> <i data-field=\"x\">shown</i>") == [], "<!--> closes at once")
        #expect(Self.marks("<!--> <i data-field=\"x\">shown</i>") == ["x=shown"])
        #expect(Self.issues("<style>a[data-field=status]{}</style>") == [.inRawText("style")])
        #expect(Self.issues("<textarea><b data-field=\"status\">x</b></textarea>") == [.inRawText("textarea")])
        #expect(Self.issues("<!DOCTYPE html data-field=\"x\">") == [.inComment])
        // A script's `<!--<script>` escape: `</script>` inside it does not end the script.
        let script = "<script><!--<script></script><span data-field=\"status\">已注销</span>--></script><b data-field=\"name\">n</b>"
        #expect(Self.marks(script) == ["name=n"])
        #expect(Self.issues(script) == [.inRawText("script")])
        // `<![CDATA[` is text only in svg/math; elsewhere a bogus comment up to `>`.
        #expect(Self.marks("<svg><![CDATA[></svg><b data-field=\"status\">x</b>]]></svg>").isEmpty)
        #expect(Self.marks("<![CDATA[x]]><b data-field=\"status\">x</b>") == ["status=x"])
    }

    @Test func marksMustBeClosedInOrderOnce() {
        #expect(Self.issues("<b data-field=\"status\">x") == [.unclosed])
        #expect(Self.issues("<b data-field=\"status\"><i data-field=\"name\">x</i></b>") == [.nested])
        #expect(Self.issues("<div><b data-field=\"status\">x</div>") == [.outOfOrder("b")])
        // Optional end tags close as in a browser.
        #expect(Self.marks("<ul><li data-field=\"products\">a<li data-field=\"products\">b</ul><p data-field=\"purpose\">c<div>d</div>")
            == ["products=a", "products=b", "purpose=c"])
        #expect(Self.issues("<ul><li data-field=\"products\">a<li data-field=\"products\">b</ul>").isEmpty)
        // An end tag a browser ignores (not in scope) leaves the element open: the mark is still hidden.
        #expect(Self.issues("<div hidden><table><tr><td></div><b data-field=\"status\">x</b></td></tr></table></div>") == [.hidden(.hiddenAttribute)])
        // A hidden formatting element closed out of order would be re-opened around later text.
        #expect(Self.issues("<p><b hidden>x</p><p data-field=\"status\">已注销</p>").contains(.outOfOrder("b")))
    }

    @Test func characterReferencesAsABrowserDecodesThem() {
        #expect(Self.marks("<b data-field=\"n\">&#128;&#0;&#x110000;&#65&amp;&nbsp;</b>") == ["n=€\u{FFFD}\u{FFFD}A&\u{A0}"])
        #expect(Self.issues("<b data-field=\"n\">&notit;</b>") == [.unknownReference])
        #expect(Self.marks("<b data-field=\"n\">a\r\nb\rc</b>") == ["n=a\nb\nc"])
        #expect(Self.issues("<b aria-hidden=\"&#116;rue\" data-field=\"n\">x</b>") == [.hidden(.ariaHidden)])
    }

    @Test func theCanonicalLinkIsRead() {
        #expect(Self.read("<link rel=\"alternate\" href=\"x\"><link rel=\"Canonical\" href=\"https://a.cn/sub/\">").canonical == "https://a.cn/sub/")
    }

    /// 40,000 unclosed marks: one pass, every one reported, no mark's text cut from the rest of
    /// the page 40,000 times.
    @Test func manyUnclosedMarksAreReadInOnePass() {
        let page = String(repeating: "<b data-field=\"x\">", count: 40_000) + String(repeating: "文", count: 100_000)
        let v = Self.read(page)
        #expect(v.marks.count == 40_000)
        #expect(v.problems.filter { $0.issue == .unclosed }.count == 40_000)
        #expect(v.problems.filter { $0.issue == .nested }.count == 39_999)
        // And as many closed, nested ones: their texts are bounded by the page, not its square.
        let nested = String(repeating: "<b data-field=\"x\">", count: 20_000) + String(repeating: "文", count: 100_000) + String(repeating: "</b>", count: 20_000)
        let w = Self.read(nested)
        #expect(w.problems.contains { $0.issue == .tooMuchText })
    }

    @Test func truncatedAndMalformedPagesEndQuietly() {
        for html in ["<b data-field=\"x\"", "<b data-field='x", "<!-- x", "<script>x", "</", "<", "<?x", "&", "&#", "</b x=\">"] {
            _ = Self.read(html)  // no crash, no hang
        }
        #expect(Self.marks("<b data-field=\"x\">a</b><i data-field=\"y\"") == ["x=a"], "a tag cut off by the end is dropped")
    }
}
