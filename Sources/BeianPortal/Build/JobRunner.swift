import BeianModel
import Foundation

/// Runs page jobs: builds each page's model, renders it and hands the bytes to the output tree.
/// Holds only immutable values, so any number of tasks can share one.
struct JobRunner: Sendable {
    private(set) var theme: CompiledTheme
    private(set) var chrome: Chrome
    let index: FilingIndex
    let announcements: [PortalAnnouncement]  // list order
    let pages: [PortalPage]
    /// The input; its extra and kept files may arrive after the runner is made (`PortalBuilder.build`).
    var input: PortalInput
    let options: BuildOptions
    /// Fingerprint of everything every page shares (theme, site, navigation, options).
    let globalKey: Fingerprint
    let listPagination: Pagination
    let typePagination: [AlgorithmType: Pagination]
    let announcementPagination: Pagination
    let sitemap: Sitemap.Plan
    /// 0..<count, made once: the members of 备案清单 (every list page shares the array).
    let allMembers: [Int]
    /// The eight cells of a filing's list row, rendered once per build (`filing-row`) and
    /// reused by 备案清单, the type list and the entity page. Nil where no page needs it.
    var rowCells: [String?] = []

    /// A copy with its own parsed templates and page chrome. Workers share no reference-counted
    /// objects on the hot path, so two cores do not fight over the same cache lines.
    func forWorker() -> JobRunner {
        guard let own = try? CompiledTheme(theme.theme) else { return self }
        var copy = self
        copy.theme = own
        copy.chrome = chrome.rebuilt(theme: own)
        return copy
    }

    // MARK: Input keys

    /// The fingerprint of a page's inputs, for pages that are many and cheap to key: filings,
    /// entities, list pages, announcements and content pages. Nil means "render and compare".
    func inputKey(_ job: PageJob) -> Fingerprint? {
        var key = globalKey
        switch job {
        case .filing(let i):
            key.add(index.keys[i])
        case .entity(let e):
            let entity = index.entities[e]
            key.add(entity.id)
            for i in entity.filings { key.add(index.keys[i]) }
        case .list(let type, let page):
            let (members, pagination) = list(type)
            key.add(type?.code ?? "all")
            key.add(page)
            key.add(pagination.showsPageCount(page) ? pagination.pageCount : 0)
            if page == 1 { key.add(members.count) }
            for i in pagination.range(of: page) { key.add(index.keys[members[i]]) }
        case .announcement(let i):
            let a = announcements[i]
            for s in [a.slug, a.title, a.date.description, a.summary, a.html] { key.add(s) }
            key.add(a.pinned)
            key.add(a.english, html: true)
        case .page(let i):
            let p = pages[i]
            for s in [p.slug, p.title, p.html] { key.add(s) }
            key.add(p.english, html: true)
        case .announcementList(let page):
            // What `AnnouncementPages.listModel` shows: the page's items and the pager.
            key.add("announcements")
            key.add(page)
            key.add(announcementPagination.pageCount)
            key.add(announcements.isEmpty)
            for i in announcementPagination.range(of: page) {
                let a = announcements[i]
                for s in [a.slug, a.title, a.date.description, a.summary] { key.add(s) }
                key.add(a.pinned)
                key.add(a.english, html: false)
            }
        case .feed:
            key.add(AtomFeed.key(announcements, limit: options.feedLimit, sourceDateEpoch: options.sourceDateEpoch))
        default:
            return nil
        }
        return key
    }

    /// The filings whose row cells the pages about to be rendered need: those of list and
    /// entity pages whose inputs changed since the previous build (`tree` covers their group).
    func rowsNeeded(by jobs: [PageJob], tree: OutputTree, into needed: inout Set<Int>) {
        for job in jobs {
            switch job {
            case .list(let type, let page):
                guard !tree.isUnchanged(Routes.file(for: Routes.list(type: type, page: page)), inputKey: inputKey(job)) else { continue }
                let (members, pagination) = list(type)
                for i in pagination.range(of: page) { needed.insert(members[i]) }
            case .entity(let e):
                let entity = index.entities[e]
                guard !tree.isUnchanged(Routes.file(for: Routes.entity(entity.id)), inputKey: inputKey(job)) else { continue }
                needed.formUnion(entity.filings)
            default:
                continue
            }
        }
    }

    /// Renders one filing's row cells.
    func renderRow(_ i: Int) -> String {
        theme.render("filing-row", FilingRow.model(index.filings[i], ordinal: 0, routes: chrome.routes))
    }

