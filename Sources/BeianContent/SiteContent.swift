public import BeianDiagnostics
public import Foundation

/// Everything the portal operator wrote under `content/`, checked and rendered: the plain
/// values the portal builds pages from (SPEC §0, §4).
///
/// An item whose file has an error is left out of the lists; its problems are in
/// `diagnostics`, so `beian build` can refuse to publish and `check` can list them all.
public struct SiteContent: Sendable {
    /// `content/site.yaml`, or nil when it is missing or invalid.
    public var site: SiteConfig?
    /// 信息公告, newest first (by date, then slug). Pinned ones are among them, in order.
    public var announcements: [Announcement]
    /// Static pages, by `nav_order` (pages without one last), then slug.
    public var pages: [Page]
    /// Downloadable files (`content/files/<name>`, published as `/files/<name>`), name → bytes.
    public var files: [String: Data]
    /// Every problem found, sorted.
    public var diagnostics: [Diagnostic]

    public init(site: SiteConfig?, announcements: [Announcement], pages: [Page], files: [String: Data] = [:], diagnostics: [Diagnostic]) {
        self.site = site
        self.announcements = announcements
        self.pages = pages
        self.files = files
        self.diagnostics = diagnostics
    }

    /// The pinned announcements, newest first: the ones the home page shows above the rest.
    public var pinned: [Announcement] { announcements.filter(\.pinned) }

    /// The pages that have a `nav_order`, in navigation order.
    public var navigationPages: [Page] { pages.filter { $0.navOrder != nil } }
}
