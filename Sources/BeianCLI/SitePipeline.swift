import ArgumentParser
import BeianContent
import BeianDiagnostics
import BeianMarkdown
import BeianModel
import BeianOutput
import BeianPortal
import BeianRegistry
import BeianSearch
import BeianStore
import Foundation

/// The site pipeline that `build` and `serve` both run: load content → read the approved
/// registry → build the search index → render the portal (atomic swap, incremental,
/// reproducible), with the caches beside the output (`.site.content-cache`,
/// `.site.registry-cache`, `.site.search-state`, the recycled `.site.prev`).
///
/// It reports nothing itself: a failed build comes back as its diagnostics (or, for an I/O
/// failure without one, a line of text) and the exit code `build` uses for it.
struct SitePipeline {
    var bundles: String
    var content: String
    var out: String
    var allowEmpty = false
    var baseURL: String?
    var keepPrevious = true
    /// Signs the portal's head (`build --key`, SPEC §8); nil: no head.
    var head: HeadSigning?
    /// Called with each step's name (zh, en) as it starts.
    var step: (String, String) -> Void = { _, _ in }

    /// A finished build.
    struct Built {
        var filings: Int
        var report: BuildReport
        /// Content warnings (the build went ahead).
        var warnings: [Diagnostic]
        var timer: StepTimes
        var search: SearchMade.Made?
    }

    /// A build that did not happen; the previous output is untouched.
    struct Failed: Error {
        var diagnostics: [Diagnostic] = []
        /// An I/O failure that has no diagnostic.
        var text: String?
        var exit: ExitCode
    }

