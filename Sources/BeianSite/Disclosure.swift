import BeianMarkdown

/// A filing's 拟公示内容 as HTML: one rendering for the pages `build` writes, the draft
/// pages `preview` writes and the pages `verify-site` renders again to compare.
public enum Disclosure {
    /// cmark-gfm, headings from level 2 (the page's `h1` is the algorithm's name).
    public static let html: @Sendable (String) -> String = {
        MarkdownRenderer.html($0, options: MarkdownOptions(headingLevels: .startingAt(2)))
    }
}
