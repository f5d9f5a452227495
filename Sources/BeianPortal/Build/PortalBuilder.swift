import BeianDiagnostics
import BeianModel
import BeianOutput
import BeianStore
public import Foundation

/// Builds the static portal (SPEC §4) from plain values into a folder, atomically,
/// reproducibly and incrementally.
///
/// The build is a flat list of named, timed steps (`BuildReport.steps`): `index` (check the
/// input, fingerprint and group the filings, compile the theme; then, while the extra files
/// are still being made, take the recycled previous site as the staging folder and decide
/// which groups of pages to keep), `prepare` (decide the extra files' groups), `rows` (list
/// rows, once per filing),
/// `render` (every page, in parallel), `open data`, `head` (when signing), `manifest`, `flush`, in a build with no
/// site to replace `copy for the next build` (a hard-link copy kept as the recycled site), and
/// `swap`. A build that fails or is killed leaves the previous site whole.
public struct PortalBuilder: Sendable {
    public private(set) var input: PortalInput
    public let theme: Theme
    public let options: BuildOptions

    /// What `build(to:files:)`'s `files` makes: extra files (relative path → bytes) and the
    /// kept ones (see `PortalInput.extraFiles`, `keptFiles`).
    public struct PortalFiles: Sendable {
        public var extra: [String: Data]
        public var kept: [String]

        public init(extra: [String: Data], kept: [String]) {
            self.extra = extra
            self.kept = kept
        }
    }

    /// Bumped when the builder's output changes for the same input, so every page is redone.
    static let version = "beian-portal 5"  // 2: unsafe characters (TextSafety) dropped; 3: data-field marks, badge, record; 4: English pages (en/), history changes (record v2), 统计; 5: filings' feeds and their links, products' hosts (record v3)

    public init(input: PortalInput, theme: Theme, options: BuildOptions = BuildOptions()) {
        self.input = input
        self.theme = theme
        self.options = options
    }

    /// Builds the site into `output` (e.g. `site/`), replacing the previous one at the end.
    /// - Throws: `PortalError` for problems in the input or theme (nothing is touched), or
    ///   `PortalIOError` for I/O failures (the previous site stays whole).
    ///
    /// `files`, when given, makes the extra and kept files (they replace `input.extraFiles` and
    /// `input.keptFiles`) while the build checks and indexes the rest of its input and prepares
    /// its pages' groups — e.g. the search index, which needs no page. `promised` names the
    /// files it will make that pages refer to before it is done (`search/search.js`: the search
    /// page loads it); a promised file it does not make is an error. An error it throws, or a
    /// problem in the files it makes, ends the build with the live site untouched (the recycled
    /// site, already taken as the staging folder, is dropped: the next build makes it anew).
    public func build(to output: URL, promised: Set<String> = [],
                      files: (@Sendable () async throws -> PortalFiles)? = nil) async throws -> BuildReport {
        var steps = StepTimer(failAfter: options.failAfterStep)
        // The files are made, and their paths checked, beside the rest of step 1.
        let given = self.input
        // Their groups are planned there too (bucketing and sorting 70,000 search paths).
        async let making = Self.makeFiles(files, given: given, promised: promised)

        // 1. Check and index the input; the theme is compiled meanwhile.
        let tasks = options.parallelism ?? ProcessInfo.processInfo.activeProcessorCount
        let checked = await checkAndIndex(tasks: tasks)
        var allProblems = checked.problems
        guard allProblems.isEmpty, let ready = checked.ready else {
            // Every problem at once: the files' too.
            allProblems += try await making?.problems ?? InputCheck.files(input)
            throw PortalError(allProblems)
        }
        let (routes, index, compiled) = ready
        let searchScript = files == nil ? input.extraFiles["search/search.js"] != nil || input.keptFiles.contains("search/search.js")
                                        : promised.contains("search/search.js")
        var runner = makeRunner(routes: routes, index: index, theme: compiled, hasSearchScript: searchScript)

        // 2. While the files are still being made (the search index, on another core): under
        // the output's lock, clear leftovers of killed builds, read both manifests beside the
        // output, take the recycled site as the staging folder, and plan and decide every group
        // but the files'. The live site is not touched until the swap.
        let place = Staging(output: output.standardizedFileURL.path)
        let beside = try Beside(place, recycle: options.keepPreviousSite)
        defer { beside.lock.unlock() }
        let previous = POSIX.isDirectory(place.output) ? place.output : nil
        let base = try place.prepare(recycling: beside.recycled)
        do {
            let manifest = beside.live
            let root = place.staging
            // What to do with each group: keep it whole, or handle its files one by one.
            func decide(_ groups: [JobGroup], _ seed: JobRunner) async throws -> [GroupPlan] {
                try await Concurrent.map(groups, tasks: tasks, worker: { seed }) { r, group in
                    try GroupPlan.decide(group, runner: r, base: base.groups[group.name], live: manifest.groups[group.name],
                                         root: root, previous: previous)
                }
            }
            let pageGroups = planPages(runner)
            let pagesDecided = try await decide(pageGroups, runner)

            var builder = self
            let fileGroups: [JobGroup]
            if let made = try await making {
                builder.input.extraFiles = made.files.extra
                builder.input.keptFiles = made.files.kept
                allProblems += made.problems
                fileGroups = made.groups
            } else {
                allProblems += InputCheck.files(builder.input)
                fileGroups = Self.planFiles(builder.input)
            }
            guard allProblems.isEmpty else { throw PortalError(allProblems) }
            try steps.finish("index")
            runner.input = builder.input
            let filesDecided = try await decide(fileGroups, runner)
            try steps.finish("prepare")
            return try await builder.assemble(place, base: base, previous: previous, manifest: manifest, routes: routes,
                                              index: index, runner: runner, groups: pageGroups + fileGroups,
                                              decided: pagesDecided + filesDecided, steps: &steps)
        } catch {
            try? OutputPlace.removeBuilt(place.staging)
            try? OutputPlace.removeBuilt(place.copy)
            throw error
        }
    }

