import BeianDiagnostics
import BeianModel
import BeianOutput
import Foundation

/// Runs page jobs: builds each page's model, renders it and hands the bytes to the output tree.
/// Holds only immutable values, so any number of tasks can share one.
struct JobRunner: Sendable {
    private(set) var theme: CompiledTheme
    /// The page chrome of each language: Chinese, then English (`Lang.allCases` order). Every
    /// HTML page is made in both, the English one under `en/` (SPEC §10).
    private(set) var chromes: [Chrome]
    /// The Chinese chrome (its routes are the site's own).
    var chrome: Chrome { chromes[0] }
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
    /// The entities in the order of their first filing (`/entities/`), and its pages.
    let entityOrder: [Int]
    let entityPagination: Pagination
    /// The numbers of 统计 / Statistics, counted from the summaries once per build.
    let statistics: Statistics
    /// The filings of each known province, in list order (its feed's members).
    let provinceMembers: [Int: [Int]]
    /// The site-wide, type and province feeds, and the filings each can hold
    /// (`FilingFeed.candidates`), found once per build from the summaries.
    let feedCandidates: [FilingFeed: [Int]]
    /// 0..<count, made once: the members of 备案清单 (every list page shares the array).
    let allMembers: [Int]
    /// The eight cells of a filing's list row, rendered once per build and language
    /// (`filing-row`) and reused by 备案清单, the type list and the entity page: `rowCells[lang][i]`.
    /// Nil where no page needs it.
    var rowCells: [[String?]] = [[], []]

