import BeianDiagnostics
import BeianModel

/// What every page shares: site settings, navigation, asset links, breadcrumbs.
///
/// The masthead (brand, search box, navigation) is rendered once per section and the site
/// footer once per build, from the `masthead` and `site-footer` templates; every page then
/// embeds them. All strings here are plain text that Mustache escapes.
struct Chrome: Sendable {
    /// The pages' language: Chinese at the site's root, English under `en/` (SPEC §10).
    let lang: Lang
    /// Links to pages in `lang` (`href` adds `en/` on English pages; `asset` never does).
    let routes: Routes
    /// The same routes in Chinese, for what both languages share: canonical records, the badge
    /// snippet (a filer pastes one, whichever page it copied it from).
    let siteRoutes: Routes
    let siteTitle: String
    let description: String
    /// English pages show the Chinese description (no `description_en`).
    let descriptionIsChinese: Bool
    let hasSearchScript: Bool
    /// Set when the pages are a draft's preview (`BuildOptions.preview`): marked, and no number.
    let preview: BuildOptions.Preview?
    /// The fixed strings of `lang` (`UIText`), `t` in every template.
    let text: [String: String]
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

    init(site: PortalSite, routes siteRoutes: Routes, pages: [PortalPage], cssVersion: String, hasSearchScript: Bool,
         theme: CompiledTheme, lang: Lang = .zh, preview: BuildOptions.Preview? = nil) {
        self.lang = lang
        self.preview = preview
        self.siteRoutes = siteRoutes
        let routes = siteRoutes.localized(lang)
        self.routes = routes
        source = (site, pages, cssVersion)
        let t = UIText.table(lang)
        text = t
        // The operator's English title, description and footer, where given; else the Chinese
        // ones, marked as Chinese on English pages (`…IsChinese`).
        let english = lang == .en
        let title = PlainText.clean(english ? site.english.title ?? site.title : site.title)
        siteTitle = title
        description = PlainText.clean(english ? site.english.description ?? site.description : site.description)
        descriptionIsChinese = english && site.english.description == nil
        self.hasSearchScript = hasSearchScript
        var shared = Self.sharedKeys(site: site, pages: pages, routes: routes, cssVersion: cssVersion, text: t, lang: lang)
        if let preview { Self.addPreview(preview, routes: routes, to: &shared) }
        shared["siteFooterHTML"] = theme.render("site-footer", shared)
        self.shared = shared
        mastheads = Self.mastheads(site: site, pages: pages, routes: routes, shared: shared, theme: theme, lang: lang, hasSearch: preview == nil)
    }

    /// A content page's title in the pages' language: its English version's where there is one;
    /// true when it is Chinese on an English page.
    private static func pageTitle(_ p: PortalPage, english: Bool) -> (String, Bool) {
        if english, let e = p.english { return (PlainText.clean(e.title), false) }
        return (PlainText.clean(p.title), english)
    }

    /// Keys every page model starts with: links, site settings, the footer's pages.
    private static func sharedKeys(site: PortalSite, pages: [PortalPage], routes: Routes, cssVersion: String,
                                   text t: [String: String], lang: Lang) -> [String: any Sendable] {
        let english = lang == .en
        let title = PlainText.clean(english ? site.english.title ?? site.title : site.title)
        let footer = english ? site.english.footer ?? site.footer : site.footer
        let footerPages = pages.sorted { ($0.navOrder ?? Int.max, $0.slug) < ($1.navOrder ?? Int.max, $1.slug) }
            .map { p -> [String: any Sendable] in
                let (label, chinese) = pageTitle(p, english: english)
                return ["href": routes.href(Routes.page(p.slug)), "label": label, "labelIsChinese": chinese]
            }
        return [
            "t": t,
            "htmlLang": lang.htmlLang,
            "site": ["title": title, "footer": PlainText.clean(footer), "contact": PlainText.clean(site.contact)],
            "siteTitleIsChinese": english && site.english.title == nil,
            "siteFooterIsChinese": english && site.english.footer == nil,
            "basePath": routes.basePath,
            "cssHref": routes.asset(Routes.css) + "?v=" + cssVersion,
            "homeHref": routes.href(Routes.home),
            "listHref": routes.href(Routes.list),
            "announcementsHref": routes.href(Routes.announcements),
            "searchHref": routes.href(Routes.search),
            "statsHref": routes.href(Routes.stats),
            "entitiesHref": routes.href(Routes.entities),
            "feedHref": routes.asset(Routes.feed),
            "csvHref": routes.asset("filings.csv"),
            "jsonHref": routes.asset("filings.json"),
            "hasFooterPages": !footerPages.isEmpty,
            "footerPages": footerPages,
            "hasFooterText": !footer.trimmingSpaces.isEmpty,
            "hasContact": !site.contact.trimmingSpaces.isEmpty,
        ]
    }