    /// The files task of `build(to:promised:files:)`: the files made, the problems in them (a
    /// promised file not made among them), and their groups.
    private static func makeFiles(_ files: (@Sendable () async throws -> PortalFiles)?, given: PortalInput,
                                  promised: Set<String>) async throws -> (files: PortalFiles, problems: [Diagnostic], groups: [JobGroup])? {
        guard let files else { return nil }
        let made = try await files()
        var input = given
        input.extraFiles = made.extra
        input.keptFiles = made.kept
        var problems = InputCheck.files(input)
        for path in promised.sorted() where made.extra[path] == nil && !made.kept.contains(path) {
            problems.append(InputCheck.problem(path, zh: "附加文件“\(path)”未生成", en: "the extra file “\(path)” was promised but not made",
                                               helpZh: "这是 beian 的内部错误，请报告", helpEn: "this is an internal error of beian; please report it"))
        }
        return (made, problems, planFiles(input))
    }

    /// Step 1: checks the input's routes, indexes the filings and compiles the theme, at once;
    /// every problem of the three.
    private func checkAndIndex(tasks: Int) async -> (ready: (Routes, FilingIndex, CompiledTheme)?, problems: [Diagnostic]) {
        let theme = self.theme
        async let compiling: Result<CompiledTheme, PortalError> = {
            do throws(PortalError) { return .success(try CompiledTheme(theme)) } catch { return .failure(error) }
        }()
        let input = self.input
        async let checking = InputCheck.routes(input)
        var allProblems: [Diagnostic] = []
        var index: FilingIndex?
        do {
            index = try await FilingIndex(input.filings, summaries: input.filingSummaries, order: options.listOrder,
                                          latestCount: options.latestCount, tasks: tasks)
        } catch {
            allProblems += error.diagnostics
        }
        let (routes, problems) = await checking
        allProblems = problems + allProblems
        var compiled: CompiledTheme?
        switch await compiling {
        case .success(let c): compiled = c
        case .failure(let error): allProblems += error.diagnostics
        }
        guard allProblems.isEmpty, let routes, let index, let compiled else { return (nil, allProblems) }
        return ((routes, index, compiled), [])
    }

