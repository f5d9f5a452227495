import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianRegistry
import BeianStore
import BeianTrust
import Foundation

/// Shared handling of refused registry actions: print the diagnostics, exit 1 or 2.
extension RegistryError {
    func exit(lang: Lang, format: OutputFormat = .text) -> ExitCode {
        Console.report(diagnostics, lang: lang, format: format)
        return kind == .findings ? .findings : .ioFailure
    }
}

/// Parses item names given on the command line.
func parseItems(_ names: [String], lang: Lang) throws -> [ItemRef] {
    try names.map { name in
        guard let ref = ItemRef(name) else {
            throw ValidationError(lang == .zh
                ? "无法识别的事项“\(name)”：应为 entity、product:<标识> 或 algorithm:<标识>"
                : "unknown item '\(name)': use entity, product:<id> or algorithm:<id>")
        }
        return ref
    }
}

/// Checks item names in a command's `validate()`, so a malformed one is reported with that
/// subcommand's usage (not the top-level one), exit 64.
func validateItems(_ names: [String]) throws {
    _ = try parseItems(names, lang: Lang.fromEnvironment(ProcessInfo.processInfo.environment))
}

/// The private key in `path`, or its located problem printed and exit 2.
func signingKey(_ path: String, lang: Lang, json: Bool = false) throws -> SigningKey {
    switch KeyFile.read(path) {
    case .success(let key): return key
    case .failure(let d):
        Console.report([d], lang: lang, format: json ? .json : .text)
        throw ExitCode.ioFailure
    }
}

/// Refuses (O953, exit 2) a registry folder that does not exist or is a bundle
/// (`RegistryFolder`), so a misspelt path is never read as an empty registry ("nothing awaits
/// review", "✓ 0 bundles").
func requireRegistryFolder(_ path: String, lang: Lang, json: Bool = false) throws {
    guard let problem = RegistryFolder.problem(path) else { return }
    Console.report([problem], lang: lang, format: json ? .json : .text)
    throw ExitCode.ioFailure
}

/// The registry folder, named `--registry` on every command that takes one. `--bundles` is
/// kept as a hidden alias (the name `build` and `import` used before); giving both with
/// different folders is a usage error.
struct RegistryOption: ParsableArguments {
    @Option(help: "The registry: the folder holding the bundles (default: bundles).")
    var registry: String?

    @Option(name: .customLong("bundles"), help: .hidden)
    var bundlesAlias: String?

    /// The folder named, `bundles` by default.
    var path: String { registry ?? bundlesAlias ?? "bundles" }

    func validate() throws {
        if let registry, let bundlesAlias, registry != bundlesAlias {
            throw ValidationError("--bundles is another name for --registry; give one of them")
        }
    }
}

/// The name recorded as the actor when `--by` is not given.
func defaultActor() -> String {
    let env = ProcessInfo.processInfo.environment
    return env["BEIAN_USER"] ?? env["USER"] ?? env["LOGNAME"] ?? "filer"
}

/// `beian submit <bundle> [item…] --attest "我承诺上述填报信息真实有效"`.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit items for review with the commitment (all new or changed items when none is named).")

    @Argument(help: "The bundle folder.")
    var bundle: String

    @Argument(help: "Items: entity, product:<id>, algorithm:<id>. Default: everything new or changed.")
    var items: [String] = []

    @Option(help: "The commitment, exactly: 我承诺上述填报信息真实有效")
    var attest: String?

    @Option(help: "Who submits (default: $USER).")
    var by: String?

    @Option(help: "The filer's private key file: signs the sealed package written with --out.")
    var key: String?

    @Option(help: "Also write the submission as a sealed package (one zip file) for the registry's beian review receive.")
    var out: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func validate() throws { try validateItems(items) }

    func run() throws {
        let lang = global.language
        let refs = try parseItems(items, lang: lang)
        if (key == nil) != (out == nil) {
            throw ValidationError(lang == .zh ? "--key 与 --out 须同时给出（用填报密钥签名的备案包）" : "--key and --out go together (a package signed with the filer key)")
        }
        let attestation = try attest ?? Attestation.ask(lang: lang)
        do {
            let events: [LedgerEvent]
            if let key, let out {
                let signing = try signingKey(key, lang: lang, json: json)
                events = try Registry().submitPackage(bundle: bundle, items: refs.isEmpty ? nil : refs, attestation: attestation,
                                                      actor: by ?? defaultActor(), key: signing, out: URL(fileURLWithPath: out))
            } else {
                events = try Registry().submit(bundle: bundle, items: refs.isEmpty ? nil : refs, attestation: attestation,
                                               actor: by ?? defaultActor())
            }
            if json {
                Console.out(DiagnosticRenderer.encodeJSON(events))
            } else {
                for e in events {
                    let what = e.action == .record
                        ? (lang == .zh ? "已直接登记（未关联算法的产品无需审核）" : "recorded directly (a product linked to no algorithm needs no review)")
                        : (lang == .zh ? (e.change == true ? "已提交变更，待审核" : "已提交，待审核") : (e.change == true ? "change submitted for review" : "submitted for review"))
                    Console.out("\(e.item): \(what) (#\(e.seq), \(e.time))\n")
                }
                if let out { Console.out(lang == .zh ? "备案包：\(out)（交登记机关用 beian review receive 接收）\n" : "package: \(out) (for the registry's beian review receive)\n") }
            }
        } catch let error as RegistryError {
            throw error.exit(lang: lang, format: json ? .json : .text)
        }
    }
}

