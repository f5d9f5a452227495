import BeianMarkdown
import Testing

/// The rendered Markdown loads nothing from another host (issue 14): a filer's disclosure and
/// an announcement are shown to every visitor, and an image from elsewhere would be a tracking
/// pixel. Only an image at a relative path stays an image; any other becomes a plain link.
@Suite struct RemoteImageTests {
    @Test(arguments: [
        ("![跟踪](http://host/track.png)", "<p><a href=\"http://host/track.png\">跟踪</a></p>\n"),
        ("![图](https://a.example/x.png \"标题\")", "<p><a href=\"https://a.example/x.png\" title=\"标题\">图</a></p>\n"),
        ("![](https://t.example/p.gif)", "<p><a href=\"https://t.example/p.gif\">https://t.example/p.gif</a></p>\n"),
        ("![x](//cdn.example/x.png)", "<p><a href=\"//cdn.example/x.png\">x</a></p>\n"),
        ("![x](/\\cdn.example/x.png)", "<p><a href=\"/%5Ccdn.example/x.png\">x</a></p>\n"),
        ("![x](\\\\\\\\cdn.example/x.png)", "<p><a href=\"%5C%5Ccdn.example/x.png\">x</a></p>\n"),
        ("![x](HTTPS://A.EXAMPLE/X.PNG)", "<p><a href=\"HTTPS://A.EXAMPLE/X.PNG\">x</a></p>\n"),
        ("![x](data:image/png;base64,iVBORw0KGgo=)", "<p><a href=\"data:image/png;base64,iVBORw0KGgo=\">x</a></p>\n"),
        ("![图](javascript:alert(1))", "<p><a href=\"\">图</a></p>\n"),
        ("![**粗** 图][r]\n\n[r]: ftp://f.example/a.png", "<p><a href=\"ftp://f.example/a.png\"><strong>粗</strong> 图</a></p>\n"),
        ("[![徽章](https://b.example/badge.svg)](https://c.example)", "<p><a href=\"https://c.example\">徽章</a></p>\n"),
    ])
    func anImageFromElsewhereBecomesALink(markdown: String, html: String) {
        #expect(MarkdownRenderer.html(markdown) == html)
    }

    @Test(arguments: [
        ("![图](diagram.png)", "<p><img src=\"diagram.png\" alt=\"图\" /></p>\n"),
        ("![图](../a/b.png)", "<p><img src=\"../a/b.png\" alt=\"图\" /></p>\n"),
        ("![图](/files/b.png)", "<p><img src=\"/files/b.png\" alt=\"图\" /></p>\n"),
        ("![图](a/b:c.png)", "<p><img src=\"a/b:c.png\" alt=\"图\" /></p>\n"),
        ("![图](\\\\x.png)", "<p><img src=\"%5Cx.png\" alt=\"图\" /></p>\n"),
    ])
    func anImageOfThePortalStays(markdown: String, html: String) {
        #expect(MarkdownRenderer.html(markdown) == html)
    }

    /// Raw HTML never passes (`CMARK_OPT_UNSAFE` is not set; `tagfilter` is on), so an `<img>`,
    /// `<picture>`, `<video>` or SVG written as HTML cannot load anything either.
    @Test(arguments: [
        "<img src=\"https://t.example/p.gif\">",
        "文字 <img src=https://t.example/p.gif> 文字",
        "<picture><source srcset=\"https://t.example/a.webp\"></picture>",
        "<video poster=\"https://t.example/p.jpg\"></video>",
        "<svg><image href=\"https://t.example/p.svg\"/></svg>",
        "<link rel=stylesheet href=\"https://t.example/s.css\">",
        "<p style=\"background:url(https://t.example/p.gif)\">x</p>",
    ])
    func rawHTMLThatLoadsIsOmitted(markdown: String) {
        let html = MarkdownRenderer.html(markdown)
        #expect(!html.contains("t.example"), "\(html)")
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func hostileMixesLoadNothing() {
        let md = """
        # 披露 ![h](https://t.example/h.png)

        | 列 ![c](//t.example/c.png) |
        |:--:|
        | ![d](  https://t.example/d.png  ) |

        - ![e](<https://t.example/e f.png>)
        > ![f][g]

        [g]: <//t.example/g.png>
        """
        let html = MarkdownRenderer.html(md)
        #expect(!html.contains("<img"), "\(html)")
        #expect(!html.contains("src="), "\(html)")
        #expect(!html.contains("style="), "\(html)")
    }

    /// Cell alignment comes as a class: the portal's Content-Security-Policy blocks `style`.
    @Test func tableAlignmentIsAClassNotAStyle() {
        let html = MarkdownRenderer.html("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |")
        #expect(html.contains("<th class=\"align-left\">a</th>"), "\(html)")
        #expect(html.contains("<td class=\"align-center\">2</td>"), "\(html)")
        #expect(html.contains("<td class=\"align-right\">3</td>"), "\(html)")
        #expect(!html.contains("style="))
    }

    @Test func textThatSpellsTheStyleAttributeStaysText() {
        let html = MarkdownRenderer.html("` style=\"text-align: left\"` 与 style=\"text-align: right\"")
        #expect(!html.contains("class=\"align-"), "\(html)")
    }
}
