import BeianModel

/// 备案清单: `/list/` (all types) and `/list/type-NN/` (one type), paginated.
///
/// A list page shows only its own rows, its page number, and — page 1 and the pages near the
/// end only (`Pagination.showsPageCount`) — the page count (page 1 also the total), so its
/// input key (`JobRunner.inputKey`) covers everything it shows, and a new page at the end
/// changes the last few pages and page 1, not all of them.
enum ListPage {
    static func title(for type: AlgorithmType?) -> String {
        type.map { "备案清单 · \($0.rawValue)" } ?? "备案清单"
    }

    static func model(type: AlgorithmType?, page: Int, members: [Int], index: FilingIndex, chrome: Chrome,
                      pagination: Pagination, order: BuildOptions.ListOrder, cells: (Int) -> String) -> [String: Any] {
        let routes = chrome.routes
        let title = title(for: type)
        let path = Routes.list(type: type, page: page)
        var crumbs: [(label: String, path: String?)] = [("备案清单", type == nil && page == 1 ? nil : Routes.list)]
        if let type { crumbs.append((type.rawValue, page == 1 ? nil : Routes.list(type: type, page: 1))) }
        if page > 1 { crumbs.append(("第 \(page) 页", nil)) }
        var m = chrome.model(section: .list, title: page > 1 ? "\(title)（第 \(page) 页）" : title, path: path, crumbs: crumbs)
        let range = pagination.range(of: page)
        m["rows"] = range.map { i in FilingRow.listItem(index.filings[members[i]], ordinal: i + 1, cellsHTML: cells(members[i])) }
        m["title"] = title
        m["total"] = members.count
        m["isFirstPage"] = page == 1
        m["tableID"] = "filings-table"
        // Only page 1 states the total, so adding a filing leaves the other pages' bytes alone.
        m["tableCaption"] = page == 1 ? "\(title)：共 \(members.count) 项"
            : "\(title)：第 \(range.lowerBound + 1)–\(range.upperBound) 项"
        m["orderNote"] = order == .oldestFirst ? "按备案时间由早到晚排列，序号不随新增备案变化。" : "按备案时间由近到远排列。"
        var filters: [[String: Any]] = [["label": "全部", "href": routes.href(Routes.list), "current": type == nil]]
        for t in AlgorithmType.allCases {
            filters.append(["label": t.rawValue,
                            "href": routes.href(Routes.list(type: t, page: 1)), "current": t == type])
        }
        m["typeFilters"] = filters
        for (k, v) in pagination.model(page: page, routes: routes, path: { Routes.list(type: type, page: $0) }) { m[k] = v }
        return m
    }
}
