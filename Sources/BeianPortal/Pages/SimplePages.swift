/// The pages with little data: content pages, the search page and 404.
enum SimplePages {
    /// A content page: the operator's text, in Chinese (marked so on English pages).
    static func content(_ p: PortalPage, chrome: Chrome) -> [String: Any] {
        let english = chrome.lang == .en ? p.english : nil
        let title = PlainText.clean(english?.title ?? p.title)
        var m = chrome.model(section: .page(p.slug), title: title, path: Routes.page(p.slug), crumbs: [(title, nil)],
                             titleIsChinese: english == nil)
        m["title"] = title
        m["bodyHTML"] = english?.html ?? p.html
        return m
    }

    /// The mount point of the search client: a plain form that works without JavaScript
    /// (it reloads with `?q=`) inside `#search-app`, which the client replaces with its own UI
    /// (`data-base` = where the index lives, shared by both languages; `data-pages` = where
    /// the page's language's pages are, for the result links).
    static func search(chrome: Chrome) -> [String: Any] {
        let title = chrome.t("navSearch")
        var m = chrome.model(section: .search, title: title, path: Routes.search, crumbs: [(title, nil)])
        m["hasSearchScript"] = chrome.hasSearchScript
        m["searchScriptHref"] = chrome.routes.asset("search/search.js")
        m["searchIndexHref"] = chrome.routes.asset(Routes.search)
        m["pagesHref"] = chrome.routes.href("")
        return m
    }

    static func notFound(chrome: Chrome) -> [String: Any] {
        chrome.model(section: .none, title: chrome.t("notFound"), path: nil)
    }
}
