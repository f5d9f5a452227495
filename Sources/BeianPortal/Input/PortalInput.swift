public import BeianModel
import BeianOutput
public import Foundation

/// Everything the portal is built from: plain values, already loaded and approved.
///
/// The portal never reads bundles. `filings` is the privacy allow-list (`PublicFiling`), so a
/// field that is not in it cannot reach `site/`.
public struct PortalInput: Sendable {
    public var site: PortalSite
    public var filings: [PublicFiling]
    /// The summary of each filing, in the order of `filings` (`PublicView.summaries`): given,
    /// they are not computed again. Nil (or not one per filing): computed by the build.
    public var filingSummaries: [FilingSummary]?
    public var announcements: [PortalAnnouncement]
    public var pages: [PortalPage]
    /// Files copied verbatim, relative path → bytes (e.g. the search index under `search/`).
    public var extraFiles: [String: Data]
    /// Extra files unchanged since the previous build (relative paths): kept as the live site
    /// has them, never read. A missing one fails the build with `PortalKeptFileMissing`.
    public var keptFiles: [String] = []
    /// Renders a filing's 拟公示内容 (Markdown) to HTML. Must never pass raw HTML through.
    public var renderMarkdown: @Sendable (String) -> String
    /// Names the Markdown renderer and its version; part of every page's fingerprint, so a
    /// renderer upgrade re-renders the disclosures.
    public var markdownRendererID: String
    /// Signs the portal's head (SPEC §8, `SiteHead`): with it the build publishes
    /// `/transparency/checkpoint` and its leaves; without it, only the records beside each page.
    public var head: HeadSigning?

    public init(site: PortalSite, filings: [PublicFiling], announcements: [PortalAnnouncement] = [],
                pages: [PortalPage] = [], extraFiles: [String: Data] = [:],
                markdownRendererID: String = "markdown",
                renderMarkdown: @escaping @Sendable (String) -> String) {
        self.site = site
        self.filings = filings
        self.announcements = announcements
        self.pages = pages
        self.extraFiles = extraFiles
        self.markdownRendererID = markdownRendererID
        self.renderMarkdown = renderMarkdown
    }
}

/// The operator's site settings (`content/site.yaml`).
/// One navigation link the operator adds (`nav:` in content/site.yaml).
public struct PortalLink: Sendable, Hashable {
    public var title: String
    public var url: String
    /// The text on English pages; nil: the Chinese title, marked as Chinese.
    public var titleEN: String?
    public init(title: String, url: String, titleEN: String? = nil) { self.title = title; self.url = url; self.titleEN = titleEN }
}

public struct PortalSite: Sendable, Hashable {
    public var title: String
    /// Absolute `http(s)://` URL the site is served from, e.g. `https://beian.example.cn/`.
    /// Its path becomes the prefix of every internal link.
    public var baseURL: String
    public var footer: String
    public var contact: String
    public var description: String
    /// Extra navigation links (`nav:` of content/site.yaml), after the portal's own: a path in
    /// the portal (`/pages/about/`) or an `http(s)://` address.
    public var links: [PortalLink]
    /// The English pages' title, description and footer (SPEC §10); nil: the Chinese one, shown
    /// as it is and marked as Chinese.
    public var english: English = English()

    public struct English: Sendable, Hashable {
        public var title: String?
        public var description: String?
        public var footer: String?
        public init(title: String? = nil, description: String? = nil, footer: String? = nil) {
            self.title = title
            self.description = description
            self.footer = footer
        }
    }

    public init(title: String, baseURL: String, footer: String = "", contact: String = "", description: String = "", links: [PortalLink] = []) {
        self.links = links
        self.title = title
        self.baseURL = baseURL
        self.footer = footer
        self.contact = contact
        self.description = description
    }
}

/// One 信息公告, its body already rendered to safe HTML by the Markdown module.
public struct PortalAnnouncement: Sendable, Hashable {
    /// URL segment: ASCII letters, digits, `-` and `_`.
    public var slug: String
    public var title: String
    public var date: CalendarDate
    public var summary: String
    public var pinned: Bool
    /// Trusted HTML from the Markdown renderer (raw HTML never passes it).
    public var html: String
    /// The body as plain text, for summaries and the feed.
    public var text: String
    /// The English version (`<slug>.en.md`); nil: the English page shows this one, marked as Chinese.
    public var english: PortalTranslation?

    public init(slug: String, title: String, date: CalendarDate, summary: String = "", pinned: Bool = false,
                html: String, text: String = "", english: PortalTranslation? = nil) {
        self.slug = slug
        self.title = title
        self.date = date
        self.summary = summary
        self.pinned = pinned
        self.html = html
        self.text = text
        self.english = english
    }
}

/// A static page from `content/pages/` (关于, 填报指南 …), body already rendered to safe HTML.
public struct PortalPage: Sendable, Hashable {
    /// URL segment: ASCII letters, digits, `-` and `_`.
    public var slug: String
    public var title: String
    /// Position in the site navigation; nil keeps the page out of the navigation.
    public var navOrder: Int?
    /// Trusted HTML from the Markdown renderer.
    public var html: String
    /// The English version (`<slug>.en.md`); nil: the English page shows this one, marked as Chinese.
    public var english: PortalTranslation?

    public init(slug: String, title: String, navOrder: Int? = nil, html: String, english: PortalTranslation? = nil) {
        self.slug = slug
        self.title = title
        self.navOrder = navOrder
        self.html = html
        self.english = english
    }
}

/// The English version of an announcement or page (SPEC §10), body already rendered to safe
/// HTML by the same renderer as the Chinese one. Date, pinning and navigation order are the
/// Chinese item's.
public struct PortalTranslation: Sendable, Hashable {
    public var title: String
    /// The English summary, or the start of the English body when there is none; "" for pages.
    public var summary: String
    /// Trusted HTML from the Markdown renderer.
    public var html: String

    public init(title: String, summary: String = "", html: String) {
        self.title = title
        self.summary = summary
        self.html = html
    }
}

extension StableHash {
    /// A translation in a page's input key: none and any translation never hash alike;
    /// `html` only for the pages that show the body.
    mutating func add(_ t: PortalTranslation?, html withHTML: Bool) {
        guard let t else { add(false); return }
        add(true)
        add(t.title)
        add(t.summary)
        if withHTML { add(t.html) }
    }
}
