import ArgumentParser
import Synchronization
import BeianContent
import BeianDiagnostics
import BeianMarkdown
import BeianModel
import BeianPortal
import BeianRegistry
import BeianSearch
import BeianStore
import BeianTrust
import Foundation

/// `beian build`: the public portal from approved snapshots and `content/`, into `site/`.
///
/// A flat list of named steps: load content → read the approved registry → build the search
/// index → render the portal (atomic swap, incremental, reproducible).
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render the public portal (approved filings, entities, announcements, open data, search) into a static site.")

    @OptionGroup var registryOption: RegistryOption
    var bundles: String { registryOption.path }

    @Option(help: "The operator's content folder (site.yaml, announcements/, pages/, theme/).")
    var content = "content"

    @Option(help: "Where to write the site (replaced atomically): an absent or empty folder, or a site beian built (it holds .beian-site). Anything else is refused, never moved or deleted.")
    var out = "site"

    @Flag(name: .customLong("allow-empty"),
          help: "Publish a portal with no filings even though the live site has some (otherwise refused: a misspelt --registry must not empty the portal).")
    var allowEmpty = false

    @Option(name: .customLong("base-url"), help: "Public base URL (default: base_url in content/site.yaml).")
    var baseURL: String?

    @Flag(name: .customLong("no-keep-previous"),
          help: "Delete the replaced site instead of keeping it beside the output (.site.prev) for the next build to patch, and make no such copy after a build from nothing: less disk and a quicker one-off build, slower rebuilds.")
    var noKeepPrevious = false

    @Option(help: "The registry's private key file (beian key new … --kind registry): signs the portal's head, so anyone can check a copy of the site with `beian verify-site` (SPEC §8). Without it the site has no signed head.")
    var key: String?

    @Flag(help: "Print the build report as JSON.")
    var json = false

    @Flag(help: "Print the time of each step (content, registry, search index, the portal's steps) to stderr.")
    var timings = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let lang = global.language
        let clock = Clock.fromEnvironment()
        let started = Date()
        let progress = isatty(STDERR_FILENO) != 0 && !json
        var timer = StepTimes()
        func step(_ zh: String, _ en: String) { if progress { Console.err("· \(lang == .zh ? zh : en)\n") } }

        // Before anything is read or written: the output and what lies beside it must be the
        // build's own, apart from its inputs; the registry folder must exist.
        var refused = OutputPlace.problems(output: out, registry: self.bundles, content: content)
        // A bundle given as the registry (OutputPlace reports a missing one).
        if !refused.contains(where: { $0.code == .registryNotFound }), let problem = RegistryFolder.problem(self.bundles) { refused.append(problem) }
        guard refused.isEmpty else {
            Console.reportToStderr(refused, lang: lang)
            throw ExitCode.ioFailure
        }
        let head = try headSigning(lang: lang, clock: clock)
        // Beside the output, like the recycled `.site.prev`: what the previous build read
        // (`.site.content-cache`, `.site.registry-cache`, `.site.search-state`).
        let outURL = URL(fileURLWithPath: out).standardizedFileURL
        let beside = { (suffix: String) in outURL.deletingLastPathComponent().appendingPathComponent(".\(outURL.lastPathComponent).\(suffix)") }
        let contentCache = beside("content-cache")
        // The registry is read while the content loads (they share nothing).
        let bundles = self.bundles
        // What the previous build read, beside the output like the recycled `.site.prev`: a
        // rebuild reads and verifies again only the bundles whose ledger changed.
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
            siteContent = try ContentLoader(today: clock.today).load(content, cache: contentCache)
        } catch {
            Console.reportToStderr([error.diagnostic], lang: lang)
            throw ExitCode.ioFailure
        }
        if !siteContent.diagnostics.isEmpty { Console.reportToStderr(siteContent.diagnostics, lang: lang) }
        guard !siteContent.diagnostics.hasErrors, let site = siteContent.site else { throw ExitCode.findings }
        timer.finish("content")

        step("读取已通过的备案", "reading approved filings")
        let view: PublicView
        switch await reading {
        case .success(let v): view = v
        case .failure(let error):
            Console.reportToStderr(error.diagnostics, lang: lang)
            throw error.kind == .findings ? ExitCode.findings : ExitCode.ioFailure
        }
        timer.finish("registry (after content; read alongside)")
        let filings = view.filings
        // An empty registry where the live site has filings is a misspelt --registry far more
        // often than an intended empty portal.
        if filings.isEmpty && !allowEmpty {
            let live = OutputPlace.liveFilingCount(output: outURL.path)
            if live > 0 {
                Console.reportToStderr([OutputPlace.emptyRegistry(registry: bundles, live: live)], lang: lang)
                throw ExitCode.ioFailure
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
        let input: PortalInput = {
            var input = PortalInput(
                site: PortalSite(title: site.title, baseURL: base, footer: site.footer, contact: site.contact, description: site.description ?? "",
                                  links: site.nav.map { PortalLink(title: $0.title, url: $0.url) }),
                filings: filings,
                announcements: siteContent.announcements.map {
                    PortalAnnouncement(slug: $0.slug, title: $0.title, date: $0.date, summary: $0.excerpt, pinned: $0.pinned, html: $0.html, text: $0.plainText)
                },
                pages: siteContent.pages.map { PortalPage(slug: $0.slug, title: $0.title, navOrder: $0.navOrder, html: $0.html) },
                markdownRendererID: "cmark-gfm/beian-2",  // 2: unsafe characters dropped before parsing
                renderMarkdown: Self.renderDisclosure)
            input.filingSummaries = view.summaries
            input.head = head
            return input
        }()
        let report: BuildReport
        do {
            let theme = try Theme.load(overrideFolder: FileManager.default.fileExists(atPath: themeDir.path) ? themeDir : nil)
            var options = BuildOptions()
            options.sourceDateEpoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
            options.keepPreviousSite = !noKeepPrevious
            do {
                report = try await PortalBuilder(input: input, theme: theme, options: options).build(to: outURL, promised: [Self.searchScript]) {
                    let started = ContinuousClock.now
                    let search: SearchIndexOutput, how: String
                    do { (search, how) = try Self.searchIndex(view, basePath: basePath, site: outURL, state: stateURL) } catch {
                        throw SearchFailed(error: error)
                    }
                    made.set(search, how: how, seconds: started.duration(to: .now).seconds)
                    return Self.portalFiles(search)
                }
            } catch is PortalKeptFileMissing {
                // The live index lacks a file the update kept (edited by hand?): make it all.
                unlink(stateURL.path)  // a file (checked before the build), never a folder
                let started = ContinuousClock.now
                let search = try SearchIndex.make(filings, summaries: view.summaries, basePath: basePath)
                made.set(search, how: "full build: a kept file was missing", seconds: started.duration(to: .now).seconds)
                report = try await PortalBuilder(input: input, theme: theme, options: options).build(to: outURL, promised: [Self.searchScript]) { Self.portalFiles(search) }
            }
            // What the live index now holds; a state that cannot be written costs the next build time only.
            if let search = made.value?.search { try? AtomicFile.write(search.state.serialized(), to: stateURL, durable: false) }
        } catch let error as SearchFailed {
            Console.err("search index: \(error.error)\n")
            throw ExitCode.ioFailure
        } catch let error as PortalError {
            Console.reportToStderr(error.diagnostics, lang: lang)
            throw ExitCode.findings
        } catch let error as PortalOutputRefused {
            Console.reportToStderr(error.diagnostics, lang: lang)
            throw ExitCode.ioFailure
        } catch {
            Console.err("\(out): \(error)\n")
            throw ExitCode.ioFailure
        }
        if let m = made.value {
            timer.add("search index (\(m.how)), alongside portal: index", m.seconds)
            for s in m.search.steps { timer.add("  search: " + s.name, s.seconds) }
        }
        let seconds = Date().timeIntervalSince(started)
        if timings {
            for s in report.steps { timer.add("portal: " + s.name, s.seconds) }
            Console.err(timer.text(total: seconds))
        }
        if json {
            struct Out: Encodable { var filings: Int; var pages: Int; var files: Int; var written: Int; var unchanged: Int; var seconds: Double }
            Console.out(DiagnosticRenderer.encodeJSON(Out(filings: filings.count, pages: report.pages, files: report.files,
                                                          written: report.written, unchanged: report.unchanged, seconds: seconds)))
            Self.exitWithoutTeardown()
        }
        Console.out(lang == .zh
            ? "已生成 \(out)/：\(filings.count) 个备案，\(report.pages) 个页面，共 \(report.files) 个文件（写入 \(report.written)，未变 \(report.unchanged)），用时 \(String(format: "%.2f", seconds)) 秒\n"
            : "built \(out)/: \(filings.count) filings, \(report.pages) pages, \(report.files) files (\(report.written) written, \(report.unchanged) unchanged) in \(String(format: "%.2f", seconds)) s\n")
        Self.exitWithoutTeardown()
    }

    /// Ends the process now that everything is written and reported (`Console` writes are not
    /// buffered): freeing the build's 100,000 filings and its manifests object by object took
    /// a tenth of a second that the system does at once when the process exits.
    static func exitWithoutTeardown() -> Never { Foundation.exit(0) }

    /// How a filing's 拟公示内容 becomes HTML on its page (and how `verify-site` renders it to
    /// compare): cmark-gfm, headings from level 2 (the page's `h1` is the algorithm's name).
    static let renderDisclosure: @Sendable (String) -> String = {
        MarkdownRenderer.html($0, options: MarkdownOptions(headingLevels: .startingAt(2)))
    }

    /// The signer of the portal's head: the registry key from `--key`, which must be the key
    /// the registry was set up with (`registry.json`). Without `--key`, an initialized
    /// registry's site is built unsigned, with a warning.
    func headSigning(lang: Lang, clock: Clock) throws -> HeadSigning? {
        let registry = URL(fileURLWithPath: bundles)
        let config: RegistryConfig?
        do { config = try RegistryConfig.load(registry: registry, display: bundles) } catch {
            Console.reportToStderr(error.diagnostics, lang: lang)
            throw ExitCode.ioFailure
        }
        guard let key else {
            if config != nil {
                Console.err(lang == .zh
                    ? "警告：未给出 --key（登记簿私钥），站点不含签名摘要，公众无法用 beian verify-site 核验其副本\n"
                    : "warning: no --key (the registry's private key): the site gets no signed head, and copies of it cannot be checked with beian verify-site\n")
            }
            return nil
        }
        let signing = try signingKey(key, lang: lang)
        var problem: Localized?
        if signing.kind != .registry {
            problem = Localized(zh: "“\(key)”是\(signing.kind.rawValue)密钥，站点摘要须用登记簿密钥签名", en: "'\(key)' is a \(signing.kind.rawValue) key; the site's head is signed with the registry key")
        } else if let config, config.registryKey != signing.verifierKey.description {
            problem = Localized(zh: "“\(key)”（\(signing.verifierKey.name)+\(signing.verifierKey.keyID)）不是登记簿 \(bundles) 的密钥（registry.json 记载 \(config.registryKey)）",
                                en: "'\(key)' (\(signing.verifierKey.name)+\(signing.verifierKey.keyID)) is not the key of the registry \(bundles) (registry.json names \(config.registryKey))")
        }
        if let problem {
            Console.reportToStderr([Diagnostic(.registrySetup, at: SourceLocation(path: key), field: FieldRef(key: "key", zh: "登记簿私钥", en: "registry key"),
                                               message: problem, help: Localized(zh: "用 beian registry init 时的登记簿私钥文件", en: "use the registry key file the registry was set up with (beian registry init)"))], lang: lang)
            throw ExitCode.ioFailure
        }
        return HeadSigning(key: signing, time: clock.now)
    }

    /// The search client, which the search page loads: promised to the portal before the
    /// index is made (every index, made or updated, has it).
    static let searchScript = "search/search.js"

    /// The search index's files as the portal's extra (written) and kept files, under `search/`.
    static func portalFiles(_ search: SearchIndexOutput) -> PortalBuilder.PortalFiles {
        .init(extra: Dictionary(uniqueKeysWithValues: search.files.map { ("search/" + $0.key, $0.value) }),
              kept: search.kept.map { "search/" + $0 })
    }
}

