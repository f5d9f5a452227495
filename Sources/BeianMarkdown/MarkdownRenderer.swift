import CCmarkGFM
import Foundation

/// Renders Markdown to HTML with cmark-gfm (tables, strikethrough, autolinks, tagfilter).
/// Raw HTML never passes: `CMARK_OPT_UNSAFE` is never set.
public enum MarkdownRenderer {
    /// HTML for `markdown`.
    public static func html(_ markdown: String) -> String {
        guard let out = cmark_markdown_to_html(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(out) }
        return String(cString: out)
    }
}