    private func makeRunner(routes: Routes, index: FilingIndex, theme: CompiledTheme, hasSearchScript: Bool) -> JobRunner {
        let announcements = AnnouncementPages.sorted(input.announcements)
        let pages = input.pages.sorted { $0.slug < $1.slug }
        let css = theme.theme.assets["style.css"].map { data in
            var f = Fingerprint()
            data.withUnsafeBytes { f.add(bytes: $0) }
            return String(f.hex.prefix(10))
        } ?? "0"
        let chrome = Chrome(site: input.site, routes: routes, pages: pages, cssVersion: css,
                            hasSearchScript: hasSearchScript, theme: theme, preview: options.preview)
        var global = Fingerprint(PortalBuilder.version, routes.origin, input.site.title, input.site.footer,
                                 input.site.contact, input.site.description, options.listOrder.rawValue,
                                 input.markdownRendererID)
        global.add(theme.theme.fingerprint)
        // The English pages' chrome (SPEC §10): the operator's English title, description, footer.
        for text in [input.site.english.title, input.site.english.description, input.site.english.footer] { global.add(text ?? "\u{0}") }
        for link in input.site.links { global.add(link.title); global.add(link.url); global.add(link.titleEN ?? "\u{0}") }
        global.add(options.pageSize)
        global.add(options.filingFeedLimit)
        global.add(chrome.hasSearchScript)
        // A preview's pages are marked: never kept from a site's, or from a preview marked otherwise.
        for text in options.preview?.keyParts ?? [] { global.add(text) }
        for p in pages {
            global.add(p.slug); global.add(p.title); global.add(p.navOrder ?? -1); global.add(p.english?.title ?? "\u{0}")
        }
        let provinces = Self.provinceMembers(index)
        var typePagination: [AlgorithmType: Pagination] = [:]
        for t in AlgorithmType.allCases {
            typePagination[t] = Pagination(total: index.byType[t]?.count ?? 0, pageSize: options.pageSize)
        }
        return JobRunner(theme: theme, chromes: [chrome, chrome.other(theme: theme)], index: index, announcements: announcements, pages: pages,
                         input: input, options: options, globalKey: global,
                         listPagination: Pagination(total: index.filings.count, pageSize: options.pageSize),
                         typePagination: typePagination,
                         announcementPagination: Pagination(total: announcements.count, pageSize: options.pageSize),
                         sitemap: Sitemap.Plan(pages: sitemapPages(index: index, announcements: announcements, pages: pages),
                                               index: index, limit: options.sitemapLimit),
                         entityOrder: Sitemap.Plan.entityOrder(index),
                         entityPagination: Pagination(total: index.entities.count, pageSize: options.pageSize),
                         statistics: Statistics(index.summaries),
                         provinceMembers: provinces,
                         feedCandidates: Self.feedCandidates(index, provinces: provinces, limit: options.filingFeedLimit),
                         allMembers: Array(index.filings.indices))
    }

    /// The filings of each known province (`FilingSummary.province`), in list order.
    static func provinceMembers(_ index: FilingIndex) -> [Int: [Int]] {
        var out: [Int: [Int]] = [:]
        for (i, s) in index.summaries.enumerated() where s.province > 0 { out[s.province, default: []].append(i) }
        return out
    }

    /// The filings each shared feed can hold (`FilingFeed.candidates`), by its scope's members.
    static func feedCandidates(_ index: FilingIndex, provinces: [Int: [Int]], limit: Int) -> [FilingFeed: [Int]] {
        var out: [FilingFeed: [Int]] = [:]
        let all = Array(index.filings.indices)
        for feed in FilingFeed.shared(provinces: provinces.keys.sorted()) {
            let members: [Int]
            switch feed.scope {
            case .site: members = all
            case .type(let t): members = index.byType[t] ?? []
            case .province(let p): members = provinces[p] ?? []
            case .entity: continue
            }
            out[feed] = FilingFeed.candidates(members, summaries: index.summaries, kind: feed.kind, limit: limit)
        }
        return out
    }

    /// The HTML pages a search engine should know besides the entities and filings, in a
    /// stable order.
    private func sitemapPages(index: FilingIndex, announcements: [PortalAnnouncement], pages: [PortalPage]) -> [Sitemap.URLEntry] {
        var urls: [Sitemap.URLEntry] = [.init(path: Routes.home, lastModified: index.asOf),
                                        .init(path: Routes.search, lastModified: nil),
                                        .init(path: Routes.stats, lastModified: nil)]
        let list = Pagination(total: index.filings.count, pageSize: options.pageSize)
        urls += (1...list.pageCount).map { .init(path: Routes.list(type: nil, page: $0), lastModified: nil) }
        for t in AlgorithmType.allCases {
            let p = Pagination(total: index.byType[t]?.count ?? 0, pageSize: options.pageSize)
            urls += (1...p.pageCount).map { .init(path: Routes.list(type: t, page: $0), lastModified: nil) }
        }
        let notices = Pagination(total: announcements.count, pageSize: options.pageSize)
        urls += (1...notices.pageCount).map { .init(path: Routes.announcements(page: $0), lastModified: nil) }
        let entities = Pagination(total: index.entities.count, pageSize: options.pageSize)
        urls += (1...entities.pageCount).map { .init(path: Routes.entities(page: $0), lastModified: nil) }
        urls += announcements.map { .init(path: Routes.announcement($0.slug), lastModified: $0.date) }
        urls += pages.map { .init(path: Routes.page($0.slug), lastModified: nil) }
        return urls
    }

}
