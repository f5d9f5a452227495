public import BeianMarkdown

/// The English version of a page or announcement, from `<slug>.en.md` beside `<slug>.md`
/// (SPEC §10). It carries only what is written in another language: the title, the summary
/// (announcements) and the body. Date, pinning and navigation order are the Chinese file's.
public struct Translation: Sendable, Hashable, Codable {
    /// The file as shown in messages, e.g. `content/pages/about.en.md`.
    public var path: String
    public var title: String
    /// 摘要 in English as written in the front matter (announcements only; nil for pages).
    public var summary: String?
    /// The Markdown after the front matter.
    public var markdown: String
    /// The rendered body, by the same renderer and rules as the Chinese one.
    public var html: String
    public var headings: [Heading]
    /// The body without markup.
    public var plainText: String
    /// `summary`, or the start of the English body when there is none.
    public var excerpt: String

    public init(path: String, title: String, summary: String?, markdown: String, html: String,
                headings: [Heading], plainText: String, excerpt: String) {
        self.path = path
        self.title = title
        self.summary = summary
        self.markdown = markdown
        self.html = html
        self.headings = headings
        self.plainText = plainText
        self.excerpt = excerpt
    }

    /// The file-name suffix of a translation: `about.en.md` translates `about.md`.
    public static let fileSuffix = ".en.md"
}