    /// A copy with its own parsed templates and page chrome. Workers share no reference-counted
    /// objects on the hot path, so two cores do not fight over the same cache lines.
    func forWorker() -> JobRunner {
        guard let own = try? CompiledTheme(theme.theme) else { return self }
        var copy = self
        copy.theme = own
        copy.chromes = chromes.map { $0.rebuilt(theme: own) }
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
        case .entityList(let page):
            // What the page shows: its entities (their filings' keys cover name, region and
            // status), its number, and the count where it shows it.
            key.add("entities")
            key.add(page)
            key.add(entityPagination.showsPageCount(page) ? entityPagination.pageCount : 0)
            if page == 1 { key.add(index.entities.count) }
            for e in EntityListPage.members(page: page, order: entityOrder, pagination: entityPagination) {
                key.add(index.entities[e].id)
                for i in index.entities[e].filings { key.add(index.keys[i]) }
            }
        case .filingsIndex:
            key.add("filings")
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
        case .stats:
            // What the page shows, counted from the summaries: unchanged counts, no render.
            key.add("stats")
            key.add(statistics.fingerprint)
        case .feed:
            key.add(AtomFeed.key(announcements, limit: options.feedLimit, sourceDateEpoch: options.sourceDateEpoch))
        case .filingFeed(let feed):
            key.add(FilingFeed.key(feed.path, candidates: feedCandidates[feed] ?? [], keys: index.keys, limit: options.filingFeedLimit,
                                   sourceDateEpoch: options.sourceDateEpoch))
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

    /// Renders one filing's row cells, in each language.
    func renderRow(_ i: Int) -> [String] {
        chromes.map { theme.render("filing-row", FilingRow.model(index.filings[i], ordinal: 0, chrome: $0)) }
    }

    // MARK: Running jobs

    func run(_ job: PageJob, in tree: OutputTree) throws -> [OutputTree.Emitted] {
        let routes = chrome.routes
        let key = inputKey(job)
        switch job {
        case .home:
            return try html(Routes.home, key, template: "home", tree) { chrome in
                HomePage.model(index: index, announcements: announcements, chrome: chrome)
            }
        case .search:
            return try html(Routes.search, key, template: "search", tree) { SimplePages.search(chrome: $0) }
        case .stats:
            return try html(Routes.stats, key, template: "stats", tree) { StatsPage.model(statistics, chrome: $0, lang: $0.lang) }
        case .notFound:
            return try html("404.html", key, template: "404", tree) { SimplePages.notFound(chrome: $0) }
        case .filing(let i):
            return try filingFiles(i, key, tree)
        case .entity(let e):
            return try entityFiles(e, key, tree)
        case .filingFeed(let f):
            return try feed(f, candidates: feedCandidates[f] ?? [], key, tree, entityName: nil)
        case .list(let type, let page):
            let (members, pagination) = list(type)
            return try html(Routes.list(type: type, page: page), key, template: "list", tree) { chrome in
                ListPage.model(type: type, page: page, members: members, index: index, chrome: chrome,
                               pagination: pagination, order: options.listOrder, cells: { cells($0, chrome.lang) })
            }
        case .entityList(let page):
            return try html(Routes.entities(page: page), key, template: "entities", tree) {
                EntityListPage.model(page: page, order: entityOrder, index: index, chrome: $0, pagination: entityPagination)
            }
        case .filingsIndex:
            return try html(Routes.filings, key, template: "filings-index", tree) { EntityListPage.filingsIndex(chrome: $0) }
        case .announcementList(let page):
            return try html(Routes.announcements(page: page), key, template: "announcements", tree) {
                AnnouncementPages.listModel(announcements, page: page, pagination: announcementPagination, chrome: $0)
            }
        case .announcement(let i):
            return try html(Routes.announcement(announcements[i].slug), key, template: "announcement", tree) {
                AnnouncementPages.pageModel(announcements[i], chrome: $0)
            }
        case .page(let i):
            return try html(Routes.page(pages[i].slug), key, template: "page", tree) { SimplePages.content(pages[i], chrome: $0) }
        case .robots:
            return [try tree.emit("robots.txt") { Array(Sitemap.robots(routes: routes).utf8) }]
        case .feed:
            return [try tree.emit(Routes.feed, inputKey: key) {
                Array(AtomFeed.render(announcements, site: input.site, routes: routes, limit: options.feedLimit,
                                      sourceDateEpoch: options.sourceDateEpoch).utf8)
            }]
        case .sitemap:
            return try sitemapFiles(tree)
        case .asset(let name):
            return [try tree.emit("assets/" + name) { Array(theme.theme.assets[name]!) }]
        case .extra(let path):
            return [try tree.emit(path) { Array(input.extraFiles[path]!) }]
        case .kept(let path):
            return [try tree.keep(path)]
        }
    }

    /// A filing's pages, its canonical public record and its badge: one key, kept or made together.
    /// A preview's draft has its own badge and no record (records are what a registry signs).
    private func filingFiles(_ i: Int, _ key: Fingerprint?, _ tree: OutputTree) throws -> [OutputTree.Emitted] {
        let f = index.filings[i]
        var disclosure: String?
        let pages = try html(Routes.filing(f.id), key, template: "filing", tree) { chrome in
            if disclosure == nil { disclosure = input.renderMarkdown(f.disclosure) }
            return FilingRow.pageModel(f, chrome: chrome, disclosureHTML: disclosure!)
        }
        if let preview = options.preview {
            return pages + [try tree.emit(Badge.path(f.id), inputKey: key) { Array(Badge.previewSVG(preview).utf8) }]
        }
        return pages + [try tree.emit(PublicRecord.path(f.id), inputKey: key) { PublicRecord.bytes(f) },
                        try tree.emit(Badge.path(f.id), inputKey: key) { Array(Badge.svg(number: f.number.description, status: f.status).utf8) }]
    }

    /// An entity's page and its feed, in both languages: one key (the entity's filings). A
    /// preview has no feed.
    private func entityFiles(_ e: Int, _ key: Fingerprint?, _ tree: OutputTree) throws -> [OutputTree.Emitted] {
        let entity = index.entities[e]
        let pages = try html(Routes.entity(entity.id), key, template: "entity", tree) { chrome in
            EntityPage.model(entity, index: index, chrome: chrome, cells: { cells($0, chrome.lang) })
        }
        guard options.preview == nil else { return pages }
        let candidates = FilingFeed.candidates(entity.filings, summaries: index.summaries, kind: nil, limit: options.filingFeedLimit)
        return try pages + feed(FilingFeed(scope: .entity(entity.id)), candidates: candidates, key, tree, entityName: entity.name)
    }

    /// The sitemap's files, one key per file over what it lists: a new filing remakes the last
    /// filings file (and the index when the number of files changes).
    private func sitemapFiles(_ tree: OutputTree) throws -> [OutputTree.Emitted] {
        let routes = chrome.routes
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
    }

    /// Renders a feed in each language (unless its key shows it unchanged): the Chinese one at
    /// its path, the English one under `en/`. `entityName` is read only when it is rendered (it
    /// decodes the entity's newest filing).
    private func feed(_ feed: FilingFeed, candidates: [Int], _ key: Fingerprint?, _ tree: OutputTree,
                      entityName: @autoclosure () -> String?) throws -> [OutputTree.Emitted] {
        var steps: [FilingFeed.Step]?
        return try chromes.map { chrome in
            try tree.emit(chrome.lang.pathPrefix + feed.path, inputKey: key) {
                if steps == nil {
                    steps = FilingFeed.steps(candidates, filings: index.filings, kind: feed.kind, limit: options.filingFeedLimit)
                }
                return Array(feed.render(steps!, filings: index.filings, entityName: entityName(), chrome: chrome,
                                         sourceDateEpoch: options.sourceDateEpoch).utf8)
            }
        }
    }

    /// A filing's row cells in `lang`: from the per-build cache, or rendered now.
    private func cells(_ i: Int, _ lang: Lang) -> String {
        let l = lang == .zh ? 0 : 1
        if i < rowCells[l].count, let html = rowCells[l][i] { return html }
        return theme.render("filing-row", FilingRow.model(index.filings[i], ordinal: 0, chrome: chromes[l]))
    }

    private func list(_ type: AlgorithmType?) -> (members: [Int], pagination: Pagination) {
        guard let type else { return (allMembers, listPagination) }
        return (index.byType[type] ?? [], typePagination[type]!)
    }

    /// Renders an HTML page in each language (unless its input key shows it unchanged) and
    /// emits them: the Chinese one at `path`, the English one under `en/`.
    private func html(_ path: String, _ key: Fingerprint?, template: String, _ tree: OutputTree,
                      _ model: (Chrome) -> [String: Any]) throws -> [OutputTree.Emitted] {
        try chromes.map { chrome in
            try tree.emit(Routes.file(for: chrome.lang.pathPrefix + path), inputKey: key) {
                Array(theme.render(template, model(chrome)).utf8)
            }
        }
    }
}
