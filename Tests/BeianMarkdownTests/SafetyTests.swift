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
