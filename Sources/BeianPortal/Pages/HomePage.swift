import BeianModel

/// 首页: search box, counts by type, latest filings and the 信息公告 ticker with a plain list.
enum HomePage {
    static let tickerCount = 10
    static let listCount = 5

    static func model(index: FilingIndex, announcements: [PortalAnnouncement], chrome: Chrome) -> [String: Any] {
        let routes = chrome.routes
        var m = chrome.model(section: .home, title: nil, path: Routes.home)
        m["total"] = index.filings.count
        let asOf = index.asOf.map { chrome.pick("；数据截至 \($0.description)", "; data as of \($0.englishText)") } ?? ""
        m["statsNote"] = chrome.pick("其中已备案 \(index.activeCount) 项，已注销 \(index.cancelledCount) 项\(asOf)。",
                                     "\(index.activeCount) filed, \(index.cancelledCount) cancelled\(asOf).")
        m["descriptionIsChinese"] = chrome.lang == .en && chrome.descriptionIsChinese
        m["typeCounts"] = AlgorithmType.allCases.map { t -> [String: Any] in
            ["name": chrome.typeName(t), "count": index.byType[t]?.count ?? 0, "href": routes.href(Routes.list(type: t, page: 1))]
        }
        m["hasLatest"] = !index.latest.isEmpty
        m["latest"] = index.latest.map { FilingRow.model(index.filings[$0], ordinal: 0, chrome: chrome) }
        let notices = announcements.map { AnnouncementPages.item($0, chrome: chrome) }
        m["hasAnnouncements"] = !notices.isEmpty
        m["ticker"] = Array(notices.prefix(tickerCount))
        m["noticeList"] = Array(notices.prefix(listCount))
        chrome.addFeeds(FilingFeed.siteWide, to: &m)
        return m
    }
}
