import BeianModel

/// What every page shares: site settings, navigation, asset links, breadcrumbs.
///
/// The masthead (brand, search box, navigation) is rendered once per section and the site
/// footer once per build, from the `masthead` and `site-footer` templates; every page then
/// embeds them. All strings here are plain text that Mustache escapes.
struct Chrome: Sendable {
    let routes: Routes
    let siteTitle: String
    let description: String
    let hasSearchScript: Bool
    /// Keys every page model starts with (links, site settings, the rendered footer).
    private let shared: [String: any Sendable]
    /// Rendered masthead per section key.
    private let mastheads: [String: String]
    private let source: (site: PortalSite, pages: [PortalPage], cssVersion: String)

    /// Where a page belongs in the navigation.
    enum Section: Hashable {
        case home, list, announcements, search, stats, page(String), none
        var key: String {
            switch self {
            case .home: "home"
            case .list: "list"
            case .announcements: "announcements"
            case .search: "search"
            case .stats: "stats"
            case .page(let slug): "page:" + slug
            case .none: ""
            }
        }
    }

    init(site: PortalSite, routes: Routes, pages: [PortalPage], cssVersion: String, hasSearchScript: Bool,
         theme: CompiledTheme) {
        self.routes = routes
        source = (site, pages, cssVersion)
        let title = PlainText.clean(site.title)
        siteTitle = title
        description = PlainText.clean(site.description)
        self.hasSearchScript = hasSearchScript

        let footerPages = pages.sorted { ($0.navOrder ?? Int.max, $0.slug) < ($1.navOrder ?? Int.max, $1.slug) }
            .map { ["href": routes.href(Routes.page($0.slug)), "label": PlainText.clean($0.title)] }
        var shared: [String: any Sendable] = [
            "site": ["title": title, "footer": PlainText.clean(site.footer), "contact": PlainText.clean(site.contact)],
            "basePath": routes.basePath,
            "cssHref": routes.href(Routes.css) + "?v=" + cssVersion,
            "homeHref": routes.href(Routes.home),
            "listHref": routes.href(Routes.list),
            "announcementsHref": routes.href(Routes.announcements),
            "searchHref": routes.href(Routes.search),
            "statsHref": routes.href(Routes.stats),
            "feedHref": routes.href(Routes.feed),
            "csvHref": routes.href("filings.csv"),
            "jsonHref": routes.href("filings.json"),
            "hasFooterPages": !footerPages.isEmpty,
            "footerPages": footerPages,
            "hasFooterText": !site.footer.trimmingSpaces.isEmpty,
            "hasContact": !site.contact.trimmingSpaces.isEmpty,
        ]
        shared["siteFooterHTML"] = theme.render("site-footer", shared)

        var items: [(label: String, path: String, section: String)] = [
            ("首页", Routes.home, Section.home.key),
            ("备案清单", Routes.list, Section.list.key),
            ("信息公告", Routes.announcements, Section.announcements.key),
            ("备案查询", Routes.search, Section.search.key),
            (StatsPage.title(.zh), Routes.stats, Section.stats.key),
        ]
        let navPages = pages.filter { $0.navOrder != nil }.sorted { ($0.navOrder!, $0.slug) < ($1.navOrder!, $1.slug) }
        for p in navPages { items.append((PlainText.clean(p.title), Routes.page(p.slug), Section.page(p.slug).key)) }
        // The operator's `nav:` links come last: a portal path (under the base path) or a web
        // address as written; anything else was refused when the content loaded (C802).
        let links: [[String: any Sendable]] = site.links.compactMap { link in
            let lower = link.url.lowercased()
            let href: String
            if link.url.hasPrefix("/") && !link.url.hasPrefix("//") {
                href = routes.href(String(link.url.dropFirst()))
            } else if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
                href = link.url
            } else {
                return nil
            }
            let label = PlainText.clean(link.title)
            return ["href": href, "label": label.isEmpty ? href : label, "current": false]
        }
        var mastheads: [String: String] = [:]
        for section in Set(items.map(\.section) + pages.map { Section.page($0.slug).key } + [Section.none.key]) {
            var model = shared
            model["nav"] = items.map { ["href": routes.href($0.path), "label": $0.label, "current": $0.section == section] as [String: any Sendable] } + links
            mastheads[section] = theme.render("masthead", model)
        }
        self.shared = shared
        self.mastheads = mastheads
    }

    /// The same chrome rendered with another copy of the theme.
    func rebuilt(theme: CompiledTheme) -> Chrome {
        Chrome(site: source.site, routes: routes, pages: source.pages, cssVersion: source.cssVersion,
               hasSearchScript: hasSearchScript, theme: theme)
    }

    /// The model every template starts from.
    /// - Parameters:
    ///   - title: the page's own title; the document title adds the site title after it.
    ///   - path: the page's site-relative path (for the canonical URL), nil for the 404 page.
    ///   - crumbs: breadcrumb trail after 首页; the last one is the current page (its path unused).
    func model(section: Section, title: String?, path: String?, crumbs: [(label: String, path: String?)] = [],
               description: String? = nil) -> [String: Any] {
        var m: [String: Any] = shared
        let desc = description ?? self.description
        m["docTitle"] = title.map { "\($0) - \(siteTitle)" } ?? siteTitle
        m["hasDescription"] = !desc.isEmpty
        m["metaDescription"] = desc
        m["hasCanonical"] = path != nil
        m["canonical"] = path.map(routes.absolute) ?? ""
        m["mastheadHTML"] = mastheads[section.key] ?? mastheads[""]!
        m["hasCrumbs"] = !crumbs.isEmpty
        if let current = crumbs.last {
            var links: [[String: String]] = [["label": "首页", "href": routes.href(Routes.home)]]
            for c in crumbs.dropLast() { links.append(["label": c.label, "href": c.path.map(routes.href) ?? ""]) }
            m["crumbLinks"] = links
            m["crumbCurrent"] = current.label
        }
        return m
    }
}
