/// A document rendered once: its HTML, its headings and its plain text.
public struct RenderedMarkdown: Sendable, Hashable {
    /// Safe HTML: raw HTML in the source is replaced by a comment, links are filtered.
    public var html: String
    /// Every heading in document order, as rendered (level after shifting, unique id).
    public var headings: [Heading]
    /// The words without markup, one line per block (see `MarkdownRenderer.plainText`).
    public var plainText: String
    /// Lines (1-based, in the source) holding raw HTML that was left out, comments aside:
    /// an author who pasted `<font>` or `<br>` can be told it will not show.
    public var rawHTMLLines: [Int]

    public init(html: String, headings: [Heading], plainText: String, rawHTMLLines: [Int] = []) {
        self.html = html
        self.headings = headings
        self.plainText = plainText
        self.rawHTMLLines = rawHTMLLines
    }
}

/// One heading of a rendered document, for a table of contents: link to `#id`.
public struct Heading: Sendable, Hashable, Codable {
    /// 1…6, after `HeadingLevels` is applied.
    public var level: Int
    /// The heading's words without markup.
    public var text: String
    /// The `id` attribute it got, unique within the document and apart from reserved ids.
    public var id: String

    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}
