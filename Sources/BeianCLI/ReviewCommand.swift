import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianRegistry
import BeianTrust
import Foundation

/// `beian review list|show|approve|reject`: the reviewer's commands (SPEC §3.2).
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review submissions: list the queue, inspect, approve or reject.",
        subcommands: [List.self, Show.self, Approve.self, Reject.self, Revoke.self, Receive.self, BindKey.self, Attachments.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The queue: everything awaiting review, oldest first.")

        @OptionGroup var registryOption: RegistryOption
        var registry: String { registryOption.path }

        @Option(help: "Show the oldest N items (default: 100 as a table, every one with --json); the rest are counted.")
        var limit: Int?

        @Flag(help: "Show every item.")
        var all = false

        @Flag(help: "Print JSON (every item, unless --limit is given).")
        var json = false

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            try requireRegistryFolder(registry, lang: lang, json: json)
            if let limit, limit <= 0 { throw ValidationError(lang == .zh ? "--limit 须为正整数" : "--limit must be a positive number") }
            // A reviewer reads the oldest first; JSON is for scripts, the whole queue unless limited.
            let shown = all ? nil : limit ?? (json ? nil : 100)
            let (queue, total, problems) = RegistryIndex.queue(in: registry, clock: Clock.fromEnvironment(), limit: shown)
            if json {
                Console.out(DiagnosticRenderer.encodeJSON(queue))
            } else if queue.isEmpty {
                Console.out(lang == .zh ? "没有待审核的事项\n" : "nothing awaits review\n")
            } else {
                let header = lang == .zh ? ["类型", "主体", "事项", "提交时间", "提交人", "备案包", "提交摘要"] : ["kind", "entity", "item", "submitted", "by", "bundle", "submission"]
                Console.out(Table.render([header] + queue.map { [$0.kind.label(lang), $0.entity, $0.item, $0.submittedAt, $0.submittedBy, $0.bundle, String($0.submission.prefix(16))] }))
                if total > queue.count {
                    Console.out(lang == .zh ? "……另有 \(total - queue.count) 项待审核（共 \(total) 项；以上为最早的 \(queue.count) 项，--all 显示全部）\n"
                                            : "… and \(total - queue.count) more awaiting review (\(total) in all; the oldest \(queue.count) are shown, --all shows every one)\n")
                }
                // A new entity's package proposes its key; only the entity's approval binds it.
                for e in queue {
                    guard let k = e.proposedKey else { continue }
                    let v = VerifierKey(k)
                    Console.out(lang == .zh ? "\(e.bundle)：新主体提议填报密钥 \(v?.name ?? k)（指纹 \(v?.keyID ?? "?")），主体通过审核时绑定，退回则不绑定\n"
                                            : "\(e.bundle): this new entity proposes filer key \(v?.name ?? k) (fingerprint \(v?.keyID ?? "?")), bound if the entity is approved, not if rejected\n")
                }
            }
            if !problems.isEmpty {
                Console.report(problems, lang: lang, format: .text)
                throw ExitCode.ioFailure
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Everything a reviewer needs about one item, with a diff for changes.")

        @OptionGroup var target: ItemArguments
        @Flag(help: "Print JSON.") var json = false
        @Flag(help: "Print only the pending submission's digest (for scripts: pass it to approve or reject with --submission).") var digest = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            let ref = try target.ref(lang: lang)
            do throws(RegistryError) {
                let record = try Registry().record(bundle: target.bundle, view: .submitted)
                let view = try ReviewView(record: record, item: ref)
                if digest {
                    guard let d = view.submission else {
                        throw RegistryError(.findings, [Diagnostic(.notPending, at: SourceLocation(path: target.bundle),
                            message: Localized(zh: "\(ref) 没有待审核的提交", en: "\(ref) has nothing awaiting review"),
                            help: Localized(zh: "用 beian review list 查看待审核事项", en: "see what awaits review with beian review list"))])
                    }
                    Console.out(d + "\n")
                    return
                }
                Console.out(json ? DiagnosticRenderer.encodeJSON(view) : view.text(lang: lang))
            } catch {
                throw error.exit(lang: lang)
            }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a pending item; an algorithm gets its 备案编号.")

        @OptionGroup var target: ItemArguments
        @OptionGroup var signer: ReviewerOptions
        @Option(help: "The digest of the submission you decide, as beian review show printed it (at least 16 hex digits; required once the registry is initialized).")
        var submission: String?
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            let ref = try target.ref(lang: lang)
            let (reviewer, key) = try signer.resolve(lang: lang, json: json)
            do {
                let e = try Registry().approve(bundle: target.bundle, item: ref, reviewer: reviewer, key: key, submission: submission)
                if json { Console.out(DiagnosticRenderer.encodeJSON(e)); return }
                var line = lang == .zh ? "\(e.item): 已通过 (#\(e.seq))" : "\(e.item): approved (#\(e.seq))"
                if let n = e.number { line += lang == .zh ? "，备案编号 \(n)" : ", filing number \(n)" }
                if let id = e.entityID { line += lang == .zh ? "，主体标识 \(id)" : ", entity id \(id)" }
                if e.approvesCancellation {
                    line = lang == .zh ? "\(e.item): 已注销 (#\(e.seq))" : "\(e.item): cancelled (#\(e.seq))"
                    if ref == .entity { line += lang == .zh ? "，其全部已通过的产品与算法一并注销" : "; all its approved products and algorithms are cancelled with it" }
                }
                Console.out(line + "\n")
            } catch {
                throw error.exit(lang: lang, format: json ? .json : .text)
            }
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a pending item with a reason.")

        @OptionGroup var target: ItemArguments
        @OptionGroup var signer: ReviewerOptions
        @Option(help: "What must change (shown to the filer).") var reason: String
        @Option(help: "The digest of the submission you decide, as beian review show printed it (at least 16 hex digits; required once the registry is initialized).")
        var submission: String?
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            let ref = try target.ref(lang: lang)
            let (reviewer, key) = try signer.resolve(lang: lang, json: json)
            do {
                let before = try Registry().record(bundle: target.bundle).state(ref).status
                let e = try Registry().reject(bundle: target.bundle, item: ref, reviewer: reviewer, reason: reason, key: key,
                                              submission: submission)
                if json { Console.out(DiagnosticRenderer.encodeJSON(e)); return }
                // A rejected change or cancellation leaves the filing as it was approved.
                switch before {
                case .cancelPending:
                    Console.out(lang == .zh ? "\(e.item): 注销申请未通过 (#\(e.seq))：\(reason)；备案保持已通过\n"
                                            : "\(e.item): cancellation rejected (#\(e.seq)): \(reason); the filing stays approved\n")
                case .changePending:
                    Console.out(lang == .zh ? "\(e.item): 变更未通过 (#\(e.seq))：\(reason)；备案保持已通过，公示上次通过的版本\n"
                                            : "\(e.item): change rejected (#\(e.seq)): \(reason); the filing stays approved as last approved\n")
                default:
                    Console.out(lang == .zh ? "\(e.item): 未通过 (#\(e.seq))：\(reason)\n" : "\(e.item): rejected (#\(e.seq)): \(reason)\n")
                }
            } catch {
                throw error.exit(lang: lang, format: json ? .json : .text)
            }
        }
    }
}

