/// Page arithmetic for 备案清单 and the 信息公告 list: fixed page size, page 1 at the list's
/// root URL, and a short window of page links around the current one.
struct Pagination: Sendable, Hashable {
    let total: Int
    let pageSize: Int

    /// At least one page, so an empty list still has its (empty) first page.
    var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }

    /// The item indices shown on `page` (1-based).
    func range(of page: Int) -> Range<Int> {
        let start = min(total, (page - 1) * pageSize)
        return start..<min(total, start + pageSize)
    }

    /// True when `page` states the page count and links the last page: page 1, and the pages
    /// whose window of links reaches the end. The others show only what their own number fixes
    /// (their rows, their neighbours, a gap for the pages after), so a page added at the end of
    /// a long list leaves their bytes alone.
    func showsPageCount(_ page: Int, radius: Int = 2) -> Bool {
        page == 1 || page + radius + 1 >= pageCount
    }

    /// The page numbers to link from `page`: the first, two either side of the current one, and
    /// the last where `showsPageCount`; nil marks a gap (…), also after the window when more
    /// pages follow that the page does not count.
    func window(around page: Int, radius: Int = 2) -> [Int?] {
        let count = pageCount
        let endShown = showsPageCount(page, radius: radius)
        var shown: [Int] = [1]
        for p in max(2, page - radius)...max(2, min(count - 1, page + radius)) where p < count { shown.append(p) }
        if count > 1 && endShown { shown.append(count) }
        var out: [Int?] = []
        var previous = 0
        for p in shown where p > previous {
            if p > previous + 1 { out.append(nil) }
            out.append(p)
            previous = p
        }
        if !endShown { out.append(nil) }
        return out
    }
}

extension Pagination {
    /// The `pager` partial's keys for `page`; `path` gives each page's site-relative path.
    func model(page: Int, chrome: Chrome, path: (Int) -> String) -> [String: Any] {
        let routes = chrome.routes
        let items: [[String: Any]] = window(around: page).map { p in
            guard let p else { return ["gap": true, "current": false, "label": "", "href": "", "ariaLabel": ""] }
            let label = p == page ? chrome.pick("第 \(p) 页，当前页", "Page \(p), current page") : chrome.pick("第 \(p) 页", "Page \(p)")
            return ["gap": false, "current": p == page, "label": p, "href": routes.href(path(p)), "ariaLabel": label]
        }
        // The page count only where the page shows it (`showsPageCount`): a page's input key
        // covers the count only there, so no template may show it elsewhere.
        let counted = showsPageCount(page)
        return [
            "hasPager": pageCount > 1,
            "page": page,
            "showsPageCount": counted,
            "pageCount": counted ? pageCount : 0,
            "hasPrev": page > 1,
            "prevHref": page > 1 ? routes.href(path(page - 1)) : "",
            "hasNext": page < pageCount,
            "nextHref": page < pageCount ? routes.href(path(page + 1)) : "",
            "pagerItems": items,
        ]
    }
}

extension Pagination {
    /// `第 P / N 页。` (`Page P of N.`), the count only where the page shows it
    /// (`showsPageCount`); "" for a list of one page.
    func pageText(_ page: Int, chrome: Chrome) -> String {
        guard pageCount > 1 else { return "" }
        let count = showsPageCount(page) ? chrome.pick(" / \(pageCount)", " of \(pageCount)") : ""
        return chrome.pick("第 \(page)\(count) 页。", "Page \(page)\(count). ")
    }
}
