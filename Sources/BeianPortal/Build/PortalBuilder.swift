import BeianModel
import BeianStore
public import Foundation

/// Builds the static portal (SPEC §4) from plain values into a folder, atomically,
/// reproducibly and incrementally.
///
/// The build is a flat list of named, timed steps (`BuildReport.steps`): `index` (check the
/// input, fingerprint and group the filings, compile the theme), `prepare` (the staging folder
/// beside the output, recycling the previous site), `rows` (list rows, once per filing),
/// `render` (every page, in parallel), `open data`, `manifest`, `swap`. A build that fails or
/// is killed leaves the previous site whole.
public struct PortalBuilder: Sendable {
    public let input: PortalInput
    public let theme: Theme
    public let options: BuildOptions

    /// Bumped when the builder's output changes for the same input, so every page is redone.
    static let version = "beian-portal 1"

    public init(input: PortalInput, theme: Theme, options: BuildOptions = BuildOptions()) {
        self.input = input
        self.theme = theme
        self.options = options
    }

    /// Builds the site into `output` (e.g. `site/`), replacing the previous one at the end.
    /// - Throws: `PortalError` for problems in the input or theme (nothing is touched), or
    ///   `PortalIOError` for I/O failures (the previous site stays whole).
    public func build(to output: URL) async throws -> BuildReport {
        var steps = StepTimer(failAfter: options.failAfterStep)

        // 1. Check and index the input.
        let (routes, problems) = InputCheck.routes(input)
        var allProblems = problems
        var index: FilingIndex?
        let tasks = options.parallelism ?? ProcessInfo.processInfo.activeProcessorCount
        do {
            index = try await FilingIndex(input.filings, contentKeys: input.filingKeys, order: options.listOrder,
                                          latestCount: options.latestCount, tasks: tasks)
        } catch {
            allProblems += error.diagnostics
        }
        var compiled: CompiledTheme?
        do {
            compiled = try CompiledTheme(theme)
        } catch {
            allProblems += error.diagnostics
        }
        guard allProblems.isEmpty, let routes, let index, let compiled else { throw PortalError(allProblems) }
        try steps.finish("index")

        // 2. Prepare the staging folder beside the output.
        let place = Staging(output: output.standardizedFileURL.path)
        try POSIX.makeDirectories(place.parent)
        let lock = try FileLock(URL(fileURLWithPath: place.lock))
        defer { lock.unlock() }
        try place.removeLeftovers()
        // The live site's manifest is read while the recycled one is (two big files).
        let previous = POSIX.isDirectory(place.output) ? place.output : nil
        async let readManifest = previous.map { BuildManifest.read(siteAt: $0) } ?? BuildManifest()
        let base = try place.prepare(recycle: options.keepPreviousSite)
        let manifest = await readManifest
        do {
            return try await assemble(place, base: base, previous: previous, manifest: manifest, routes: routes,
                                      index: index, theme: compiled, steps: &steps)
        } catch {
            try? POSIX.removeTree(place.staging)
            throw error
        }
    }

    private func assemble(_ place: Staging, base: BuildManifest, previous: String?, manifest: BuildManifest,
                          routes: Routes, index: FilingIndex, theme: CompiledTheme,
                          steps: inout StepTimer) async throws -> BuildReport {
        async let readChunks = previous.map { ChunkIndex.read(siteAt: $0) } ?? ChunkIndex()
        let tree = OutputTree(root: place.staging, base: base, previous: previous, previousManifest: manifest)
        var runner = makeRunner(routes: routes, index: index, theme: theme, tree: tree)
        let jobs = plan(runner)
        try steps.finish("prepare")

        // 3. The list rows the changed list and entity pages need, each rendered once.
        let tasks = options.parallelism ?? ProcessInfo.processInfo.activeProcessorCount
        let needed = runner.rowsNeeded(by: jobs)
        let seed = runner
        let cells = try await Parallel.map(needed, tasks: tasks, worker: { tasks > 1 ? seed.forWorker() : seed }) { w, i in
            w.renderRow(i)
        }
        runner.rowCells = [String?](repeating: nil, count: index.filings.count)
        for (i, html) in zip(needed, cells) { runner.rowCells[i] = html }
        try steps.finish("rows")

        // 4. Render and write every file, in parallel.
        let ready = runner
        var emitted = try await Parallel.map(jobs, tasks: tasks, worker: { tasks > 1 ? ready.forWorker() : ready }) { w, job in
            try w.run(job)
        }.flatMap { $0 }
        try steps.finish("render")

        // 5. Open data, each file made in parallel chunks, unchanged chunks copied.
        let previousChunks = await readChunks
        let baseChunks = base.paths.isEmpty ? ChunkIndex() : ChunkIndex.read(siteAt: place.staging)
        var chunks = ChunkIndex()
        for file in [FilingsCSV.file(index, routes: routes), FilingsJSON.file(index, routes: routes)] {
            let (result, placed) = try await tree.emit(file, tasks: tasks, baseChunks: baseChunks[file.path],
                                                   previousChunks: previousChunks[file.path])
            emitted.append(result)
            chunks[file.path] = placed
        }
        try steps.finish("open data")

        // 6. Drop what the recycled site held that this one does not; write the manifest.
        try tree.removeStale(keeping: Set(emitted.map(\.path)))
        for (name, bytes) in [(BuildManifest.fileName, BuildManifest.serialize(emitted.map { ($0.path, $0.entry) })),
                              (ChunkIndex.fileName, chunks.serialized())] {
            try POSIX.removeFile(place.staging + "/" + name)
            try bytes.withUnsafeBytes { raw in try POSIX.writeNew(raw, to: place.staging + "/" + name) }
        }
        try steps.finish("manifest")

        // 7. Swap the new site in; only now does the output folder change.
        if options.syncBeforeSwap { POSIX.syncFileSystem(of: place.staging) }
        try place.swap(keepPrevious: options.keepPreviousSite)
        try steps.finish("swap")

        return BuildReport(
            pages: emitted.filter { $0.path.hasSuffix(".html") }.count,
            files: emitted.count,
            written: emitted.filter { $0.outcome == .written }.count,
            unchanged: emitted.filter { $0.outcome != .written }.count,
            skippedRendering: emitted.filter { $0.outcome == .keptWithoutRendering }.count,
            steps: steps.steps)
    }