/// The `<bundle> <item>` pair that review and cancel commands act on.
struct ItemArguments: ParsableArguments {
    @Argument(help: "The bundle folder.") var bundle: String
    @Argument(help: "entity, product:<id> or algorithm:<id>.") var item: String

    /// A malformed item is a usage error of the subcommand (its usage is printed, exit 64).
    func validate() throws { try validateItems([item]) }

    func ref(lang: Lang) throws -> ItemRef { try parseItems([item], lang: lang)[0] }
}

extension ReviewCommand {
    /// `beian review receive PKG… --registry R`: sealed packages from filers (SPEC §7).
    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Receive sealed submission packages (beian submit --out) into the registry, checking everything before writing anything.")

        @Argument(help: "Package files.") var packages: [String]
        @OptionGroup var registryOption: RegistryOption
        var registry: String { registryOption.path }
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            try requireRegistryFolder(registry, lang: lang, json: json)
            var problems: [Diagnostic] = []
            struct Out: Encodable { var package: String; var bundle: String; var received: Bool; var events: [LedgerEvent] }
            var outs: [Out] = []
            for path in packages {
                var st = stat()
                guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, let data = FileManager.default.contents(atPath: path) else {
                    problems.append(Diagnostic(.packageRefused, at: SourceLocation(path: path), message: Localized(zh: "无法读取备案包（须是普通文件）", en: "cannot read the package (it must be a regular file)"),
                                               help: Localized(zh: "检查路径", en: "check the path")))
                    continue
                }
                do {
                    switch try Registry().receive(package: data, path: path, registry: registry) {
                    case .received(let bundle, let events):
                        outs.append(Out(package: path, bundle: bundle, received: true, events: events))
                        if !json {
                            for e in events {
                                let what = e.action == .record ? (lang == .zh ? "已直接登记" : "recorded directly")
                                    : e.action == .cancelRequest ? (lang == .zh ? "已接收注销申请，待审核" : "cancellation received for review")
                                    : (lang == .zh ? "已接收，待审核" : "received for review")
                                Console.out(lang == .zh ? "\(path)：\(bundle) \(e.item) \(what) (#\(e.seq))\n" : "\(path): \(bundle) \(e.item) \(what) (#\(e.seq))\n")
                            }
                        }
                    case .alreadyReceived(let bundle, let completed):
                        outs.append(Out(package: path, bundle: bundle, received: false, events: []))
                        if !json {
                            Console.out(completed ? (lang == .zh ? "\(path)：此前已接收；补记了被中断的登记簿记录（heads.jsonl）\n" : "\(path): received before; the interrupted registry record (heads.jsonl) is now complete\n")
                                                  : (lang == .zh ? "\(path)：此前已接收，未作改动\n" : "\(path): received before; nothing changed\n"))
                        }
                    }
                } catch {
                    problems += error.diagnostics
                }
            }
            if json { Console.out(DiagnosticRenderer.encodeJSON(outs)) }
            if !problems.isEmpty {
                Console.report(problems.sorted(), lang: lang, format: json ? .json : .text)
                throw ExitCode.ioFailure
            }
        }
    }
}

