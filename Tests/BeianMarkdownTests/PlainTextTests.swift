import BeianMarkdown
import Testing

@Suite struct PlainTextTests {
    @Test func markupIsDroppedAndBlocksAreLines() {
        let md = """
        # 关于**“算法备案”**

        本平台公示[已备案](/list/)的算法，详见https://x.cn/a。

        - 第一项
        - `beian status`
        """
        #expect(MarkdownRenderer.plainText(md) == "关于“算法备案”\n本平台公示已备案的算法，详见https://x.cn/a。\n第一项\nbeian status")
    }

    @Test func lineBreakJoinsChineseWithoutSpaceAndLatinWithOne() {
        #expect(MarkdownRenderer.plainText("第一行\n第二行 and\nmore") == "第一行第二行 and more")
    }

    @Test func rawHTMLNeverReachesTheText() {
        #expect(MarkdownRenderer.plainText("a <b onclick=x>粗</b>\n\n<script>alert(1)</script>\n\n![示意图](x.png)") == "a 粗\n示意图")
    }

    @Test func fullWidthAndNoBreakSpacesCollapse() {
        #expect(MarkdownRenderer.plainText("甲\u{3000}\u{3000}乙\u{00A0}丙  丁") == "甲 乙 丙 丁")
    }

    @Test func codeBlockLinesAreLines() {
        #expect(MarkdownRenderer.plainText("```\nbeian init a\n\nbeian validate a\n```") == "beian init a\nbeian validate a")
    }

    @Test func tableRowsAreLinesAndCellsAreSpaced() {
        #expect(MarkdownRenderer.plainText("| 名称 | 类别 |\n|---|---|\n| 推荐 | 02 |") == "名称 类别\n推荐 02")
    }

    @Test func excerptCutsAtACharacterWithEllipsis() {
        #expect(MarkdownRenderer.excerpt("第一段**文字**。\n\n第二段", limit: 8) == "第一段文字。第…")
        #expect(MarkdownRenderer.excerpt("Lorem ipsum dolor", limit: 13) == "Lorem ipsum…")
        #expect(MarkdownRenderer.excerpt("短", limit: 8) == "短")
    }

    @Test("an excerpt from a rendering equals the one made from the Markdown", arguments: [
        "第一段**文字**。\n\n第二段", "## 标题\n\n正文，详见https://x.cn/a。请**注意**：", "| 名称 | 类别 |\n|---|---|\n| 推荐 | 02 |",
        "<script>alert(1)</script>\n\n正文 <b>粗</b>", "- 一\n- 二\n\n> 引用\n\n```\ncode\n```", "",
    ])
    func excerptOfRendering(_ md: String) {
        for limit in [3, 8, 120] {
            #expect(MarkdownRenderer.excerpt(of: MarkdownRenderer.render(md), limit: limit) == MarkdownRenderer.excerpt(md, limit: limit))
        }
    }

    @Test func renderReturnsTheSameText() {
        let md = "## 标题\n\n正文"
        #expect(MarkdownRenderer.render(md).plainText == MarkdownRenderer.plainText(md))
    }
}
