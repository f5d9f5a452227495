@testable import BeianMarkdown
import Testing

/// SPEC §4's traps: CommonMark and GFM assume spaces between words, Chinese has none.
@Suite struct BareURLTests {
    @Test func urlStopsBeforeFullWidthPunctuation() {
        #expect(MarkdownRenderer.html("详见https://x.cn/a。请登录") ==
            "<p>详见<a href=\"https://x.cn/a\">https://x.cn/a</a>。请登录</p>\n")
    }

    @Test func urlStopsBeforeChineseCharacters() {
        #expect(MarkdownRenderer.html("访问https://beian.example.cn/list查询") ==
            "<p>访问<a href=\"https://beian.example.cn/list\">https://beian.example.cn/list</a>查询</p>\n")
    }

    @Test func asciiPunctuationBeforeTheCutIsTrimmedAsGFMDoes() {
        #expect(MarkdownRenderer.html("见https://x.cn/a.。") == "<p>见<a href=\"https://x.cn/a\">https://x.cn/a</a>.。</p>\n")
    }

    @Test func queryStringIsKept() {
        #expect(MarkdownRenderer.html("查询https://x.cn/s?q=1&t=2，谢谢") ==
            "<p>查询<a href=\"https://x.cn/s?q=1&amp;t=2\">https://x.cn/s?q=1&amp;t=2</a>，谢谢</p>\n")
    }

    @Test func secondURLInTheSwallowedTextIsLinkedToo() {
        #expect(MarkdownRenderer.html("见https://a.cn，或https://b.cn。") ==
            "<p>见<a href=\"https://a.cn\">https://a.cn</a>，或<a href=\"https://b.cn\">https://b.cn</a>。</p>\n")
    }

    @Test func wwwLinkStopsBeforeFullWidthParenthesis() {
        #expect(MarkdownRenderer.html("官网 www.example.cn（备案）") ==
            "<p>官网 <a href=\"http://www.example.cn\">www.example.cn</a>（备案）</p>\n")
    }

    @Test func urlWithChineseHostIsNotLinked() {
        #expect(MarkdownRenderer.html("见https://例子.cn") == "<p>见https://例子.cn</p>\n")
    }

    @Test func angleBracketURLMayHoldChinese() {
        #expect(MarkdownRenderer.html("<https://zh.wikipedia.org/wiki/算法>。") ==
            "<p><a href=\"https://zh.wikipedia.org/wiki/%E7%AE%97%E6%B3%95\">https://zh.wikipedia.org/wiki/算法</a>。</p>\n")
    }

    @Test func explicitLinkIsLeftAlone() {
        #expect(MarkdownRenderer.html("[https://x.cn/算法](https://x.cn/算法)") ==
            "<p><a href=\"https://x.cn/%E7%AE%97%E6%B3%95\">https://x.cn/算法</a></p>\n")
    }

    @Test func urlInCodeIsNotTouched() {
        #expect(MarkdownRenderer.html("`https://x.cn/a。请` 与\n\n    https://x.cn/a。请\n") ==
            "<p><code>https://x.cn/a。请</code> 与</p>\n<pre><code>https://x.cn/a。请\n</code></pre>\n")
    }
}

@Suite struct CJKStrongTests {
    @Test func strongAroundFullWidthQuotes() {
        #expect(MarkdownRenderer.html("这是**“重要”**通知") == "<p>这是<strong>“重要”</strong>通知</p>\n")
    }

    @Test func strongAroundBookTitleMarks() {
        #expect(MarkdownRenderer.html("请阅读**《算法备案承诺书》**并盖章") == "<p>请阅读<strong>《算法备案承诺书》</strong>并盖章</p>\n")
    }

    @Test func strongThatCommonMarkAcceptsIsUnchanged() {
        #expect(MarkdownRenderer.html("这是**重要**通知") == "<p>这是<strong>重要</strong>通知</p>\n")
    }

    @Test func twoPairsThatCommonMarkNestsWrongly() {
        // CommonMark pairs the middle two and the outer two: <strong>“甲”<strong>与</strong>“乙”</strong>.
        #expect(MarkdownRenderer.html("**“甲”**与**“乙”**") == "<p><strong>“甲”</strong>与<strong>“乙”</strong></p>\n")
    }

    @Test func twoPairsThatCommonMarkPairsInsideOut() {
        // CommonMark bolds only the text between the pairs: 这是**“甲”<strong>，那是</strong>“乙”**.
        #expect(MarkdownRenderer.html("这是**“甲”**，那是**“乙”**。") == "<p>这是<strong>“甲”</strong>，那是<strong>“乙”</strong>。</p>\n")
    }