    /// The keys of a preview's marks (`header`): its stylesheet and its banner, the same in both
    /// languages (the banner says it in English too).
    private static func addPreview(_ preview: BuildOptions.Preview, routes: Routes, to shared: inout [String: any Sendable]) {
        shared["isPreview"] = true
        shared["previewStylesheetHref"] = routes.asset(preview.stylesheet)
        shared["previewLabel"] = preview.bannerLabel
        shared["previewNotice"] = preview.bannerText
        shared["previewNoticeEN"] = preview.bannerEnglish
    }

    /// The masthead of each section: the navigation with that section current.
    private static func mastheads(site: PortalSite, pages: [PortalPage], routes: Routes, shared: [String: any Sendable],
                                  theme: CompiledTheme, lang: Lang, hasSearch: Bool) -> [String: String] {
        let english = lang == .en
        let t = UIText.table(lang)
        var items: [(label: String, path: String, section: String)] = [
            (t["navHome"]!, Routes.home, Section.home.key),
            (t["navList"]!, Routes.list, Section.list.key),
            (t["navAnnouncements"]!, Routes.announcements, Section.announcements.key),
            (t["navSearch"]!, Routes.search, Section.search.key),
            (t["navStats"]!, Routes.stats, Section.stats.key),
        ]
        // A preview has no search page to go to (`BuildOptions.preview`).
        if !hasSearch { items.removeAll { $0.path == Routes.search } }
        var chinese = Set<String>()
        let navPages = pages.filter { $0.navOrder != nil }.sorted { ($0.navOrder!, $0.slug) < ($1.navOrder!, $1.slug) }
        for p in navPages {
            let (label, isChinese) = pageTitle(p, english: english)
            items.append((label, Routes.page(p.slug), Section.page(p.slug).key))
            if isChinese { chinese.insert(Section.page(p.slug).key) }
        }
        let links = navLinks(site: site, routes: routes, english: english)
        var mastheads: [String: String] = [:]
        for section in Set(items.map(\.section) + pages.map { Section.page($0.slug).key } + [Section.none.key]) {
            var model = shared
            model["nav"] = items.map {
                ["href": routes.href($0.path), "label": $0.label, "current": $0.section == section,
                 "labelIsChinese": chinese.contains($0.section)] as [String: any Sendable]
            } + links
            mastheads[section] = theme.render("masthead", model)
        }
        return mastheads
    }

