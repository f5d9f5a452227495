import BeianModel

/// 备案清单: `/list/` (all types) and `/list/type-NN/` (one type), paginated.
///
/// A list page shows only its own rows, its page number, and — page 1 and the pages near the
/// end only (`Pagination.showsPageCount`) — the page count (page 1 also the total), so its
/// input key (`JobRunner.inputKey`) covers everything it shows, and a new page at the end
/// changes the last few pages and page 1, not all of them.
enum ListPage {
    static func title(for type: AlgorithmType?, chrome: Chrome) -> String {
        let list = chrome.t("navList")
        return type.map { "\(list) · \(chrome.typeName($0))" } ?? list
    }

    static func model(type: AlgorithmType?, page: Int, members: [Int], index: FilingIndex, chrome: Chrome,
                      pagination: Pagination, order: BuildOptions.ListOrder, cells: (Int) -> String) -> [String: Any] {
        let routes = chrome.routes
        let title = title(for: type, chrome: chrome)
        let path = Routes.list(type: type, page: page)
        var crumbs: [(label: String, path: String?)] = [(chrome.t("navList"), type == nil && page == 1 ? nil : Routes.list)]
        if let type { crumbs.append((chrome.typeName(type), page == 1 ? nil : Routes.list(type: type, page: 1))) }
        if page > 1 { crumbs.append((chrome.pick("第 \(page) 页", "Page \(page)"), nil)) }
        var m = chrome.model(section: .list, title: page > 1 ? chrome.pick("\(title)（第 \(page) 页）", "\(title) (page \(page))") : title,
                             path: path, crumbs: crumbs)
        let range = pagination.range(of: page)
        m["rows"] = range.map { i in FilingRow.listItem(index.filings[members[i]], ordinal: i + 1, cellsHTML: cells(members[i])) }
        m["title"] = title
        m["tableID"] = "filings-table"
        // Only page 1 states the total, so adding a filing leaves the other pages' bytes alone.
        m["tableCaption"] = page == 1 ? chrome.pick("\(title)：共 \(members.count) 项", "\(title): \(members.count) in all")
            : chrome.pick("\(title)：第 \(range.lowerBound + 1)–\(range.upperBound) 项", "\(title): \(range.lowerBound + 1)–\(range.upperBound)")
        // 共 N 项 (page 1), 第 P / N 页 (where the page count shows), and the order.
        var meta = ""
        if page == 1 { meta += chrome.pick("共 \(members.count) 项。", "\(members.count) filings. ") }
        meta += pagination.pageText(page, chrome: chrome)
        meta += order == .oldestFirst
            ? chrome.pick("按备案时间由早到晚排列，序号不随新增备案变化。", "Oldest first: a filing keeps its number in the list as others are added.")
            : chrome.pick("按备案时间由近到远排列。", "Newest first.")
        m["listMeta"] = meta
        var filters: [[String: Any]] = [["label": chrome.t("allTypes"), "href": routes.href(Routes.list), "current": type == nil]]
        for t in AlgorithmType.allCases {
            filters.append(["label": chrome.typeName(t),
                            "href": routes.href(Routes.list(type: t, page: 1)), "current": t == type])
        }
        m["typeFilters"] = filters
        // 备案清单 links the site-wide feeds; a type's list, that type's feed.
        chrome.addFeeds(type.map { [FilingFeed(scope: .type($0))] }
                        ?? FilingFeed.siteWide, to: &m)
        for (k, v) in pagination.model(page: page, chrome: chrome, path: { Routes.list(type: type, page: $0) }) { m[k] = v }
        return m
    }
}