    private func makeRunner(routes: Routes, index: FilingIndex, theme: CompiledTheme, tree: OutputTree) -> JobRunner {
        let announcements = AnnouncementPages.sorted(input.announcements)
        let pages = input.pages.sorted { $0.slug < $1.slug }
        let css = theme.theme.assets["style.css"].map { data in
            var f = Fingerprint()
            data.withUnsafeBytes { f.add(bytes: $0) }
            return String(f.hex.prefix(10))
        } ?? "0"
        let chrome = Chrome(site: input.site, routes: routes, pages: pages, cssVersion: css,
                            hasSearchScript: input.extraFiles["search/search.js"] != nil || input.keptFiles.contains("search/search.js"), theme: theme)
        var global = Fingerprint(PortalBuilder.version, routes.origin, input.site.title, input.site.footer,
                                 input.site.contact, input.site.description, options.listOrder.rawValue,
                                 input.markdownRendererID)
        global.add(theme.theme.fingerprint)
        global.add(options.pageSize)
        global.add(chrome.hasSearchScript)
        for p in pages {
            global.add(p.slug); global.add(p.title); global.add(p.navOrder ?? -1)
        }
        var typePagination: [AlgorithmType: Pagination] = [:]
        for t in AlgorithmType.allCases {
            typePagination[t] = Pagination(total: index.byType[t]?.count ?? 0, pageSize: options.pageSize)
        }
        return JobRunner(theme: theme, chrome: chrome, index: index, announcements: announcements, pages: pages,
                         input: input, options: options, tree: tree, globalKey: global,
                         listPagination: Pagination(total: index.filings.count, pageSize: options.pageSize),
                         typePagination: typePagination,
                         announcementPagination: Pagination(total: announcements.count, pageSize: options.pageSize),
                         sitemapURLs: sitemapURLs(index: index, announcements: announcements, pages: pages),
                         allMembers: Array(index.filings.indices))
    }

    /// Every file of the site, big ones first so they overlap with the many small pages.
    private func plan(_ r: JobRunner) -> [PageJob] {
        var jobs: [PageJob] = [.sitemap, .home, .search, .notFound, .robots, .feed]
        jobs += r.theme.theme.assets.keys.sorted().map { .asset($0) }
        jobs += input.extraFiles.keys.sorted().map { .extra($0) }
        jobs += input.keptFiles.sorted().map { .kept($0) }
        jobs += (1...r.listPagination.pageCount).map { .list(nil, page: $0) }
        for t in AlgorithmType.allCases {
            jobs += (1...r.typePagination[t]!.pageCount).map { .list(t, page: $0) }
        }
        jobs += (1...r.announcementPagination.pageCount).map { .announcementList(page: $0) }
        jobs += r.announcements.indices.map { .announcement($0) }
        jobs += r.pages.indices.map { .page($0) }
        jobs += r.index.entities.indices.map { .entity($0) }
        jobs += r.index.filings.indices.map { .filing($0) }
        return jobs
    }

    /// The HTML pages a search engine should know, in a stable order.
    private func sitemapURLs(index: FilingIndex, announcements: [PortalAnnouncement], pages: [PortalPage]) -> [Sitemap.URLEntry] {
        var urls: [Sitemap.URLEntry] = [.init(path: Routes.home, lastModified: index.asOf),
                                        .init(path: Routes.search, lastModified: nil)]
        let list = Pagination(total: index.filings.count, pageSize: options.pageSize)
        urls += (1...list.pageCount).map { .init(path: Routes.list(type: nil, page: $0), lastModified: nil) }
        for t in AlgorithmType.allCases {
            let p = Pagination(total: index.byType[t]?.count ?? 0, pageSize: options.pageSize)
            urls += (1...p.pageCount).map { .init(path: Routes.list(type: t, page: $0), lastModified: nil) }
        }
        let notices = Pagination(total: announcements.count, pageSize: options.pageSize)
        urls += (1...notices.pageCount).map { .init(path: Routes.announcements(page: $0), lastModified: nil) }
        urls += announcements.map { .init(path: Routes.announcement($0.slug), lastModified: $0.date) }
        urls += pages.map { .init(path: Routes.page($0.slug), lastModified: nil) }
        urls += index.entities.map { e in
            .init(path: Routes.entity(e.id), lastModified: e.filings.map { FilingIndex.newestDate(of: index.filings[$0]) }.max())
        }
        urls += index.filings.map { .init(path: Routes.filing($0.id), lastModified: FilingIndex.newestDate(of: $0)) }
        return urls
    }

}
