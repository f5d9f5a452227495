import BeianModel
import Foundation

/// Runs page jobs: builds each page's model, renders it and hands the bytes to the output tree.
/// Holds only immutable values, so any number of tasks can share one.
struct JobRunner: Sendable {
    let theme: CompiledTheme
    let chrome: Chrome
    let index: FilingIndex
    let announcements: [PortalAnnouncement]  // list order
    let pages: [PortalPage]
    let input: PortalInput
    let options: BuildOptions
    let tree: OutputTree
    /// Fingerprint of everything every page shares (theme, site, navigation, options).
    let globalKey: Fingerprint
    let listPagination: Pagination
    let typePagination: [AlgorithmType: Pagination]
    let announcementPagination: Pagination
    let sitemapURLs: [Sitemap.URLEntry]

    func run(_ job: PageJob) throws -> [OutputTree.Emitted] {
        let routes = chrome.routes
        switch job {
        case .home:
            return [try html(Routes.home, nil, template: "home") {
                HomePage.model(index: index, announcements: announcements, chrome: chrome)
            }]
        case .search:
            return [try html(Routes.search, nil, template: "search") { SimplePages.search(chrome: chrome) }]
        case .notFound:
            return [try html("404.html", nil, template: "404") { SimplePages.notFound(chrome: chrome) }]
        case .filing(let i):
            let f = index.filings[i]
            var key = globalKey
            key.add(index.pageKeys[i])
            return [try html(Routes.filing(f.id), key, template: "filing") {
                FilingRow.pageModel(f, chrome: chrome, disclosureHTML: input.renderMarkdown(f.disclosure))
            }]
        case .entity(let e):
            let entity = index.entities[e]
            var key = globalKey
            key.add(entity.id)
            for i in entity.filings { key.add(index.rowKeys[i]) }
            return [try html(Routes.entity(entity.id), key, template: "entity") {
                EntityPage.model(entity, index: index, chrome: chrome)
            }]
        case .list(let type, let page):
            let members = type.map { index.byType[$0] ?? [] } ?? Array(index.filings.indices)
            let pagination = type.map { typePagination[$0]! } ?? listPagination
            var key = globalKey
            key.add(type?.code ?? "all")
            key.add(page)
            key.add(pagination.pageCount)
            if page == 1 { key.add(members.count) }
            for i in pagination.range(of: page) { key.add(index.rowKeys[members[i]]) }
            return [try html(Routes.list(type: type, page: page), key, template: "list") {
                ListPage.model(type: type, page: page, members: members, index: index, chrome: chrome,
                               pagination: pagination, order: options.listOrder)
            }]
        case .announcementList(let page):
            return [try html(Routes.announcements(page: page), nil, template: "announcements") {
                AnnouncementPages.listModel(announcements, page: page, pagination: announcementPagination, chrome: chrome)
            }]
        case .announcement(let i):
            let a = announcements[i]
            var key = globalKey
            key.add(a.slug); key.add(a.title); key.add(a.date.description); key.add(a.summary); key.add(a.pinned); key.add(a.html)
            return [try html(Routes.announcement(a.slug), key, template: "announcement") { AnnouncementPages.pageModel(a, chrome: chrome) }]
        case .page(let i):
            let p = pages[i]
            var key = globalKey
            key.add(p.slug); key.add(p.title); key.add(p.html)
            return [try html(Routes.page(p.slug), key, template: "page") { SimplePages.content(p, chrome: chrome) }]
        case .robots:
            return [try tree.emit("robots.txt") { Array(Sitemap.robots(routes: routes).utf8) }]
        case .feed:
            return [try tree.emit(Routes.feed) {
                Array(AtomFeed.render(announcements, site: input.site, routes: routes, limit: options.feedLimit,
                                      sourceDateEpoch: options.sourceDateEpoch).utf8)
            }]
        case .sitemap:
            return try Sitemap.files(sitemapURLs, routes: routes, limit: options.sitemapLimit).map { file in
                try tree.emit(file.name) { Array(file.text.utf8) }
            }
        case .csv:
            return [try tree.emitStreaming("filings.csv") { out in try FilingsCSV.write(index, routes: routes, to: &out) }]
        case .json:
            return [try tree.emitStreaming("filings.json") { out in try FilingsJSON.write(index, routes: routes, to: &out) }]
        case .asset(let name):
            return [try tree.emit("assets/" + name) { Array(theme.theme.assets[name]!) }]
        case .extra(let path):
            return [try tree.emit(path) { Array(input.extraFiles[path]!) }]
        }
    }

    /// Renders an HTML page (unless its input key shows it unchanged) and emits it.
    private func html(_ path: String, _ key: Fingerprint?, template: String,
                      _ model: () -> [String: Any]) throws -> OutputTree.Emitted {
        try tree.emit(Routes.file(for: path), inputKey: key) {
            Array(theme.render(template, model()).utf8)
        }
    }
}