/// Asks for the commitment on a terminal; without one, the submission is refused.
enum Attestation {
    /// What the prompt asks for, and the only answer that confirms: 是 (or `yes` in English).
    static func answer(lang: Lang) -> String { lang == .zh ? "是" : "yes" }

    static func ask(lang: Lang) throws -> String? {
        guard isatty(STDIN_FILENO) != 0 else { return nil }
        Console.err(lang == .zh
            ? "请确认：\(Lifecycle.attestation)\n输入“是”确认提交（只认这一个字，其他任何输入都视为不确认）："
            : "Please confirm: \(Lifecycle.attestation)\nType yes to submit (exactly that; anything else does not confirm): ")
        return confirms(readLine(), lang: lang) ? Lifecycle.attestation : nil
    }

    /// True only for exactly the asked answer, the line's end (`\r` of a CRLF terminal) aside:
    /// a commitment is given by typing what was asked, not something like it.
    static func confirms(_ line: String?, lang: Lang) -> Bool {
        guard var line else { return false }
        if line.hasSuffix("\r") { line.removeLast() }
        return line == answer(lang: lang)
    }
}

/// `beian cancel <bundle> algorithm:<id> --reason … --attest …`.
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Ask for the cancellation of an approved item: an algorithm (注销), a product (下线, withdrawal) or the entity (主体注销: all its filings).",
        discussion: "A reviewer decides it like any submission (beian review approve|reject). Once approved the item is 已注销 for good; an approved entity cancellation cancels every product and algorithm of the bundle, and the portal keeps their pages, marked 已注销 with the date.")

    @Argument(help: "The bundle folder.")
    var bundle: String

    @Argument(help: "algorithm:<id>, product:<id> or entity.")
    var item: String

    @Option(help: "Why it is cancelled (shown to the reviewer).")
    var reason: String

    @Option(help: "The commitment, exactly: 我承诺上述填报信息真实有效")
    var attest: String?

    @Option(help: "Who asks (default: $USER).")
    var by: String?

    @Option(help: "The filer's private key file: signs the sealed package written with --out.")
    var key: String?

    @Option(help: "Also write the request as a sealed package for the registry's beian review receive.")
    var out: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func validate() throws { try validateItems([item]) }

    func run() throws {
        let lang = global.language
        let ref = try parseItems([item], lang: lang)[0]
        if (key == nil) != (out == nil) {
            throw ValidationError(lang == .zh ? "--key 与 --out 须同时给出（用填报密钥签名的备案包）" : "--key and --out go together (a package signed with the filer key)")
        }
        let attestation = try attest ?? Attestation.ask(lang: lang)
        do {
            let e: LedgerEvent
            if let key, let out {
                let signing = try signingKey(key, lang: lang, json: json)
                e = try Registry().cancelPackage(bundle: bundle, item: ref, reason: reason, attestation: attestation,
                                                 actor: by ?? defaultActor(), key: signing, out: URL(fileURLWithPath: out))
            } else {
                e = try Registry().requestCancellation(bundle: bundle, item: ref, reason: reason, attestation: attestation,
                                                       actor: by ?? defaultActor())
            }
            if json { Console.out(DiagnosticRenderer.encodeJSON(e)); return }
            let what = ref == .entity ? (lang == .zh ? "已申请主体注销（通过后其全部备案一并注销），待审核" : "entity cancellation requested (once approved, all its filings are cancelled), awaiting review")
                : { if case .product = ref { return lang == .zh ? "已申请下线，待审核" : "withdrawal requested, awaiting review" } else { return lang == .zh ? "已申请注销，待审核" : "cancellation requested, awaiting review" } }()
            Console.out("\(e.item): \(what) (#\(e.seq))\n")
        } catch let error as RegistryError {
            throw error.exit(lang: lang, format: json ? .json : .text)
        }
    }
}