    /// The operator's `nav:` links, which come last: a portal path (under the base path) or a
    /// web address as written; anything else was refused when the content loaded (C802).
    private static func navLinks(site: PortalSite, routes: Routes, english: Bool) -> [[String: any Sendable]] {
        site.links.compactMap { link in
            let lower = link.url.lowercased()
            let href: String
            if link.url.hasPrefix("/") && !link.url.hasPrefix("//") {
                href = routes.asset(String(link.url.dropFirst()))
            } else if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
                href = link.url
            } else {
                return nil
            }
            let label = PlainText.clean(english ? link.titleEN ?? link.title : link.title)
            return ["href": href, "label": label.isEmpty ? href : label, "current": false,
                    "labelIsChinese": english && link.titleEN == nil]
        }
    }

    /// The same chrome rendered with another copy of the theme.
    func rebuilt(theme: CompiledTheme) -> Chrome {
        Chrome(site: source.site, routes: siteRoutes, pages: source.pages, cssVersion: source.cssVersion,
               hasSearchScript: hasSearchScript, theme: theme, lang: lang, preview: preview)
    }

    /// The chrome of the other language's pages, rendered with the same theme.
    func other(theme: CompiledTheme) -> Chrome {
        Chrome(site: source.site, routes: siteRoutes, pages: source.pages, cssVersion: source.cssVersion,
               hasSearchScript: hasSearchScript, theme: theme, lang: lang.other, preview: preview)
    }

    /// Links a page to the feeds that follow what it lists (`FilingFeed`): a
    /// `<link rel="alternate" type="application/atom+xml">` each in the head (`header`) and a
    /// visible link each (`feed-links`), labelled in the page's language.
    func addFeeds(_ feeds: [FilingFeed], to m: inout [String: Any]) {
        // A preview makes no feed to link to.
        let feeds = preview == nil ? feeds : []
        m["hasFeedLinks"] = !feeds.isEmpty
        m["feedLinks"] = feeds.enumerated().map { n, feed -> [String: Any] in
            ["href": routes.href(feed.path), "title": feed.label(lang), "separator": n > 0]
        }
    }

    /// A filing's number as pages show it: in a preview, the placeholder (a draft has none).
    func number(_ f: PublicFiling) -> String { preview?.placeholder ?? f.number.description }

    /// A fixed string of the page's language (`UIText`).
    func t(_ key: String) -> String { text[key] ?? "" }

    /// One of two texts by the page's language (sentences with numbers in them).
    func pick(_ zh: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String { lang == .zh ? zh() : en() }

    /// A date as the page's language writes it (the `datetime` attribute stays ISO 8601).
    func date(_ d: CalendarDate) -> String { lang == .zh ? d.description : d.englishText }

    /// An algorithm type's name in the page's language.
    func typeName(_ type: AlgorithmType) -> String { lang == .zh ? type.rawValue : type.englishName }

    /// The model every template starts from.
    /// - Parameters:
    ///   - title: the page's own title; the document title adds the site title after it.
    ///   - path: the page's site-relative path (for the canonical URL, the other language's
    ///     page and the `hreflang` links), nil for the 404 page.
    ///   - crumbs: breadcrumb trail after 首页; the last one is the current page (its path unused).
    ///   - titleIsChinese: the page's own title is filer or operator text in Chinese (English pages mark it).
    func model(section: Section, title: String?, path: String?, crumbs: [(label: String, path: String?)] = [],
               description: String? = nil, titleIsChinese: Bool = false) -> [String: Any] {
        var m: [String: Any] = shared
        let desc = description ?? self.description
        m["docTitle"] = (preview?.titlePrefix ?? "") + (title.map { "\($0) - \(siteTitle)" } ?? siteTitle)
        m["hasDescription"] = !desc.isEmpty
        m["metaDescription"] = desc
        m["hasCanonical"] = path != nil
        m["canonical"] = path.map(routes.absolute) ?? ""
        // Both languages' addresses of this page (`hreflang`), and the switch to the other one.
        let other = siteRoutes.localized(lang.other)
        m["hasAlternates"] = path != nil
        m["zhURL"] = path.map(siteRoutes.absolute) ?? ""
        m["enURL"] = path.map(siteRoutes.localized(.en).absolute) ?? ""
        m["otherHref"] = other.href(path ?? Routes.home)
        m["otherLang"] = lang.other.htmlLang
        m["otherLabel"] = lang.other.switchLabel
        m["mastheadHTML"] = mastheads[section.key] ?? mastheads[""]!
        m["hasCrumbs"] = !crumbs.isEmpty
        m["titleIsChinese"] = lang == .en && titleIsChinese
        if let current = crumbs.last {
            var links: [[String: String]] = [["label": t("home"), "href": routes.href(Routes.home)]]
            for c in crumbs.dropLast() { links.append(["label": c.label, "href": c.path.map(routes.href) ?? ""]) }
            m["crumbLinks"] = links
            m["crumbCurrent"] = current.label
        }
        return m
    }
}
