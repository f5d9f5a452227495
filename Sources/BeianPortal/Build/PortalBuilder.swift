import BeianDiagnostics
import BeianModel
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
        async let making: (files: PortalFiles, problems: [Diagnostic], groups: [JobGroup])? = {
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
            return (made, problems, Self.planFiles(input))
        }()

        // 1. Check and index the input; the theme is compiled meanwhile.
        let theme = self.theme
        async let compiling: Result<CompiledTheme, PortalError> = {
            do throws(PortalError) { return .success(try CompiledTheme(theme)) } catch { return .failure(error) }
        }()
        let input = self.input
        async let checking = InputCheck.routes(input)
        var allProblems: [Diagnostic] = []
        var index: FilingIndex?
        let tasks = options.parallelism ?? ProcessInfo.processInfo.activeProcessorCount
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
        guard allProblems.isEmpty, let routes, let index, let compiled else {
            // Every problem at once: the files' too.
            allProblems += try await making?.problems ?? InputCheck.files(input)
            throw PortalError(allProblems)
        }
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
                try await Parallel.map(groups, tasks: tasks, worker: { seed }) { r, group in
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

    /// What lies beside the output, read under its lock: the live site's manifest and the
    /// recycled site's (the staging folder to be). The lock is held until the build ends
    /// (`FileLock` also unlocks when dropped).
    struct Beside {
        let place: Staging
        let lock: FileLock
        let live: BuildManifest
        let recycled: BuildManifest?

        init(_ place: Staging, recycle: Bool) throws {
            try POSIX.makeDirectories(place.parent)
            // A link or a folder at the lock's place is someone else's: refused, not opened.
            var st = stat()
            if lstat(place.lock, &st) == 0, st.st_mode & S_IFMT != S_IFREG {
                throw PortalOutputRefused([OutputPlace.refusal(place.lock, Localized(zh: "“\(place.lock)”不是 beian build 的锁文件", en: "“\(place.lock)” is not beian build's lock file"),
                                                               help: Localized(zh: "移走它后再构建", en: "move it away, then build again"))])
            }
            lock = try FileLock(URL(fileURLWithPath: place.lock))
            self.place = place
            // Under the lock: what this build will replace, recycle or clear is its own.
            let refused = OutputPlace.siteProblems(output: place.output)
            guard refused.isEmpty else { throw PortalOutputRefused(refused) }
            // An empty folder is as good as none: the new site is renamed into its place (and
            // its hard-link copy kept for the next build, as after a first build).
            if OutputPlace.isEmptyFolder(place.output) { rmdir(place.output) }
            try place.removeLeftovers()
            live = POSIX.isDirectory(place.output) ? BuildManifest.read(siteAt: place.output) : BuildManifest()
            recycled = place.recycledManifest(recycle: recycle)
        }
    }

    /// Steps 3–7, once the groups are decided.
    private func assemble(_ place: Staging, base: BuildManifest, previous: String?, manifest: BuildManifest,
                          routes: Routes, index: FilingIndex, runner: JobRunner, groups: [JobGroup], decided: [GroupPlan],
                          steps: inout StepTimer) async throws -> BuildReport {
        async let readChunks = previous.map { ChunkIndex.read(siteAt: $0) } ?? ChunkIndex()
        var runner = runner
        let tasks = options.parallelism ?? ProcessInfo.processInfo.activeProcessorCount
        let seed = runner
        let root = place.staging

        // 3. The list rows the changed list and entity pages need, each rendered once.
        var needed = Set<Int>()
        for (group, decision) in zip(groups, decided) {
            if case .render(let tree, _) = decision { runner.rowsNeeded(by: group.jobs, tree: tree, into: &needed) }
        }
        let rows = needed.sorted()
        let cells = try await Parallel.map(rows, tasks: tasks, worker: { tasks > 1 ? seed.forWorker() : seed }) { w, i in
            w.renderRow(i)
        }
        runner.rowCells = [[String?]](repeating: [String?](repeating: nil, count: index.filings.count), count: 2)
        for (i, html) in zip(rows, cells) {
            for l in html.indices { runner.rowCells[l][i] = html[l] }
        }
        try steps.finish("rows")

        // 4. Render and write the files of the groups that changed, in parallel.
        let ready = runner
        let work = Array(zip(groups, decided))
        let done = try await Parallel.map(work, tasks: tasks, worker: { tasks > 1 ? ready.forWorker() : ready }) { w, item in
            try GroupPlan.finish(item.0, item.1, runner: w)
        }
        try steps.finish("render")

        // 5. Open data, each file made in parallel chunks, unchanged chunks copied.
        let previousChunks = await readChunks
        let baseChunks = base.isEmpty ? ChunkIndex() : ChunkIndex.read(siteAt: place.staging)
        var chunks = ChunkIndex()
        let dataTree = OutputTree(root: root, base: base.groups[GroupPlan.openData]?.entries() ?? [:], previous: previous,
                                  previousManifest: manifest.groups[GroupPlan.openData]?.entries() ?? [:])
        var data: [OutputTree.Emitted] = []
        for file in [FilingsCSV.file(index, routes: routes), FilingsJSON.file(index, routes: routes)] {
            let (result, placed) = try await dataTree.emit(file, tasks: tasks, baseChunks: baseChunks[file.path],
                                                       previousChunks: previousChunks[file.path])
            data.append(result)
            chunks[file.path] = placed
        }
        var results = done + [GroupPlan.Result(group: BuildManifest.Group(name: GroupPlan.openData, key: nil,
                                                                              files: data.map { ($0.path, $0.entry) }), emitted: data)]
        try steps.finish("open data")

        // 6. The signed head (SPEC §8): records, the log, proofs, the file list, the checkpoint.
        var bookkeeping: [(String, [UInt8])] = []
        if let signing = input.head {
            (results, bookkeeping) = try await signHead(signing, index: index, routes: routes, results: results, root: root, base: base,
                                                        previous: previous, manifest: manifest, tasks: tasks)
            try steps.finish("head")
        }

        // 7. Drop what the recycled site held that this one does not; write the manifest.
        try OutputTree.removeStale(GroupPlan.stale(base: base, results: results), root: root)
        try POSIX.removeFile(place.staging + "/" + SiteHead.Cache.fileName)
        try POSIX.removeFile(place.staging + "/" + PortalLog.fileName)
        for (name, bytes) in [(BuildManifest.fileName, BuildManifest.serialize(results.map { $0.group })),
                              (ChunkIndex.fileName, chunks.serialized())] + bookkeeping {
            try POSIX.removeFile(place.staging + "/" + name)
            try bytes.withUnsafeBytes { raw in try POSIX.writeNew(raw, to: place.staging + "/" + name) }
        }
        try steps.finish("manifest")

        // 8. Swap the new site in; only now does the output folder change. With no site to
        // replace (so none to recycle next time), a hard-link copy of the new one is made for the
        // next build first — after the flush, which need not wait for the copy's 130,000 folders
        // (at 100,000 filings): the copy is a cache, written back by the kernel at leisure.
        if options.syncBeforeSwap {
            POSIX.syncFileSystem(of: place.staging)
            try steps.finish("flush")
        }
        if options.keepPreviousSite && !POSIX.isDirectory(place.output),
           place.copyStaging(tasks: tasks, unshared: data.map(\.path)) {
            try steps.finish("copy for the next build")
        }
        try place.swap(keepPrevious: options.keepPreviousSite)
        try steps.finish("swap")

        var report = BuildReport(pages: 0, files: 0, written: 0, unchanged: 0, skippedRendering: 0, steps: steps.steps)
        for r in results {
            report.pages += r.group.pages
            report.files += r.group.files
            guard let emitted = r.emitted else {
                report.unchanged += r.group.files
                report.skippedRendering += r.group.files
                continue
            }
            for e in emitted {
                switch e.outcome {
                case .written: report.written += 1
                case .kept: report.unchanged += 1
                case .keptWithoutRendering: report.unchanged += 1; report.skippedRendering += 1
                }
            }
        }
        return report
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
                            hasSearchScript: hasSearchScript, theme: theme)
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

    /// Every file of the site but the extra and kept ones (`planFiles`), in groups whose names
    /// stay put from build to build: a group's files are those whose id or slug hashes to its
    /// bucket (filings, entities, announcements), or a run of 32 list pages, so one approval
    /// changes a few groups and leaves the rest to be kept whole (`GroupPlan`).
    private func planPages(_ r: JobRunner) -> [JobGroup] {
        var groups: [JobGroup] = []
        var site: [PageJob] = [.home, .search, .notFound, .robots, .feed]
        site += r.theme.theme.assets.keys.sorted().map { .asset($0) }
        groups.append(JobGroup(name: "site", jobs: site))
        // The filings' feeds (each kept unrendered while no new step reaches it).
        groups.append(JobGroup(name: "feeds", jobs: FilingFeed.shared(provinces: r.provinceMembers.keys.sorted()).map { .filingFeed($0) }))
        // Its own group: its changed files are made beside the home page, not after it.
        groups.append(JobGroup(name: "sitemap", jobs: [.sitemap]))
        // Keyed by its counts: kept whole unless they changed.
        groups.append(JobGroup(name: "stats", jobs: [.stats]))
        for (type, pagination) in [(nil, r.listPagination)] + AlgorithmType.allCases.map({ ($0, r.typePagination[$0]!) }) {
            for first in stride(from: 1, through: pagination.pageCount, by: 32) {
                groups.append(JobGroup(name: "list/\(type?.code ?? "all")/\(first)",
                                       jobs: (first...min(pagination.pageCount, first + 31)).map { .list(type, page: $0) }))
            }
        }
        for first in stride(from: 1, through: r.entityPagination.pageCount, by: 32) {
            groups.append(JobGroup(name: "entities/\(first)",
                                   jobs: (first...min(r.entityPagination.pageCount, first + 31)).map { .entityList(page: $0) }))
        }
        groups.append(JobGroup(name: "filings", jobs: [.filingsIndex]))
        groups.append(JobGroup(name: "announcements", jobs: (1...r.announcementPagination.pageCount).map { .announcementList(page: $0) }))
        groups += JobGroup.buckets("announcement", 64, r.announcements.indices.map { (r.announcements[$0].slug, .announcement($0)) })
        groups.append(JobGroup(name: "pages", jobs: r.pages.indices.map { .page($0) }))
        groups += JobGroup.buckets("entity", 1_024, r.index.entities.indices.map { (r.index.entities[$0].id, .entity($0)) })
        // Keyed by the summaries' digits: unchanged filings stay encoded (`PublicFiling`).
        var filingJobs = [[PageJob]](repeating: [], count: 4_096)
        var digits: [UInt8] = []
        digits.reserveCapacity(21)
        for (i, s) in r.index.summaries.enumerated() {
            digits.removeAll(keepingCapacity: true)
            s.appendDigits(to: &digits)
            filingJobs[JobGroup.bucket(digits, 4_096)].append(.filing(i))
        }
        groups += filingJobs.indices.compactMap { filingJobs[$0].isEmpty ? nil : JobGroup(name: "filing/\($0)", jobs: filingJobs[$0]) }
        return groups
    }

    /// The extra and kept files (70,000 search files at 100,000 filings), in groups by a hash
    /// of their path: bucketed first, then each bucket sorted (the same order as sorting them
    /// all, for a fraction of the comparisons).
    private static func planFiles(_ input: PortalInput) -> [JobGroup] {
        var fileJobs = [[(String, PageJob)]](repeating: [], count: 4_096)
        for path in input.extraFiles.keys { fileJobs[JobGroup.bucket(path, 4_096)].append((path, .extra(path))) }
        for path in input.keptFiles { fileJobs[JobGroup.bucket(path, 4_096)].append((path, .kept(path))) }
        return fileJobs.indices.compactMap { k in
            fileJobs[k].isEmpty ? nil : JobGroup(name: "files/\(k)", jobs: fileJobs[k].sorted { $0.0 < $1.0 }.map(\.1))
        }
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
