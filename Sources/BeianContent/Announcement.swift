public import BeianMarkdown
public import BeianModel

/// One 信息公告 from `content/announcements/<slug>.md`.
public struct Announcement: Sendable, Hashable, Codable {
    /// The file name without `.md`: lowercase letters, digits and hyphens, safe in a URL.
    public var slug: String
    /// The file as shown in messages, e.g. `content/announcements/2024-06-01-upgrade.md`.
    public var path: String
    public var title: String
    /// 发布日期.
    public var date: CalendarDate
    /// 摘要 as written in the front matter.
    public var summary: String?
    /// 置顶: shown above the others on the home page.
    public var pinned: Bool
    /// The Markdown after the front matter.
    public var markdown: String
    /// The rendered body (headings start at `<h2>`: the page's `<h1>` is the title).
    public var html: String
    public var headings: [Heading]
    /// The body without markup, for the search index.
    public var plainText: String
    /// `summary`, or the start of the body when there is none: for lists and the feed.
    public var excerpt: String
    /// `batch:` of a batch announcement (`beian announce batch`); nil for any other.
    public var batch: BatchMark?
    /// The English version (`<slug>.en.md`), if the operator wrote one; nil: the English
    /// portal shows the Chinese text, marked as Chinese.
    public var english: Translation?

    public init(slug: String, path: String, title: String, date: CalendarDate, summary: String?, pinned: Bool,
                markdown: String, html: String, headings: [Heading], plainText: String, excerpt: String,
                batch: BatchMark? = nil, english: Translation? = nil) {
        self.slug = slug
        self.path = path
        self.title = title
        self.date = date
        self.summary = summary
        self.pinned = pinned
        self.markdown = markdown
        self.html = html
        self.headings = headings
        self.plainText = plainText
        self.excerpt = excerpt
        self.batch = batch
        self.english = english
    }

    /// Newest first, then by slug, so the order never depends on the file system.
    public static func newestFirst(_ a: Announcement, _ b: Announcement) -> Bool {
        a.date != b.date ? b.date < a.date : a.slug < b.slug
    }
}
