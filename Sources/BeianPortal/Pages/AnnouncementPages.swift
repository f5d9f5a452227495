import BeianDiagnostics
import BeianModel

/// 信息公告: the paginated list and one page per announcement. Announcements are the
/// operator's text, published in Chinese: the English pages show them as written, marked as
/// Chinese, with a note that says so.
enum AnnouncementPages {
    /// Pinned first, then newest first, then by slug: the order of the list and the ticker.
    static func sorted(_ all: [PortalAnnouncement]) -> [PortalAnnouncement] {
        // Their places sorted, not the records (cheaper to move).
        all.indices.sorted { i, j in
            let (a, b) = (all[i], all[j])
            if a.pinned != b.pinned { return a.pinned }
            if a.date != b.date { return a.date > b.date }
            return a.slug < b.slug
        }.map { all[$0] }
    }

    /// The announcement as a page in `lang` shows it: the English version on English pages
    /// where the operator wrote one (`<slug>.en.md`), else the Chinese text, marked as Chinese.
    static func shown(_ a: PortalAnnouncement, lang: Lang) -> (title: String, summary: String, html: String, isChinese: Bool) {
        if lang == .en, let e = a.english { return (e.title, e.summary, e.html, false) }
        return (a.title, a.summary, a.html, lang == .en)
    }

    static func item(_ a: PortalAnnouncement, chrome: Chrome) -> [String: Any] {
        let shown = shown(a, lang: chrome.lang)
        let summary = PlainText.clean(shown.summary)
        return ["title": PlainText.clean(shown.title), "href": chrome.routes.href(Routes.announcement(a.slug)),
                "date": a.date.description, "dateText": chrome.date(a.date), "pinned": a.pinned,
                "hasSummary": !summary.isEmpty, "summary": summary, "titleIsChinese": shown.isChinese]
    }

    static func listModel(_ sorted: [PortalAnnouncement], page: Int, pagination: Pagination, chrome: Chrome) -> [String: Any] {
        let heading = chrome.t("announcements")
        var crumbs: [(label: String, path: String?)] = [(heading, page == 1 ? nil : Routes.announcements)]
        if page > 1 { crumbs.append((chrome.pick("第 \(page) 页", "Page \(page)"), nil)) }
        var m = chrome.model(section: .announcements, title: page > 1 ? chrome.pick("\(heading)（第 \(page) 页）", "\(heading) (page \(page))") : heading,
                             path: Routes.announcements(page: page), crumbs: crumbs)
        m["hasAnnouncements"] = !sorted.isEmpty
        m["items"] = pagination.range(of: page).map { item(sorted[$0], chrome: chrome) }
        for (k, v) in pagination.model(page: page, chrome: chrome, path: Routes.announcements(page:)) { m[k] = v }
        return m
    }

    static func pageModel(_ a: PortalAnnouncement, chrome: Chrome) -> [String: Any] {
        let shown = shown(a, lang: chrome.lang)
        let title = PlainText.clean(shown.title)
        let summary = PlainText.clean(shown.summary)
        var m = chrome.model(section: .announcements, title: title, path: Routes.announcement(a.slug),
                             crumbs: [(chrome.t("announcements"), Routes.announcements), (title, nil)],
                             description: summary.isEmpty ? nil : summary, titleIsChinese: shown.isChinese)
        m["title"] = title
        m["date"] = a.date.description
        m["dateText"] = chrome.date(a.date)
        m["pinned"] = a.pinned
        m["bodyHTML"] = shown.html
        return m
    }
}