/// `beian verify [<bundle>…]`: re-checks every chain, snapshot and pending manifest, and
/// reports temporary files a killed writer left (warnings).
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check ledgers, snapshots and submitted files; exit 2 naming the first broken link.")

    @Argument(help: "Bundle folders (default: every bundle under --registry).")
    var bundles: [String] = []

    @OptionGroup var registryOption: RegistryOption
    var registry: String { registryOption.path }

    @Option(name: .customLong("registry-key"), help: "The registry's public key (name+keyid+base64), or a file holding it, as you got it from outside the registry (pinned): registry.json must name it.")
    var registryKey: String?

    @Option(help: "A checkpoint the portal published (/transparency/checkpoint): prove the registry extends the head chain it committed to.")
    var checkpoint: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lang = global.language
        let clock = Clock.fromEnvironment()
        let pinned = try registryKey.map { try RegistryKeyArgument.verifierKey($0, lang: lang, json: json) }
        if bundles.isEmpty { try requireRegistryFolder(registry, lang: lang, json: json) }
        for path in bundles {
            if let problem = RegistryFolder.bundleProblem(path) {
                Console.report([problem], lang: lang, format: json ? .json : .text)
                throw ExitCode.ioFailure
            }
        }
        let paths = bundles.isEmpty ? RegistryIndex.bundlePaths(in: registry) : bundles
        var problems: [Diagnostic] = []
        // The registries to check: the one given, even when it holds no bundle any more (its
        // record may name some), or the ones holding the bundles given.
        var roots: Set<String> = []
        if bundles.isEmpty {
            roots.insert(registry.hasSuffix("/") && registry.count > 1 ? String(registry.dropLast()) : registry)
        } else {
            // Each bundle given on its own (one task per core), reported in the order given.
            let perBundle = Concurrent.map(paths.count, tasks: ProcessInfo.processInfo.activeProcessorCount) { i in
                Verifier.verify(bundlePath: paths[i], clock: clock)
            }
            problems += perBundle.flatMap { $0 }
            for path in paths {
                let parent = PathText.parent(path.hasSuffix("/") ? String(path.dropLast()) : path)
                roots.insert(parent.isEmpty ? "." : parent)
            }
        }
        var registryProblems: [Diagnostic] = []
        for root in roots.sorted() {
            let shown = root.isEmpty ? "." : root
            let url = URL(fileURLWithPath: shown)
            // One read of each bundle: its own checks (when no bundle was named), signatures,
            // heads, entity ids and credit codes, and the index against the ledgers (L613).
            let (own, shared) = Verifier.verifyPass(root: url, display: shown, recordChecks: bundles.isEmpty, pinned: pinned, clock: clock)
            problems += own
            registryProblems += shared
            if let checkpoint {
                guard let note = try? String(contentsOfFile: checkpoint, encoding: .utf8) else {
                    throw ValidationError(lang == .zh ? "无法读取检查点文件 \(checkpoint)" : "cannot read the checkpoint file \(checkpoint)")
                }
                registryProblems += Verifier.verifyCheckpoint(note, shown: checkpoint, root: url, display: shown, pinned: pinned)
            }
        }
        problems += registryProblems
        // Warnings (a killed writer's temporary file, L611) are reported but break nothing.
        if json {
            Console.out(DiagnosticRenderer.json(problems, lang: lang))
        } else {
            if !problems.isEmpty { Console.out(DiagnosticRenderer.text(problems, lang: lang)) }
            if !problems.hasErrors {
                Console.out(lang == .zh ? "✓ \(paths.count) 个备案包的台账、快照与提交文件完好\n" : "✓ ledgers, snapshots and submitted files of \(paths.count) bundle\(paths.count == 1 ? "" : "s") intact\n")
            }
        }
        if problems.hasErrors { throw ExitCode.ioFailure }
    }
}
