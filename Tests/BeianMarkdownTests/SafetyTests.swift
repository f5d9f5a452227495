import BeianMarkdown
import Testing

/// Raw HTML never passes through (SPEC §4): announcements and disclosures are written by
/// people, and the portal must not run what they paste.
@Suite struct SafetyTests {
    @Test func scriptBlockIsOmitted() {
        #expect(MarkdownRenderer.html("<script>alert(1)</script>") == "<!-- raw HTML omitted -->\n")
    }

    @Test func inlineImageWithHandlerIsOmitted() {
        #expect(MarkdownRenderer.html("图 <img src=x onerror=alert(1)> 完") == "<p>图 <!-- raw HTML omitted --> 完</p>\n")
    }

    @Test func javascriptLinkLosesItsAddress() {
        #expect(MarkdownRenderer.html("[点我](javascript:alert(1))") == "<p><a href=\"\">点我</a></p>\n")
    }

    @Test func javascriptImageAndDataLinkLoseTheirAddress() {
        #expect(MarkdownRenderer.html("![图](javascript:alert(1)) [d](data:text/html,<b>x</b>)") ==
            "<p><a href=\"\">图</a> <a href=\"\">d</a></p>\n")
    }

    @Test func attributesCannotBreakOutOfTheLink() {
        #expect(MarkdownRenderer.html("[x](https://a.cn/\"onmouseover=\"alert(1) \"t\\\"\")") ==
            "<p><a href=\"https://a.cn/%22onmouseover=%22alert(1)\" title=\"t&quot;\">x</a></p>\n")
    }

    @Test func iframeAndStyleAreOmitted() {
        #expect(MarkdownRenderer.html("<iframe src=\"https://evil.example\"></iframe>\n\n<style>body{}</style>") ==
            "<!-- raw HTML omitted -->\n<!-- raw HTML omitted -->\n")
    }

    @Test func textThatLooksLikeMarkupIsEscaped() {
        #expect(MarkdownRenderer.html("`<script>` 与 a < b & c") == "<p><code>&lt;script&gt;</code> 与 a &lt; b &amp; c</p>\n")
    }

    /// C0 and C1 controls cannot be written as HTML entities, and ESC, BEL or a bidi override
    /// in a disclosure would reach a reader's page (or terminal) raw: they never get through.
    @Test func controlBidiAndInvisibleCharactersAreDropped() {
        let md = "## 标\u{1B}]0;PWNED\u{7}题\n\n正\u{0}文\u{1B}[2K\u{7F}\u{9B}31m\u{202E}反\u{200B}向\u{FEFF}\n"
        let rendered = MarkdownRenderer.render(md)
        #expect(rendered.html.hasSuffix(">标]0;PWNED题</h2>\n<p>正文[2K31m反向</p>\n"), "\(rendered.html)")
        #expect(rendered.html.unicodeScalars.allSatisfy { $0 == "\n" || ($0.value >= 0x20 && !(0x7F...0x9F).contains($0.value)) })
        #expect(rendered.plainText.unicodeScalars.allSatisfy { $0 == "\n" || ($0.value >= 0x20 && !(0x7F...0x9F).contains($0.value)) })
        #expect(rendered.headings.map(\.text) == ["标]0;PWNED题"])
    }

    @Test func headingTextCannotInjectIntoItsID() {
        #expect(MarkdownRenderer.html("## a\"><script>x</script>") == "<h2 id=\"ax\">a&quot;&gt;<!-- raw HTML omitted -->x<!-- raw HTML omitted --></h2>\n")
    }
}

@Suite struct RawHTMLReportTests {
    @Test func linesOfOmittedHTMLAreReportedButNotComments() {
        let md = "第一行\n\n<!-- 提示：请填写 -->\n\n正文<br>换行\n\n<div>\n块\n</div>\n"
        #expect(MarkdownRenderer.render(md).rawHTMLLines == [5, 7])
    }
}
