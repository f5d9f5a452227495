import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianRegistry

/// `beian log BUNDLE [ITEM]` / `beian log --registry R [--since DATE]`: the audit trail
/// (`AuditTrail`) — every event with its signer and whether it counts, the reason, the
/// submission digest, the package and the receipt.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The audit trail: who submitted and who decided what, with which key, submission, package and receipt.",
        discussion: "Works on the registry (signatures judged against its registry.json) and on a filer's copy (which can only say a signature is valid and whose it is). --registry R lists every bundle's events, oldest first.")

    @Argument(help: "The bundle folder (omit with --registry).") var bundle: String?
    @Argument(help: "Only this item: entity, product:<id> or algorithm:<id>.") var item: String?
    @Option(help: "Every bundle of this registry (the folder holding the bundles).") var registry: String?
    @Option(help: "Only events at or after this date or date-time (YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS][+08:00]; China time unless an offset is given).")
    var since: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if (bundle == nil) == (registry == nil) { throw ValidationError("give a bundle, or --registry R for every bundle (not both)") }
        if let item { try validateItems([item]) }
        if let since, StatusReport.bound(since, endOfDay: false) == nil {
            throw ValidationError("--since '\(since)' is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS][+08:00])")
        }
    }

    func run() throws {
        let lang = global.language
        let from = since.flatMap { StatusReport.bound($0, endOfDay: false) }
        let trail: AuditTrail
        var problems: [Diagnostic] = []
        if let registry {
            try requireRegistryFolder(registry, lang: lang, json: json)
            let read = AuditTrail.ofRegistry(registry, since: from)
            trail = read.0
            problems = read.1
        } else {
            let ref = try item.map { try parseItems([$0], lang: lang)[0] }
            do { trail = try AuditTrail.of(bundlePath: bundle!, item: ref, since: from) } catch { throw error.exit(lang: lang, format: json ? .json : .text) }
        }
        Console.out(json ? DiagnosticRenderer.encodeJSON(trail) : LogView(trail: trail, zh: lang == .zh, oneBundle: registry == nil).text)
        if !problems.isEmpty {
            Console.reportToStderr(problems, lang: lang)
            throw ExitCode.ioFailure
        }
    }
}

/// The audit trail as text: one block per event, every line through `Console`.
struct LogView {
    var trail: AuditTrail
    var zh: Bool
    var oneBundle: Bool

    var text: String {
        var out = header
        if trail.entries.isEmpty { out += zh ? "没有符合条件的事件\n" : "no events match\n" }
        for e in trail.entries { out += block(e) }
        return out
    }

    var header: String {
        let key = trail.registry_key.map { zh ? "\($0.name)（指纹 \($0.key_id)）" : "\($0.name) (fingerprint \($0.key_id))" }
        switch trail.copy {
        case .registry:
            return zh ? "登记簿（已初始化）：签名按其 registry.json 判断，登记簿密钥 \(key ?? "?")\n"
                      : "registry (initialized): signatures judged against its registry.json, registry key \(key ?? "?")\n"
        case .filer:
            return zh ? "填报方副本：没有 registry.json，只能说明签名是否有效、由谁签署；来自回执的决定由所固定的登记簿密钥 \(key ?? "（未固定）") 核验\n"
                      : "filer's copy: no registry.json, so only whether a signature is valid and whose it is; decisions from receipts were checked against the pinned registry key \(key ?? "(none pinned)")\n"
        case .local:
            return zh ? "未初始化的登记簿或本地备案包：决定无需签名\n" : "uninitialized registry or local bundle: decisions need no signature\n"
        }
    }

    func block(_ e: AuditTrail.Entry) -> String {
        var out = "\(oneBundle ? "" : e.bundle + " ")#\(e.seq)  \(e.time)  \(action(e))  \(e.item)\n"
        func line(_ zhLabel: String, _ enLabel: String, _ value: String) { out += "  \(zh ? zhLabel : enLabel)\(zh ? "：" : ": ")\(value)\n" }
        line("经办", "by", e.actor)
        line("签名", "signature", signature(e))
        if let r = e.reason { line("理由", "reason", r) }
        if let n = e.note { line("备注", "note", n) }
        if let n = e.number { line("备案编号", "filing number", n) }
        if let id = e.entity_id { line("主体标识", "entity id", id) }
        if let d = e.submission { line("提交摘要", "submission", d) }
        if let p = e.package {
            var what = p
            if let seq = e.package_seq { what += zh ? "（第 \(seq) 号）" : " (sequence \(seq))" }
            if let k = e.filer_key { what += zh ? "，填报密钥 \(k.name)（指纹 \(k.key_id)）" : ", filer key \(k.name) (fingerprint \(k.key_id))" }
            line("备案包", "package", what)
        } else if let k = e.filer_key {
            line("填报密钥", "filer key", "\(k.name)（\(k.key_id)）")
        }
        if let r = e.receipt {
            if let f = r.file { line("回执", "receipt", f + (zh ? "（beian receipt issue 生成的文件名）" : " (the file beian receipt issue writes)")) }
            if let h = r.sha256 {
                line("回执", "receipt", zh ? "已导入，SHA-256 \(h)，登记簿第 \(r.registry_seq.map(String.init) ?? "?") 个事件"
                                          : "imported, SHA-256 \(h), registry event #\(r.registry_seq.map(String.init) ?? "?")")
            }
        }
        return out
    }

    func action(_ e: AuditTrail.Entry) -> String {
        let names: [String: (String, String)] = [
            "submit": ("提交", "submit"), "record": ("直接登记", "record"), "approve": ("通过", "approve"), "reject": ("退回", "reject"),
            "cancel_request": ("申请注销", "cancellation request"), "import": ("导入", "import"), "bind_key": ("绑定密钥", "bind key"),
            "revoke_key": ("撤销密钥", "revoke key"), "cancel": ("注销", "cancel"), "assign_entity_id": ("分配主体标识", "assign entity id"),
        ]
        let (z, en) = names[e.action] ?? (e.action, e.action)
        if e.cancellation == true { return zh ? "\(z)注销申请" : "\(en) cancellation" }
        return zh ? z : en
    }

    func signature(_ e: AuditTrail.Entry) -> String {
        let who = e.signer.map { zh ? "\($0.name)（指纹 \($0.key_id)）" : "\($0.name) (fingerprint \($0.key_id))" } ?? "?"
        let text: String = switch e.trust {
        case .trustedReviewer: zh ? "\(who)，受信任的审核员" : "\(who), a trusted reviewer"
        case .registryKey: zh ? "\(who)，登记簿密钥" : "\(who), the registry key"
        case .untrusted: zh ? "\(who)，不受此登记簿信任" : "\(who), NOT trusted by this registry"
        case .invalidSignature: zh ? "签名无效（自称 \(who)）" : "INVALID signature (claims \(who))"
        case .unsigned: zh ? "未签名" : "unsigned"
        case .adopted: zh ? "未签名，登记簿初始化时确认（adopt）的历史" : "unsigned, history the registry adopted at init"
        case .validSignature: zh ? "签名有效：\(who)（此副本无法判断是否受信任）" : "valid signature by \(who) (this copy cannot tell whether it is trusted)"
        case .receipt: zh ? "来自登记簿签发的回执（导入时已核验）" : "from a receipt signed by the registry (checked at import)"
        case .filerPackage: e.signer == nil ? (zh ? "随签名的备案包提交" : "sent in a signed package")
                                            : (zh ? "随 \(who) 签名的备案包" : "in a package signed by \(who)")
        }
        return e.warning ? text + (zh ? " ⚠ 此决定不算数" : " ⚠ this decision does not count") : text
    }
}