    // MARK: Running jobs

    func run(_ job: PageJob, in tree: OutputTree) throws -> [OutputTree.Emitted] {
        let routes = chrome.routes
        let key = inputKey(job)
        switch job {
        case .home:
            return [try html(Routes.home, key, template: "home", tree) {
                HomePage.model(index: index, announcements: announcements, chrome: chrome)
            }]
        case .search:
            return [try html(Routes.search, key, template: "search", tree) { SimplePages.search(chrome: chrome) }]
        case .notFound:
            return [try html("404.html", key, template: "404", tree) { SimplePages.notFound(chrome: chrome) }]
        case .filing(let i):
            // The page, its canonical public record and its badge: one key, kept or made together.
            let f = index.filings[i]
            return [try html(Routes.filing(f.id), key, template: "filing", tree) {
                FilingRow.pageModel(f, chrome: chrome, disclosureHTML: input.renderMarkdown(f.disclosure))
            }, try tree.emit(PublicRecord.path(f.id), inputKey: key) { PublicRecord.bytes(f) },
               try tree.emit(Badge.path(f.id), inputKey: key) { Array(Badge.svg(number: f.number.description, status: f.status).utf8) }]
        case .entity(let e):
            let entity = index.entities[e]
            return [try html(Routes.entity(entity.id), key, template: "entity", tree) {
                EntityPage.model(entity, index: index, chrome: chrome, cells: cells)
            }]
        case .list(let type, let page):
            let (members, pagination) = list(type)
            return [try html(Routes.list(type: type, page: page), key, template: "list", tree) {
                ListPage.model(type: type, page: page, members: members, index: index, chrome: chrome,
                               pagination: pagination, order: options.listOrder, cells: cells)
            }]
        case .announcementList(let page):
            return [try html(Routes.announcements(page: page), key, template: "announcements", tree) {
                AnnouncementPages.listModel(announcements, page: page, pagination: announcementPagination, chrome: chrome)
            }]
        case .announcement(let i):
            return [try html(Routes.announcement(announcements[i].slug), key, template: "announcement", tree) {
                AnnouncementPages.pageModel(announcements[i], chrome: chrome)
            }]
        case .page(let i):
            return [try html(Routes.page(pages[i].slug), key, template: "page", tree) { SimplePages.content(pages[i], chrome: chrome) }]
        case .robots:
            return [try tree.emit("robots.txt") { Array(Sitemap.robots(routes: routes).utf8) }]
        case .feed:
            return [try tree.emit(Routes.feed, inputKey: key) {
                Array(AtomFeed.render(announcements, site: input.site, routes: routes, limit: options.feedLimit,
                                      sourceDateEpoch: options.sourceDateEpoch).utf8)
            }]
        case .sitemap:
            // One key per sitemap file, over what it lists: a new filing remakes the last
            // filings file (and the index when the number of files changes).
            let order = Sitemap.Plan.entityOrder(index)
            return try sitemap.files.map { file in
                var key = sitemap.key(file.part, index: index, entityOrder: order)
                key.add(routes.origin)
                key.add(file.name)
                key.add(options.sitemapLimit)
                return try tree.emit(file.name, inputKey: key) {
                    Array(sitemap.text(file.part, index: index, entityOrder: order, routes: routes).utf8)
                }
            }
        case .asset(let name):
            return [try tree.emit("assets/" + name) { Array(theme.theme.assets[name]!) }]
        case .extra(let path):
            return [try tree.emit(path) { Array(input.extraFiles[path]!) }]
        case .kept(let path):
            return [try tree.keep(path)]
        }
    }

    /// A filing's row cells: from the per-build cache, or rendered now.
    private func cells(_ i: Int) -> String {
        if i < rowCells.count, let html = rowCells[i] { return html }
        return renderRow(i)
    }

    private func list(_ type: AlgorithmType?) -> (members: [Int], pagination: Pagination) {
        guard let type else { return (allMembers, listPagination) }
        return (index.byType[type] ?? [], typePagination[type]!)
    }

    /// Renders an HTML page (unless its input key shows it unchanged) and emits it.
    private func html(_ path: String, _ key: Fingerprint?, template: String, _ tree: OutputTree,
                      _ model: () -> [String: Any]) throws -> OutputTree.Emitted {
        try tree.emit(Routes.file(for: path), inputKey: key) {
            Array(theme.render(template, model()).utf8)
        }
    }
}
