import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianPortal
import BeianRegistry
import BeianSite
import BeianStore
import BeianTrust
import Foundation

/// `beian build`: the public portal from approved snapshots and `content/`, into `site/`.
///
/// The build is BeianSite's `SitePipeline`; the command parses flags, checks the signing key
/// and prints the outcome.
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
        let step: @Sendable (String, String) -> Void = { zh, en in if progress { Console.err("· \(lang == .zh ? zh : en)\n") } }

        let head = try headSigning(lang: lang, clock: Clock.fromEnvironment())
        let pipeline = SitePipeline(bundles: bundles, content: content, out: out, allowEmpty: allowEmpty, baseURL: baseURL,
                                    keepPrevious: !noKeepPrevious, head: head, step: step)
        let built: SitePipeline.Built
        switch await pipeline.run() {
        case .success(let b): built = b
        case .failure(let failed):
            if !failed.diagnostics.isEmpty { Console.reportToStderr(failed.diagnostics, lang: lang) }
            if let text = failed.text { Console.writeFailed(text: text, at: out, lang: lang) }
            throw failed.exit.code
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

    /// The signer of the portal's head: the registry key from `--key`, which must be the key
    /// the registry was set up with (`registry.json`; BeianSite's `HeadSigner` checks it).
    /// Without `--key`, an initialized registry's site is built unsigned, with a warning.
    func headSigning(lang: Lang, clock: Clock) throws -> HeadSigning? {
        // A missing registry folder is the pipeline's to report (O953), before anything is read.
        guard case .folder = NoFollow.kind(root: URL(fileURLWithPath: bundles), "") else { return nil }
        let config: RegistryConfig?
        switch HeadSigner.registryConfig(bundles) {
        case .success(let c): config = c
        case .failure(let problems):
            Console.reportToStderr(problems.diagnostics, lang: lang)
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
        switch HeadSigner.signing(signing, keyPath: key, registry: bundles, config: config, cosignatures: cosignatures, now: clock.now) {
        case .success(let head): return head
        case .failure(let problems):
            Console.reportToStderr(problems.diagnostics, lang: lang)
            throw ExitCode.ioFailure
        }
    }
}

extension SitePipeline.Failed.Exit {
    /// The exit code it calls for (SPEC §1).
    var code: ExitCode { self == .findings ? .findings : .ioFailure }
}