    func run() async -> Result<Built, Failed> {
        var timer = StepTimes()
        let bundles = self.bundles
        // Before anything is read or written: the output and what lies beside it must be the
        // build's own, apart from its inputs; the registry folder must exist.
        var refused = OutputPlace.problems(output: out, registry: bundles, content: content)
        // A bundle given as the registry (OutputPlace reports a missing one).
        if !refused.contains(where: { $0.code == .registryNotFound }), let problem = RegistryFolder.problem(bundles) { refused.append(problem) }
        guard refused.isEmpty else { return .failure(Failed(diagnostics: refused, exit: .ioFailure)) }
        // Beside the output, like the recycled `.site.prev`: what the previous build read.
        let outURL = URL(fileURLWithPath: out).standardizedFileURL
        let beside = { (suffix: String) in outURL.deletingLastPathComponent().appendingPathComponent(".\(outURL.lastPathComponent).\(suffix)") }
        let contentCache = beside("content-cache")
        // The registry is read while the content loads (they share nothing); a rebuild reads
        // and verifies again only the bundles whose ledger changed.
        let cache = beside("registry-cache")
        async let reading: Result<PublicView, RegistryError> = {
            do throws(RegistryError) {
                return .success(try await PublicRegistry.view(in: bundles, tasks: ProcessInfo.processInfo.activeProcessorCount, cache: cache))
            } catch {
                return .failure(error)
            }
        }()
        step("读取门户内容", "loading content")
        let siteContent: SiteContent
        do {
            siteContent = try ContentLoader(today: Clock.fromEnvironment().today).load(content, cache: contentCache)
        } catch {
            _ = await reading
            return .failure(Failed(diagnostics: [error.diagnostic], exit: .ioFailure))
        }
        guard !siteContent.diagnostics.hasErrors, let site = siteContent.site else {
            _ = await reading
            return .failure(Failed(diagnostics: siteContent.diagnostics, exit: .findings))
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
        let filings = view.filings
        // An empty registry where the live site has filings is a misspelt --registry far more
        // often than an intended empty portal.
        if filings.isEmpty && !allowEmpty {
            let live = OutputPlace.liveFilingCount(output: outURL.path)
            if live > 0 {
                return .failure(Failed(diagnostics: [OutputPlace.emptyRegistry(registry: bundles, live: live)], exit: .ioFailure))
            }
        }

        let base = baseURL ?? site.baseURL
        let basePath = URL(string: base).map { $0.path.isEmpty ? "/" : ($0.path.hasSuffix("/") ? $0.path : $0.path + "/") } ?? "/"
        // The search index is updated (or made) while the portal checks and indexes its input:
        // it needs no page, and the portal needs its files only to plan its groups.
        step("生成搜索索引并渲染门户", "building the search index and rendering the portal")
        // `.site.search-state` beside the output says what the live index holds.
        let stateURL = beside("search-state")
        let made = SearchMade()
        let themeDir = URL(fileURLWithPath: content).appendingPathComponent("theme")
        // content/files/<name> → /files/<name> (downloads an announcement links to, e.g. a batch's CSV).
        let contentFiles = siteContent.files
        let input: PortalInput = {
            var portalSite = PortalSite(title: site.title, baseURL: base, footer: site.footer, contact: site.contact,
                                        description: site.description ?? "",
                                        links: site.nav.map { PortalLink(title: $0.title, url: $0.url, titleEN: $0.titleEN) })
            portalSite.english = PortalSite.English(title: site.titleEN, description: site.descriptionEN, footer: site.footerEN)
            var input = PortalInput(
                site: portalSite,
                filings: filings,
                announcements: siteContent.announcements.map {
                    PortalAnnouncement(slug: $0.slug, title: $0.title, date: $0.date, summary: $0.excerpt, pinned: $0.pinned, html: $0.html, text: $0.plainText,
                                       english: $0.english.map { PortalTranslation(title: $0.title, summary: $0.excerpt, html: $0.html) })
                },
                pages: siteContent.pages.map {
                    PortalPage(slug: $0.slug, title: $0.title, navOrder: $0.navOrder, html: $0.html,
                               english: $0.english.map { PortalTranslation(title: $0.title, html: $0.html) })
                },
                markdownRendererID: "cmark-gfm/beian-2",  // 2: unsafe characters dropped before parsing
                renderMarkdown: BuildCommand.renderDisclosure)
            input.filingSummaries = view.summaries
            input.head = head
            return input
        }()
        let report: BuildReport
        do {
            let theme = try Theme.load(overrideFolder: FileManager.default.fileExists(atPath: themeDir.path) ? themeDir : nil)
            var options = BuildOptions()
            options.sourceDateEpoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
            options.keepPreviousSite = keepPrevious
            do {
                report = try await PortalBuilder(input: input, theme: theme, options: options).build(to: outURL, promised: [BuildCommand.searchScript]) {
                    let started = ContinuousClock.now
                    let search: SearchIndexOutput, how: String
                    do { (search, how) = try BuildCommand.searchIndex(view, basePath: basePath, site: outURL, state: stateURL) } catch {
                        throw SearchFailed(error: error)
                    }
                    made.set(search, how: how, seconds: started.duration(to: .now).seconds)
                    return BuildCommand.portalFiles(search).adding(contentFiles)
                }
            } catch is PortalKeptFileMissing {
                // The live index lacks a file the update kept (edited by hand?): make it all.
                unlink(stateURL.path)  // a file (checked before the build), never a folder
                let started = ContinuousClock.now
                let search = try SearchIndex.make(filings, summaries: view.summaries, basePath: basePath)
                made.set(search, how: "full build: a kept file was missing", seconds: started.duration(to: .now).seconds)
                report = try await PortalBuilder(input: input, theme: theme, options: options).build(to: outURL, promised: [BuildCommand.searchScript]) { BuildCommand.portalFiles(search).adding(contentFiles) }
            }
            // What the live index now holds; a state that cannot be written costs the next build time only.
            if let search = made.value?.search { try? AtomicFile.write(search.state.serialized(), to: stateURL, durable: false) }
        } catch let error as SearchFailed {
            return .failure(Failed(text: "search index: \(error.error)", exit: .ioFailure))
        } catch let error as PortalError {
            return .failure(Failed(diagnostics: error.diagnostics, exit: .findings))
        } catch let error as PortalOutputRefused {
            return .failure(Failed(diagnostics: error.diagnostics, exit: .ioFailure))
        } catch {
            return .failure(Failed(text: "\(out): \(error)", exit: .ioFailure))
        }
        return .success(Built(filings: filings.count, report: report, warnings: siteContent.diagnostics, timer: timer, search: made.value))
    }
}

extension PortalBuilder.PortalFiles {
    /// These files and the operator's downloads (`content/files/<name>`) under `files/`.
    func adding(_ contentFiles: [String: Data]) -> Self {
        var made = self
        for (name, data) in contentFiles { made.extra[ContentLoader.filesDir + "/" + name] = data }
        return made
    }
}