extension ReviewCommand {
    /// `beian review bind-key BUNDLE PUBKEY --key REVIEWER.key [--revoke]`: a reviewed change of
    /// the filer keys whose packages the registry accepts for an entity.
    struct BindKey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bind-key",
            abstract: "Bind another filer key to an entity (or revoke one with --revoke): a signed, reviewed decision.")

        @Argument(help: "The bundle folder in the registry.") var bundle: String
        @Argument(help: "The filer's public key (name+keyid+base64).") var filerKey: String
        @Flag(help: "Revoke the key instead of binding it.") var revoke = false
        @Option(name: .customLong("credit-code"), help: "Claim an entity the registry holds without a credit code (imported from the published lists): the 统一社会信用代码 you checked.")
        var creditCode: String?
        @OptionGroup var signer: ReviewerOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            guard let v = VerifierKey(filerKey) else {
                throw ValidationError(lang == .zh ? "不是公钥（应为 名称+指纹+base64）：\(filerKey)" : "not a public key (name+keyid+base64): \(filerKey)")
            }
            let (reviewer, key) = try signer.resolve(lang: lang, json: false)
            do {
                let e = try Registry().bindKey(bundle: bundle, filerKey: v, revoke: revoke, creditCode: creditCode, reviewer: reviewer, key: key)
                Console.out(lang == .zh ? "\(bundle)：填报密钥 \(v.name)（指纹 \(v.keyID)）已\(revoke ? "撤销" : "绑定") (#\(e.seq))\n"
                                        : "\(bundle): filer key \(v.name) (fingerprint \(v.keyID)) \(revoke ? "revoked" : "bound") (#\(e.seq))\n")
            } catch {
                throw error.exit(lang: lang)
            }
        }
    }
}

/// Who decides: `--key` (the reviewer's private key, which signs the decision; required in an
/// initialized registry) and/or `--reviewer` (the name recorded; defaults to the key's name).
struct ReviewerOptions: ParsableArguments {
    @Option(help: "The reviewer's name recorded in the ledger (default: the key's name).") var reviewer: String?
    @Option(help: "The reviewer's private key file, which signs the decision (required once the registry is initialized).") var key: String?

    func resolve(lang: Lang, json: Bool) throws -> (String, SigningKey?) {
        let signing = try key.map { try signingKey($0, lang: lang, json: json) }
        guard let name = reviewer ?? signing?.name else {
            throw ValidationError(lang == .zh ? "须给出 --key（审核员私钥）或 --reviewer（姓名）" : "give --key (your reviewer key) or --reviewer (your name)")
        }
        return (name, signing)
    }
}
