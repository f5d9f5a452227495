import BeianModel

/// What every page shares: site settings, navigation, asset links, breadcrumbs.
///
/// Built once per build; `model(…)` starts each page's Mustache model from it. All strings
/// are plain text here; Mustache escapes them where the templates output them.
struct Chrome: Sendable {
    let routes: Routes
    let siteTitle: String
    let siteModel: [String: String]
    let description: String
    let cssHref: String
    let hasSearchScript: Bool
    let navBySection: [String: [[String: String]]]
    let navCurrent: [String: [Int]]
    let footerPages: [[String: String]]
    let hasFooterText: Bool
    let hasContact: Bool

    /// Where a page belongs in the navigation.
    enum Section: Hashable {
        case home, list, announcements, search, page(String), none
        var key: String {
            switch self {
            case .home: "home"
            case .list: "list"
            case .announcements: "announcements"
            case .search: "search"
            case .page(let slug): "page:" + slug
            case .none: ""
            }
        }
    }

    init(site: PortalSite, routes: Routes, pages: [PortalPage], cssVersion: String, hasSearchScript: Bool) {
        self.routes = routes
        let title = PlainText.clean(site.title)
        siteTitle = title
        siteModel = ["title": title, "footer": PlainText.clean(site.footer), "contact": PlainText.clean(site.contact)]
        description = PlainText.clean(site.description)
        hasFooterText = !site.footer.trimmingSpaces.isEmpty
        hasContact = !site.contact.trimmingSpaces.isEmpty
        cssHref = routes.href(Routes.css) + "?v=" + cssVersion
        self.hasSearchScript = hasSearchScript

        var items: [(label: String, path: String, section: String)] = [
            ("首页", Routes.home, Section.home.key),
            ("备案清单", Routes.list, Section.list.key),
            ("信息公告", Routes.announcements, Section.announcements.key),
            ("备案查询", Routes.search, Section.search.key),
        ]
        let navPages = pages.filter { $0.navOrder != nil }.sorted { ($0.navOrder!, $0.slug) < ($1.navOrder!, $1.slug) }
        for p in navPages { items.append((PlainText.clean(p.title), Routes.page(p.slug), Section.page(p.slug).key)) }
        var nav: [String: [[String: String]]] = [:]
        var current: [String: [Int]] = [:]
        for section in items.map(\.section) + [Section.none.key] {
            nav[section] = items.map { ["href": routes.href($0.path), "label": $0.label] }
            current[section] = items.indices.filter { items[$0].section == section }
        }
        navBySection = nav
        navCurrent = current
        footerPages = pages.sorted { ($0.navOrder ?? Int.max, $0.slug) < ($1.navOrder ?? Int.max, $1.slug) }
            .map { ["href": routes.href(Routes.page($0.slug)), "label": PlainText.clean($0.title)] }
    }

    /// The model every template starts from.
    /// - Parameters:
    ///   - title: the page's own title; the document title adds the site title after it.
    ///   - path: the page's site-relative path (for the canonical URL), nil for the 404 page.
    ///   - crumbs: breadcrumb trail after 首页; the last one is the current page.
    func model(section: Section, title: String?, path: String?, crumbs: [(label: String, path: String?)] = [],
               description: String? = nil) -> [String: Any] {
        let doc = title.map { "\($0) - \(siteTitle)" } ?? siteTitle
        let desc = description ?? self.description
        let currentIndices = navCurrent[section.key] ?? []
        let nav: [[String: Any]] = (navBySection[section.key] ?? navBySection[""]!).enumerated().map { i, item in
            ["href": item["href"]!, "label": item["label"]!, "current": currentIndices.contains(i)]
        }
        var trail: [[String: Any]] = []
        if !crumbs.isEmpty {
            trail.append(["label": "首页", "href": routes.href(Routes.home), "hasHref": true])
            for c in crumbs {
                trail.append(["label": c.label, "href": c.path.map(routes.href) ?? "", "hasHref": c.path != nil])
            }
        }
        return [
            "site": siteModel,
            "docTitle": doc,
            "hasDescription": !desc.isEmpty,
            "metaDescription": desc,
            "hasCanonical": path != nil,
            "canonical": path.map(routes.absolute) ?? "",
            "basePath": routes.basePath,
            "cssHref": cssHref,
            "homeHref": routes.href(Routes.home),
            "listHref": routes.href(Routes.list),
            "announcementsHref": routes.href(Routes.announcements),
            "searchHref": routes.href(Routes.search),
            "feedHref": routes.href(Routes.feed),
            "csvHref": routes.href("filings.csv"),
            "jsonHref": routes.href("filings.json"),
            "nav": nav,
            "hasCrumbs": !trail.isEmpty,
            "crumbs": trail,
            "hasFooterPages": !footerPages.isEmpty,
            "footerPages": footerPages,
            "hasFooterText": hasFooterText,
            "hasContact": hasContact,
        ]
    }
}
