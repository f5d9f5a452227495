import BeianModel

/// 首页: search box, counts by type, latest filings and the 信息公告 ticker with a plain list.
enum HomePage {
    static let tickerCount = 10
    static let listCount = 5

    static func model(index: FilingIndex, announcements: [PortalAnnouncement], chrome: Chrome) -> [String: Any] {
        let routes = chrome.routes
        var m = chrome.model(section: .home, title: nil, path: Routes.home)
        m["total"] = index.filings.count
        m["active"] = index.activeCount
        m["cancelled"] = index.cancelledCount
        m["statsLinkLabel"] = StatsPage.homeLink(.zh)
        m["hasAsOf"] = index.asOf != nil
        m["asOf"] = index.asOf?.description ?? ""
        m["typeCounts"] = AlgorithmType.allCases.map { t -> [String: Any] in
            ["name": t.rawValue, "count": index.byType[t]?.count ?? 0, "href": routes.href(Routes.list(type: t, page: 1))]
        }
        m["hasLatest"] = !index.latest.isEmpty
        m["latest"] = index.latest.map { FilingRow.model(index.filings[$0], ordinal: 0, routes: routes) }
        let notices = announcements.map { AnnouncementPages.item($0, routes: routes) }
        m["hasAnnouncements"] = !notices.isEmpty
        m["ticker"] = Array(notices.prefix(tickerCount))
        m["noticeList"] = Array(notices.prefix(listCount))
        return m
    }
}
