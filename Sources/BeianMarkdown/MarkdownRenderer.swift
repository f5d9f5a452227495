import CCmarkGFM
import Foundation

/// Renders Markdown (GitHub Flavored: tables, strikethrough, autolinks) to safe HTML with
/// cmark-gfm, fixed for Chinese text. Safe to call from many threads at once.
///
/// Raw HTML never passes through: `CMARK_OPT_UNSAFE` is never set, so HTML blocks and inline
/// tags become `<!-- raw HTML omitted -->` and `javascript:`, `vbscript:`, `file:` and
/// non-image `data:` links lose their address. Control, bidi and invisible characters
/// (`TextSafety`) are dropped from the source before it is parsed (`CmarkDocument`), so no
/// HTML, heading or plain text holds them. On top of cmark-gfm, in this order:
/// 1. bare URLs end at the first non-ASCII character (`BareURLSplitter`);
/// 2. `**` left literal next to full-width punctuation becomes bold (`CJKStrong`);
/// 3. headings get ids and shifted levels (`HeadingAnchors`);
/// 4. tables are wrapped in `<div class="table-scroll" …>` (`TableWrapper`);
/// 5. an image whose address is not a relative path becomes a plain link (`RemoteImages`);
/// 6. table cells are aligned by class (`align-left`, `align-center`, `align-right`), not by a
///    `style` attribute, which the portal's Content-Security-Policy (`style-src 'self'`) blocks.
/// So the HTML loads nothing from another host and carries no inline style.
public enum MarkdownRenderer {
    /// Renders `markdown` once and returns its HTML, headings and plain text.
    public static func render(_ markdown: String, options: MarkdownOptions = MarkdownOptions()) -> RenderedMarkdown {
        let document = CmarkDocument(markdown)
        let rawHTML = rawHTMLLines(document)
        fixChinese(document)
        let text = PlainText.document(document.root)
        let headings = HeadingAnchors.apply(to: document, options: options)
        TableWrapper.apply(to: document, label: options.tableLabel)
        RemoteImages.apply(to: document)
        return RenderedMarkdown(html: alignByClass(document.html()), headings: headings, plainText: text, rawHTMLLines: rawHTML)
    }

    /// The HTML of `markdown`, headings as written.
    public static func html(_ markdown: String, options: MarkdownOptions = MarkdownOptions()) -> String {
        render(markdown, options: options).html
    }

    /// The words of `markdown` without markup, one line per block, for search and summaries.
    public static func plainText(_ markdown: String) -> String {
        let document = CmarkDocument(markdown)
        fixChinese(document)
        return PlainText.document(document.root)
    }

    /// At most `limit` characters of the plain text on one line, ending in `…` when cut:
    /// a feed summary or a search snippet.
    public static func excerpt(_ markdown: String, limit: Int) -> String {
        PlainText.excerpt(plainText(markdown), limit: limit)
    }

    /// The same excerpt from a rendering's plain text (`RenderedMarkdown.plainText`), without
    /// parsing the Markdown again.
    public static func excerpt(of rendered: RenderedMarkdown, limit: Int) -> String {
        PlainText.excerpt(rendered.plainText, limit: limit)
    }

    /// Source lines of raw HTML other than comments, which cmark-gfm leaves out.
    static func rawHTMLLines(_ document: CmarkDocument) -> [Int] {
        let lines = document.root.descendants.compactMap { node -> Int? in
            guard node.type == CMARK_NODE_HTML_BLOCK || node.type == CMARK_NODE_HTML_INLINE,
                  !node.literal.hasPrefix("<!--") else { return nil }
            return node.start?.line
        }
        return Array(Set(lines)).sorted()
    }

    /// The table extension's cell alignment, as classes. These exact bytes come only from the
    /// extension: in text and attribute values cmark-gfm escapes `"`, and raw HTML never passes.
    static func alignByClass(_ html: String) -> String {
        guard html.contains(" style=\"text-align: ") else { return html }
        var out = html
        for side in ["left", "center", "right"] {
            out = out.replacingOccurrences(of: " style=\"text-align: \(side)\"", with: " class=\"align-\(side)\"")
        }
        return out
    }

    static func fixChinese(_ document: CmarkDocument) {
        BareURLSplitter.apply(to: document)
        CJKStrong.apply(to: document)
    }
}
