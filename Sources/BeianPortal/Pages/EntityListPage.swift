import BeianModel

/// `/entities/` (and `/entities/page/N/`): every 备案主体, in the order of its first filing in
/// 备案清单 — so, like 备案清单, a new entity is added at the end and the pages before keep
/// their bytes — with its region and its counts. And `/filings/`, which sends to 备案清单: a
/// person who trims a filing's address finds the list, not the static host's error.
enum EntityListPage {
    /// The entities of `page` (places in `index.entities`).
    static func members(page: Int, order: [Int], pagination: Pagination) -> ArraySlice<Int> {
        order[pagination.range(of: page)]
    }

    static func model(page: Int, order: [Int], index: FilingIndex, chrome: Chrome, pagination: Pagination) -> [String: Any] {
        let heading = chrome.pick("备案主体", "Entities")
        var crumbs: [(label: String, path: String?)] = [(heading, page == 1 ? nil : Routes.entities)]
        if page > 1 { crumbs.append((chrome.pick("第 \(page) 页", "Page \(page)"), nil)) }
        var m = chrome.model(section: .list, title: page > 1 ? chrome.pick("\(heading)（第 \(page) 页）", "\(heading) (page \(page))") : heading,
                             path: Routes.entities(page: page), crumbs: crumbs)
        let range = pagination.range(of: page)
        m["heading"] = heading
        m["rows"] = range.map { n -> [String: Any] in
            let e = index.entities[order[n]]
            let cancelled = e.filings.reduce(0) { $0 + (index.filings[$1].status == .cancelled ? 1 : 0) }
            let (region, detail) = FilingRow.regionName(e.region, lang: chrome.lang)
            return ["ordinal": n + 1, "name": PlainText.clean(e.name), "href": chrome.routes.href(Routes.entity(e.id)),
                    "id": e.id, "regionName": region, "regionDetail": detail, "hasRegionDetail": !detail.isEmpty,
                    "count": e.filings.count, "active": e.filings.count - cancelled, "cancelled": cancelled]
        }
        var meta = ""
        if page == 1 { meta += chrome.pick("共 \(index.entities.count) 个备案主体。", "\(index.entities.count) entities. ") }
        meta += pagination.pageText(page, chrome: chrome)
        meta += chrome.pick("按首次备案时间排列。", "In the order of their first filing.")
        m["listMeta"] = meta
        m["tableCaption"] = page == 1 ? chrome.pick("备案主体：共 \(index.entities.count) 个", "Entities: \(index.entities.count) in all")
            : chrome.pick("备案主体：第 \(range.lowerBound + 1)–\(range.upperBound) 个", "Entities: \(range.lowerBound + 1)–\(range.upperBound)")
        m["colEntityID"] = chrome.t("fieldEntityID")
        m["colRegion"] = chrome.t("fieldRegion")
        m["colCount"] = chrome.pick("备案数量（已备案 / 已注销）", "Filings (filed / cancelled)")
        for (k, v) in pagination.model(page: page, chrome: chrome, path: Routes.entities(page:)) { m[k] = v }
        return m
    }

    /// `/filings/`: a page that sends to 备案清单 at once, with the link for those it does not.
    static func filingsIndex(chrome: Chrome) -> [String: Any] {
        let title = chrome.t("navList")
        var m = chrome.model(section: .list, title: title, path: Routes.filings, crumbs: [(title, nil)])
        m["hasRefresh"] = true
        m["refreshHref"] = chrome.routes.href(Routes.list)
        m["heading"] = title
        m["text"] = chrome.pick("每项备案的页面地址为 filings/ 加备案编号的 21 位数字。全部备案见", "Each filing's page is filings/ followed by the 21 digits of its number. All filings are in")
        m["linkText"] = chrome.pick("备案清单", "the list of filings")
        m["entitiesText"] = chrome.pick("按主体浏览：", "By entity: ")
        m["entitiesLink"] = chrome.pick("备案主体", "the list of entities")
        m["entitiesHref"] = chrome.routes.href(Routes.entities)
        return m
    }
}
