public import BeianMarkdown

/// One static page from `content/pages/<slug>.md` (关于, 填报指南 …).
public struct Page: Sendable, Hashable, Codable {
    /// The file name without `.md`: lowercase letters, digits and hyphens, safe in a URL.
    public var slug: String
    /// The file as shown in messages.
    public var path: String
    public var title: String
    /// 导航顺序: pages that have one appear in the navigation bar, smallest first.
    public var navOrder: Int?
    public var markdown: String
    /// The rendered body (headings start at `<h2>`).
    public var html: String
    public var headings: [Heading]
    public var plainText: String
    /// The English version (`<slug>.en.md`), if the operator wrote one; nil: the English
    /// portal shows the Chinese text, marked as Chinese.
    public var english: Translation?

    public init(slug: String, path: String, title: String, navOrder: Int?, markdown: String, html: String,
                headings: [Heading], plainText: String, english: Translation? = nil) {
        self.slug = slug
        self.path = path
        self.title = title
        self.navOrder = navOrder
        self.markdown = markdown
        self.html = html
        self.headings = headings
        self.plainText = plainText
        self.english = english
    }

    /// By navigation order (pages without one last), then slug.
    public static func navigationOrder(_ a: Page, _ b: Page) -> Bool {
        let x = a.navOrder ?? Int.max, y = b.navOrder ?? Int.max
        return x != y ? x < y : a.slug < b.slug
    }
}
