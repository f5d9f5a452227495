import BeianMarkdown
import Testing

@Suite struct RenderingTests {
    @Test func paragraphWithEmphasis() {
        #expect(MarkdownRenderer.html("你好 **世界**") == "<p>你好 <strong>世界</strong></p>\n")
    }

    @Test func tableIsWrappedForScrollingWithAlignmentAsClass() {
        let md = """
        | 算法名称 | 备案编号 |
        |---|:-:|
        | 推荐算法 | 网信算备110108823483902220017号 |
        """
        #expect(MarkdownRenderer.html(md) == """
        <div class="table-scroll" role="region" aria-label="表格 1" tabindex="0">
        <table>
        <thead>
        <tr>
        <th>算法名称</th>
        <th class="align-center">备案编号</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>推荐算法</td>
        <td class="align-center">网信算备110108823483902220017号</td>
        </tr>
        </tbody>
        </table>
        </div>

        """)
    }

    @Test func eachTableGetsItsOwnRegionName() {
        let md = "| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n"
        let html = MarkdownRenderer.html(md)
        #expect(html.contains("aria-label=\"表格 1\""))
        #expect(html.contains("aria-label=\"表格 2\""))
    }

    @Test func doubleTildeStrikesThrough() {
        #expect(MarkdownRenderer.html("~~已废止~~") == "<p><del>已废止</del></p>\n")
    }

    @Test func singleTildeRangesStayText() {
        // With single-tilde strikethrough, the text between two ranges would be struck out.
        #expect(MarkdownRenderer.html("受理时间9:00~12:00，14:00~17:00") == "<p>受理时间9:00~12:00，14:00~17:00</p>\n")
    }

    @Test func bareURLAndEmailBecomeLinks() {
        #expect(MarkdownRenderer.html("见 https://beian.example.cn/list 或写信 admin@example.cn") ==
            "<p>见 <a href=\"https://beian.example.cn/list\">https://beian.example.cn/list</a> 或写信 <a href=\"mailto:admin@example.cn\">admin@example.cn</a></p>\n")
    }

    @Test func fencedCodeKeepsItsLanguageClass() {
        #expect(MarkdownRenderer.html("```sh\nbeian validate bundles/acme\n```") ==
            "<pre><code class=\"language-sh\">beian validate bundles/acme\n</code></pre>\n")
    }
}
