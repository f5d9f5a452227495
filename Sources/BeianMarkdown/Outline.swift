import CCmarkGFM

/// One top-level block of a document as the renderer sees it: a heading, a block that shows
/// on the page, or one that does not (raw HTML and comments, which are never rendered, and
/// thematic breaks, which hold no text).
public struct OutlineBlock: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An ATX or setext heading, its level and its words without markup.
        case heading(level: Int, title: String)
        /// A paragraph, list, quote, table or code block: text a reader sees.
        case content
        /// Raw HTML (comments included) or a thematic break: nothing a reader reads.
        case hidden
    }

    public var kind: Kind
    /// 1-based line in the source where the block starts.
    public var line: Int
}

extension MarkdownRenderer {
    /// The document's top-level blocks in order, parsed exactly as `render` parses them, so a
    /// check of the source (the disclosure's required sections) cannot disagree with the page:
    /// a heading inside a fenced code block or an HTML comment is no heading, a setext heading
    /// is one, and text after `-->` on a comment's line is part of the comment.
    public static func outline(_ markdown: String) -> [OutlineBlock] {
        let document = CmarkDocument(markdown)
        return document.root.children.map { node in
            let line = node.start?.line ?? 1
            switch node.type {
            case CMARK_NODE_HEADING:
                return OutlineBlock(kind: .heading(level: node.headingLevel, title: PlainText.inline(node)), line: line)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK:
                return OutlineBlock(kind: .hidden, line: line)
            case CMARK_NODE_PARAGRAPH where isOnlyRawHTML(node):
                return OutlineBlock(kind: .hidden, line: line)
            default:
                return OutlineBlock(kind: .content, line: line)
            }
        }
    }

    /// A paragraph made only of inline HTML and white space renders as omitted comments.
    static func isOnlyRawHTML(_ paragraph: Node) -> Bool {
        paragraph.children.allSatisfy { child in
            switch child.type {
            case CMARK_NODE_HTML_INLINE, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: true
            case CMARK_NODE_TEXT: child.literal.allSatisfy(\.isWhitespace)
            default: false
            }
        }
    }
}