    @Test func correctBoldBesideALeftoverPairIsKept() {
        #expect(MarkdownRenderer.html("**重要**，另见**“附件”**") == "<p><strong>重要</strong>，另见<strong>“附件”</strong></p>\n")
    }

    @Test func nestedBoldThatCommonMarkAcceptsIsUnchanged() {
        #expect(MarkdownRenderer.html("**a **b** c** 与 **x __y__**") == "<p><strong>a <strong>b</strong> c</strong> 与 <strong>x <strong>y</strong></strong></p>\n")
    }

    @Test func underscoreBoldIsLeftToCommonMark() {
        #expect(MarkdownRenderer.html("这是__“重要”__通知") == "<p>这是__“重要”__通知</p>\n")
    }

    @Test func strongInsideAListItemAndALink() {
        #expect(MarkdownRenderer.html("- 见[**“指南”**](/guide/)") == "<ul>\n<li>见<a href=\"/guide/\"><strong>“指南”</strong></a></li>\n</ul>\n")
    }

    @Test func strongInAHeadingAndATableCell() {
        #expect(MarkdownRenderer.html("## 关于**“算法备案”**") == "<h2 id=\"关于算法备案\">关于<strong>“算法备案”</strong></h2>\n")
        #expect(MarkdownRenderer.html("| 说明 |\n|---|\n| 见**《承诺书》**模板 |").contains("<td>见<strong>《承诺书》</strong>模板</td>"))
    }

    @Test func escapedAsterisksStayLiteral() {
        #expect(MarkdownRenderer.html("\\*\\*“不加粗”\\*\\*") == "<p>**“不加粗”**</p>\n")
    }

    @Test func asteriskPairsWithSpacesInsideStayLiteral() {
        #expect(MarkdownRenderer.html("2 ** 3 ** 4") == "<p>2 ** 3 ** 4</p>\n")
    }

    @Test func unpairedAsterisksStayLiteral() {
        #expect(MarkdownRenderer.html("这是**“重要”通知") == "<p>这是**“重要”通知</p>\n")
    }

    @Test func codeSpanIsNotTouched() {
        #expect(MarkdownRenderer.html("`这是**“重要”**通知`") == "<p><code>这是**“重要”**通知</code></p>\n")
    }

    @Test func codeBlockIsNotTouched() {
        #expect(MarkdownRenderer.html("```\n这是**“重要”**通知\n```") == "<pre><code>这是**“重要”**通知\n</code></pre>\n")
    }

    @Test func bothTrapsInOneSentence() {
        #expect(MarkdownRenderer.html("**“注意”**：详见https://x.cn/a。") ==
            "<p><strong>“注意”</strong>：详见<a href=\"https://x.cn/a\">https://x.cn/a</a>。</p>\n")
    }
}

/// Filers write disclosures, and the portal renders them: the fixes must stay linear on
/// hostile input (a quadratic walk took minutes on these before it was fixed).
@Suite struct PathologicalInputTests {
    @Test func tenThousandBoldPairsInOneParagraph() {
        let md = String(repeating: "这是**“重要”**通知，", count: 10_000)
        let elapsed = ContinuousClock().measure { _ = MarkdownRenderer.render(md) }
        #expect(elapsed < .seconds(10))
    }

    @Test func manyClosingParenthesesAfterAURL() {
        let text = "https://x.cn/" + String(repeating: ")", count: 100_000) + "。"
        let elapsed = ContinuousClock().measure {
            #expect(URLScanner.pieces(of: text).first == .link(href: "https://x.cn/", label: "https://x.cn/"))
        }
        #expect(elapsed < .seconds(10))
    }

    @Test func manyURLsThatAreNotURLs() {
        // Each host is only `-`: nothing is linked, and each candidate costs one character.
        let text = String(repeating: "https://-/", count: 20_000)
        let elapsed = ContinuousClock().measure { #expect(URLScanner.pieces(of: text).count == 1) }
        #expect(elapsed < .seconds(10))
    }

    @Test func urlFollowedByASCIIPunctuationThenChinese() {
        #expect(MarkdownRenderer.html("（见https://x.cn/a)。和https://y.cn,再") ==
            "<p>（见<a href=\"https://x.cn/a\">https://x.cn/a</a>)。和<a href=\"https://y.cn\">https://y.cn</a>,再</p>\n")
    }
}
