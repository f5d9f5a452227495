import BeianModel
import BeianStore
public import Foundation

/// Builds the static portal (SPEC §4) from plain values into a folder, atomically,
/// reproducibly and incrementally.
///
/// The build is a flat list of named, timed steps: check the input, index the filings,
/// compile the theme, prepare a staging folder beside the output, render every file in
/// parallel, write the manifest, swap the staging folder in. A build that fails or is killed
/// leaves the previous site whole.
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
        do {
            index = try FilingIndex(input.filings, order: options.listOrder, latestCount: options.latestCount,
                                    markdownRendererID: input.markdownRendererID)
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
        let outputPath = output.standardizedFileURL.path
        let parent = (outputPath as NSString).deletingLastPathComponent
        let name = (outputPath as NSString).lastPathComponent
        try POSIX.makeDirectories(parent)
        let lock = try FileLock(URL(fileURLWithPath: parent + "/.\(name).lock"))
        defer { lock.unlock() }
        try Staging.removeLeftovers(in: parent, name: name)
        let staging = parent + "/.\(name).building-\(getpid())"
        try POSIX.makeDirectories(staging)
        do {
            let report = try await assemble(into: staging, output: outputPath, routes: routes, index: index,
                                            theme: compiled, steps: &steps)
            return report
        } catch {
            try? POSIX.removeTree(staging)
            throw error
        }
    }

    private func assemble(into staging: String, output: String, routes: Routes, index: FilingIndex,
                          theme: CompiledTheme, steps: inout StepTimer) async throws -> BuildReport {
        let previous = POSIX.isDirectory(output) ? output : nil
        let manifest = previous.map { BuildManifest.read(siteAt: $0) } ?? BuildManifest()
        let tree = OutputTree(root: staging, previous: previous, previousManifest: manifest)
        let runner = makeRunner(routes: routes, index: index, theme: theme, tree: tree)
        let jobs = plan(runner)
        try steps.finish("prepare")

        // 3. Render and write every file, in parallel.
        let emitted = try await render(jobs, with: runner)
        try steps.finish("render")

        // 4. The manifest: what the next build compares against.
        var entries: [String: BuildManifest.Entry] = [:]
        entries.reserveCapacity(emitted.count)
        for e in emitted { entries[e.path] = e.entry }
        let bytes = BuildManifest(entries: entries).serialized()
        try bytes.withUnsafeBytes { raw in
            try POSIX.writeNew(raw, to: staging + "/" + BuildManifest.fileName)
        }
        try steps.finish("manifest")

        // 5. Swap the new site in; only now does `output` change.
        if options.syncBeforeSwap { POSIX.syncFileSystem(of: staging) }
        try Staging.swap(staging, into: output)
        try steps.finish("swap")
        try? POSIX.removeTree(staging)  // the previous site, now under the staging name
        try steps.finish("cleanup")

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
                            hasSearchScript: input.extraFiles["search/search.js"] != nil)
        var global = Fingerprint(PortalBuilder.version, routes.origin, input.site.title, input.site.footer,
                                 input.site.contact, input.site.description, options.listOrder.rawValue)
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
                         sitemapURLs: sitemapURLs(index: index, announcements: announcements, pages: pages))
    }

    /// Every file of the site, big ones first so they overlap with the many small pages.
    private func plan(_ r: JobRunner) -> [PageJob] {
        var jobs: [PageJob] = [.json, .csv, .sitemap, .home, .search, .notFound, .robots, .feed]
        jobs += r.theme.theme.assets.keys.sorted().map { .asset($0) }
        jobs += input.extraFiles.keys.sorted().map { .extra($0) }
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

    /// Runs the jobs on all cores: each task takes every n-th job, so no state is shared.
    private func render(_ jobs: [PageJob], with runner: JobRunner) async throws -> [OutputTree.Emitted] {
        let workers = max(1, min(jobs.count, options.parallelism ?? ProcessInfo.processInfo.activeProcessorCount))
        return try await withThrowingTaskGroup(of: [OutputTree.Emitted].self) { group in
            for w in 0..<workers {
                group.addTask {
                    var out: [OutputTree.Emitted] = []
                    out.reserveCapacity(jobs.count / workers + 8)
                    var i = w
                    while i < jobs.count {
                        if i % 256 == w { try Task.checkCancellation() }
                        out += try runner.run(jobs[i])
                        i += workers
                    }
                    return out
                }
            }
            var all: [OutputTree.Emitted] = []
            all.reserveCapacity(jobs.count + 8)
            for try await part in group { all += part }
            return all
        }
    }
}
