import BeianMarkdown
import Testing

/// `MarkdownRenderer.outline`: the top-level blocks as the renderer parses them, which the
/// disclosure check (D401/D402) reads so it cannot disagree with the page.
@Suite struct OutlineTests {
    func kinds(_ md: String) -> [String] {
        MarkdownRenderer.outline(md).map { block in
            switch block.kind {
            case .heading(let level, let title): "h\(level) \(title) @\(block.line)"
            case .content: "text @\(block.line)"
            case .hidden: "hidden @\(block.line)"
            }
        }
    }

    @Test func aCommentFollowedByTextOnItsLineEndsThere() {
        #expect(kinds("<!-- 提示 --> 说明\n\n## 算法基本原理\n\n正文\n") == ["hidden @1", "h2 算法基本原理 @3", "text @5"])
    }

    @Test func headingsInFencedCodeAreCode() {
        #expect(kinds("## 甲\n\n```\n## 乙\n```\n") == ["h2 甲 @1", "text @3"])
    }

    @Test func setextAndDecoratedHeadingsAreHeadings() {
        #expect(kinds("算法运行机制\n---\n\n## **算法目的意图** ##\n") == ["h2 算法运行机制 @1", "h2 算法目的意图 @4"])
    }

    @Test func rawHTMLAndBreaksAreNotText() {
        #expect(kinds("## 甲\n\n<div>块</div>\n\n---\n\n<br>\n") == ["h2 甲 @1", "hidden @3", "hidden @5", "hidden @7"])
    }
}
