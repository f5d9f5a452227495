public import BeianDiagnostics
import BeianContent
import BeianModel
import BeianOutput
public import BeianPortal
import BeianRegistry
import BeianStore
import Foundation

/// The site pipeline that `build` and `serve` both run: load content → read the approved
/// registry → build the search index → render the portal (atomic swap, incremental,
/// reproducible), with the caches beside the output (`.site.content-cache`,
/// `.site.registry-cache`, `.site.search-state`, the recycled `.site.prev`).
///
/// It reports nothing itself: a failed build comes back as its diagnostics (or, for an I/O
/// failure without one, a line of text) and the exit the command gives it.
public struct SitePipeline: Sendable {
    public var bundles: String
    public var content: String
    public var out: String
    public var allowEmpty = false
    public var baseURL: String?
    public var keepPrevious = true
    /// Signs the portal's head (`build --key`, SPEC §8); nil: no head.
    public var head: HeadSigning?
    /// Called with each step's name (zh, en) as it starts.
    public var step: @Sendable (String, String) -> Void = { _, _ in }

    public init(bundles: String, content: String, out: String, allowEmpty: Bool = false, baseURL: String? = nil,
                keepPrevious: Bool = true, head: HeadSigning? = nil, step: @escaping @Sendable (String, String) -> Void = { _, _ in }) {
        self.bundles = bundles
        self.content = content
        self.out = out
        self.allowEmpty = allowEmpty
        self.baseURL = baseURL
        self.keepPrevious = keepPrevious
        self.head = head
        self.step = step
    }

    /// A finished build.
    public struct Built: Sendable {
        public var filings: Int
        public var report: BuildReport
        /// Content warnings (the build went ahead).
        public var warnings: [Diagnostic]
        public var timer: StepTimes
        public var search: SiteSearch.Made?
    }

    /// A build that did not happen; the previous output is untouched.
    public struct Failed: Error, Sendable {
        /// The exit it calls for (SPEC §1): the input's findings (1) or an I/O or integrity failure (2).
        public enum Exit: Sendable { case findings, ioFailure }
        public var diagnostics: [Diagnostic] = []
        /// An I/O failure that has no diagnostic.
        public var text: String?
        public var exit: Exit
    }

    /// Runs the steps; the output is replaced only by a finished build.
    public func run() async -> Result<Built, Failed> {
        var timer = StepTimes()
        let bundles = self.bundles
        if let refused = SitePlace.refusals(out: out, registry: bundles, content: content) { return .failure(refused) }
        let place = SitePlace(out: out)
        // The registry is read while the content loads (they share nothing); a rebuild reads
        // and verifies again only the bundles whose ledger changed.
        async let reading = Self.readRegistry(bundles, cache: place.beside("registry-cache"))
        step("读取门户内容", "loading content")
        let siteContent: SiteContent, site: SiteConfig
        switch loadContent(cache: place.beside("content-cache")) {
        case .success(let loaded): (siteContent, site) = loaded
        case .failure(let failed):
            _ = await reading
            return .failure(failed)
        }
        timer.finish("content")

        step("读取已通过的备案", "reading approved filings")
        let view: PublicView
        switch await reading {
        case .success(let v): view = v
        case .failure(let error):
            return .failure(Failed(diagnostics: error.diagnostics, exit: error.kind == .findings ? .findings : .ioFailure))
        }
        timer.finish("registry (after content; read alongside)")
        // An empty registry where the live site has filings is a misspelt --registry far more
        // often than an intended empty portal.
        if view.filings.isEmpty && !allowEmpty {
            let live = OutputPlace.liveFilingCount(output: place.output.path)
            if live > 0 {
                return .failure(Failed(diagnostics: [OutputPlace.emptyRegistry(registry: bundles, live: live)], exit: .ioFailure))
            }
        }
        // The search index is updated (or made) while the portal checks and indexes its input:
        // it needs no page, and the portal needs its files only to plan its groups.
        step("生成搜索索引并渲染门户", "building the search index and rendering the portal")
        let base = baseURL ?? site.baseURL
        let input = SiteInput.portal(site: site, content: siteContent, view: view, baseURL: base, head: head)
        let render = SiteRender(input: input, view: view, basePath: BasePath(baseURL: base), place: place,
                                contentFiles: siteContent.files, keepPrevious: keepPrevious,
                                themeFolder: URL(fileURLWithPath: content).appendingPathComponent("theme"))
        switch await render.run() {
        case .success(let (report, search)):
            return .success(Built(filings: view.filings.count, report: report, warnings: siteContent.diagnostics, timer: timer, search: search))
        case .failure(let failed):
            return .failure(failed)
        }
    }

    /// The operator's content (through its cache), or why the build cannot go on.
    private func loadContent(cache: URL) -> Result<(SiteContent, SiteConfig), Failed> {
        let siteContent: SiteContent
        do {
            siteContent = try ContentLoader(today: Clock.fromEnvironment().today).load(content, cache: cache)
        } catch {
            return .failure(Failed(diagnostics: [error.diagnostic], exit: .ioFailure))
        }
        guard !siteContent.diagnostics.hasErrors, let site = siteContent.site else {
            return .failure(Failed(diagnostics: siteContent.diagnostics, exit: .findings))
        }
        return .success((siteContent, site))
    }

    /// The registry's public view (through its cache beside the output).
    private static func readRegistry(_ bundles: String, cache: URL) async -> Result<PublicView, RegistryError> {
        do throws(RegistryError) {
            return .success(try await PublicRegistry.view(in: bundles, tasks: ProcessInfo.processInfo.activeProcessorCount, cache: cache))
        } catch {
            return .failure(error)
        }
    }
}

/// Where a build writes and what it keeps beside its output.
struct SitePlace: Sendable {
    /// The output folder, standardized.
    let output: URL
    /// The output as the user gave it, for messages.
    let outDisplay: String

    init(out: String) {
        output = URL(fileURLWithPath: out).standardizedFileURL
        outDisplay = out
    }

    /// `.<output>.<suffix>` beside the output, like the recycled `.site.prev`: what the
    /// previous build read or made.
    func beside(_ suffix: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(suffix)")
    }

    /// Before anything is read or written: the output and what lies beside it must be the
    /// build's own, apart from its inputs; the registry folder must exist.
    static func refusals(out: String, registry: String, content: String) -> SitePipeline.Failed? {
        var refused = OutputPlace.problems(output: out, registry: registry, content: content)
        // A bundle given as the registry (OutputPlace reports a missing one).
        if !refused.contains(where: { $0.code == .registryNotFound }), let problem = RegistryFolder.problem(registry) { refused.append(problem) }
        return refused.isEmpty ? nil : SitePipeline.Failed(diagnostics: refused, exit: .ioFailure)
    }
}
