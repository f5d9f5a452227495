/// The pages with little data: content pages, the search page and 404.
enum SimplePages {
    static func content(_ p: PortalPage, chrome: Chrome) -> [String: Any] {
        let title = PlainText.clean(p.title)
        var m = chrome.model(section: .page(p.slug), title: title, path: Routes.page(p.slug), crumbs: [(title, nil)])
        m["title"] = title
        m["bodyHTML"] = p.html
        return m
    }

    /// The mount point of the search client: a plain form that works without JavaScript
    /// (it reloads with `?q=`) inside `#search-app`, which the client replaces with its own UI
    /// (`data-base` = where the index lives), and a `<noscript>`.
    static func search(chrome: Chrome) -> [String: Any] {
        var m = chrome.model(section: .search, title: "备案查询", path: Routes.search, crumbs: [("备案查询", nil)])
        m["hasSearchScript"] = chrome.hasSearchScript
        m["searchScriptHref"] = chrome.routes.href("search/search.js")
        m["searchIndexHref"] = chrome.routes.href(Routes.search)
        return m
    }

    static func notFound(chrome: Chrome) -> [String: Any] {
        chrome.model(section: .none, title: "页面不存在", path: nil)
    }
}