/// The search index a build made, handed out of the portal build's `files` task.
final class SearchMade: Sendable {
    struct Made: Sendable {
        var search: SearchIndexOutput
        var how: String
        var seconds: Double
    }

    private let made = Mutex<Made?>(nil)

    func set(_ search: SearchIndexOutput, how: String, seconds: Double) {
        made.withLock { $0 = Made(search: search, how: how, seconds: seconds) }
    }

    var value: Made? { made.withLock { $0 } }
}

/// The search index could not be made (reported as such, exit 2).
struct SearchFailed: Error {
    var error: any Error
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension BuildCommand {
    /// The search index: an update of the live one when `state` describes it and the change
    /// allows (see `SearchIndex.update`), else a full build.
    static func searchIndex(_ view: PublicView, basePath: String, site: URL, state: URL) throws -> (SearchIndexOutput, String) {
        let (filings, summaries) = (view.filings, view.summaries)
        let live = site.appendingPathComponent("search")
        guard let bytes = try? Data(contentsOf: state), let previous = SearchState(bytes) else {
            return (try SearchIndex.make(filings, summaries: summaries, basePath: basePath), "full build: no state of a previous build")
        }
        guard let manifest = try? Data(contentsOf: live.appendingPathComponent("manifest.json")),
              let object = try? JSONSerialization.jsonObject(with: manifest) as? [String: Any],
              object["h"] as? String == previous.version else {
            return (try SearchIndex.make(filings, summaries: summaries, basePath: basePath), "full build: the live index is not the one the state describes")
        }
        switch try SearchIndex.attempt(filings, summaries: summaries, basePath: basePath, previous: previous,
                                       read: { try? Data(contentsOf: live.appendingPathComponent($0)) }) {
        case .done(let update): return (update, "updated: \(update.files.count) files made, \(update.kept.count) kept")
        case .refused(let why): return (try SearchIndex.make(filings, summaries: summaries, basePath: basePath), "full build: " + why)
        }
    }
}

/// Wall-clock times of the build's steps, for `--timings`.
struct StepTimes {
    private(set) var steps: [(name: String, seconds: Double)] = []
    private var last = ContinuousClock.now

    /// Records the time since the previous step under `name`.
    mutating func finish(_ name: String) {
        let now = ContinuousClock.now
        let d = now - last
        steps.append((name, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18))
        last = now
    }

    /// Records a step timed elsewhere (the portal's own steps).
    mutating func add(_ name: String, _ seconds: Double) { steps.append((name, seconds)) }

    func text(total: Double) -> String {
        let width = max(5, steps.map(\.name.count).max() ?? 0)
        func row(_ name: String, _ s: Double) -> String {
            name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(format: "%8.3f s", s) + "\n"
        }
        return steps.map { row($0.name, $0.seconds) }.joined() + row("total", total)
    }
}
