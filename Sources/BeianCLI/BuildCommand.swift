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

    @Option(name: .customLong("cosignature"),
            help: "A witness's cosigned copy of this build's checkpoint (beian witness cosign … --out FILE); repeatable. The build takes its time from them and appends their cosignatures: build, have the witnesses cosign site/transparency/checkpoint, then build again from the same input with --cosignature.")
    var cosignatures: [String] = []

    @Flag(help: "Print the build report as JSON.")
    var json = false

    @Flag(help: "Print the time of each step (content, registry, search index, the portal's steps) to stderr.")
    var timings = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let lang = global.language
        let started = Date()
        let progress = isatty(STDERR_FILENO) != 0 && !json
        var timer = StepTimes()
        func step(_ zh: String, _ en: String) { if progress { Console.err("· \(lang == .zh ? zh : en)\n") } }

        let head = try headSigning(lang: lang, clock: Clock.fromEnvironment())
        let pipeline = SitePipeline(bundles: bundles, content: content, out: out, allowEmpty: allowEmpty, baseURL: baseURL,
                                    keepPrevious: !noKeepPrevious, head: head, step: step)
        let built: SitePipeline.Built
        switch await pipeline.run() {
        case .success(let b): built = b
        case .failure(let failed):
            if !failed.diagnostics.isEmpty { Console.reportToStderr(failed.diagnostics, lang: lang) }
            if let text = failed.text { Console.err(text + "\n") }
            throw failed.exit
        }
        if !built.warnings.isEmpty { Console.reportToStderr(built.warnings, lang: lang) }
        timer = built.timer
        let (report, filings) = (built.report, built.filings)
        if let m = built.search {
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
            Console.out(DiagnosticRenderer.encodeJSON(Out(filings: filings, pages: report.pages, files: report.files,
                                                          written: report.written, unchanged: report.unchanged, seconds: seconds)))
            Self.exitWithoutTeardown()
        }
        Console.out(lang == .zh
            ? "已生成 \(out)/：\(filings) 个备案，\(report.pages) 个页面，共 \(report.files) 个文件（写入 \(report.written)，未变 \(report.unchanged)），用时 \(String(format: "%.2f", seconds)) 秒\n"
            : "built \(out)/: \(filings) filings, \(report.pages) pages, \(report.files) files (\(report.written) written, \(report.unchanged) unchanged) in \(String(format: "%.2f", seconds)) s\n")
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
        // A missing registry folder is the pipeline's to report (O953), before anything is read.
        guard case .folder = NoFollow.kind(root: registry, "") else { return nil }
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
        // The checkpoint commits to the registry's head chain (SPEC §11): `beian verify
        // --checkpoint` then proves the registry extends what this site published.
        let anchor: String?
        do { anchor = config == nil ? nil : try RegistryHeads.anchor(registry: URL(fileURLWithPath: bundles), display: bundles) } catch {
            Console.reportToStderr(error.diagnostics, lang: lang)
            throw ExitCode.ioFailure
        }
        let (time, cosigned) = try Self.cosigned(cosignatures, lang: lang)
        return HeadSigning(key: signing, time: time ?? clock.now, registryAnchor: anchor, cosignatures: cosigned)
    }

    /// The cosigned checkpoints given with `--cosignature`, and the time they all carry: the
    /// build remakes exactly that checkpoint (the portal refuses one that differs otherwise).
    static func cosigned(_ files: [String], lang: Lang) throws -> (time: Int64?, notes: [(source: String, note: String)]) {
        var notes: [(source: String, note: String)] = []
        var times = Set<Int64>()
        var problems: [Diagnostic] = []
        for file in files {
            func problem(_ zh: String, _ en: String) {
                problems.append(Diagnostic(.siteHeadInvalid, at: SourceLocation(path: file), field: FieldRef(key: "cosignature", zh: "连署", en: "cosignature"),
                                           message: Localized(zh: zh, en: en),
                                           help: Localized(zh: "给出 beian witness cosign --out 写出的文件", en: "give the file beian witness cosign --out wrote")))
            }
            guard case .success(let data) = NoFollow.read(root: URL(fileURLWithPath: file).deletingLastPathComponent(),
                                                      URL(fileURLWithPath: file).lastPathComponent, limit: 1 << 16) else {
                problem("无法读取连署文件", "the cosignature file cannot be read"); continue
            }
            let note = String(decoding: data, as: UTF8.self)
            guard let split = note.range(of: "\n\n"), let checkpoint = Checkpoint(text: String(note[..<split.lowerBound]) + "\n"),
                  let stamp = checkpoint.time, let time = SiteTime.parse(stamp) else {
                problem("不是带 time 行的已签名检查点", "not a signed checkpoint with a time line"); continue
            }
            times.insert(time)
            notes.append((file, note))
        }
        if times.count > 1 {
            problems.append(Diagnostic(.siteHeadInvalid, at: SourceLocation(path: files[0]), field: FieldRef(key: "cosignature", zh: "连署", en: "cosignature"),
                                       message: Localized(zh: "这些连署属于不同时间的检查点", en: "the cosignatures are of checkpoints made at different times"),
                                       help: Localized(zh: "只给出同一份检查点的连署", en: "give only cosignatures of one checkpoint")))
        }
        guard problems.isEmpty else {
            Console.reportToStderr(problems, lang: lang)
            throw ExitCode.ioFailure
        }
        return (times.first, notes)
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
