import BeianBundle
import BeianStore
public import BeianDiagnostics
public import BeianTrust
public import Foundation

/// `beian verify`, registry-wide (SPEC §7): decisions signed by trusted reviewers, each
/// bundle's ledger equal to the registry's record of it, entity ids and credit codes unique.
extension Verifier {
    /// What the per-bundle trust checks compare against, read once for the whole registry: its
    /// configuration and key, and every head `heads.jsonl` recorded.
    struct TrustContext: Sendable {
        let config: RegistryConfig
        let registryKey: VerifierKey
        let recorded: [String: [LedgerEvent]]
        let adopted: [String: Int]
    }

    /// The registry-level trust findings, in report order, and the context of the per-bundle
    /// checks — nil when they cannot run (no or unreadable configuration, not the pinned key,
    /// unreadable heads). `pinned` is the registry key the caller got from outside the registry.
    /// Also gives `heads.jsonl` as read, when it was (the index check compares it too).
    static func trustContext(root: URL, display: String, pinned: VerifierKey?) -> (context: TrustContext?, problems: [Diagnostic], heads: Ledger?) {
        let config: RegistryConfig?
        do { config = try RegistryConfig.load(registry: root, display: display) } catch { return (nil, error.diagnostics, nil) }
        guard let config else {
            guard let pinned else { return (nil, [], nil) }
            return (nil, [Diagnostic(.registrySetup, at: SourceLocation(path: display),
                message: Localized(zh: "登记簿尚未初始化，无法用登记簿公钥 \(pinned.keyID) 核验", en: "the registry is not initialized, so nothing can be checked against registry key \(pinned.keyID)"),
                help: Localized(zh: "用 beian registry init 初始化登记簿", en: "initialize it with beian registry init"))], nil)
        }
        let registryKey = VerifierKey(config.registryKey)!
        if let pinned, pinned != registryKey {
            return (nil, [Diagnostic(.registrySetup, at: SourceLocation(path: PathText.join(display, ".beian-registry/registry.json")),
                message: Localized(zh: "登记簿配置的公钥（指纹 \(registryKey.keyID)）不是给定的登记簿公钥（指纹 \(pinned.keyID)）", en: "the registry configuration names key \(registryKey.keyID), not the registry key given (\(pinned.keyID))"),
                help: Localized(zh: "此登记簿不是你要核验的那个，或其配置被替换；从备份恢复", en: "this is not the registry you meant, or its configuration was replaced; restore it from a backup"))], nil)
        }
        let heads: Ledger
        do { heads = try RegistryHeads.open(registry: root, display: display) } catch { return (nil, error.diagnostics, nil) }
        let (adopted, problems) = headLines(heads, registryKey: registryKey)
        let context = TrustContext(config: config, registryKey: registryKey, recorded: RegistryHeads.all(heads), adopted: adopted)
        return (context, problems + (heads.tornTailProblem.map { [$0] } ?? []), heads)
    }

    /// One bundle's ledger against the registry: equal to its record (L606), its decisions
    /// signed by trusted reviewers (L605).
    static func trustChecks(_ ledger: Ledger, id: String, shown: String, _ context: TrustContext) -> [Diagnostic] {
        [againstRecord(ledger, context.recorded[id] ?? [], shown: shown),
         unsignedDecision(in: ledger, after: context.adopted[id] ?? 0, config: context.config, registryKey: context.registryKey, shown: shown)].compactMap { $0 }
    }

    /// Bundles the registry recorded that are gone (L606), by name.
    static func missingRecorded(_ context: TrustContext, present: Set<String>, display: String) -> [Diagnostic] {
        context.recorded.keys.sorted().filter { !present.contains($0) }.map { id in
            mismatch(PathText.join(display, id), line: 1, zh: "登记簿记录的备案包“\(id)”不见了", en: "bundle '\(id)', recorded by the registry, is missing")
        }
    }

    /// The adoptions in `heads.jsonl` (bundle → the ledger length the registry vouched for),
    /// and its lines whose signatures do not hold: an adoption must be the registry key's, and a
    /// signed line must hold its signature — rewriting heads.jsonl after a signed line (to drop a
    /// bundle's heads) breaks the signatures of the lines it re-chains.
    static func headLines(_ heads: Ledger, registryKey: VerifierKey) -> (adopted: [String: Int], problems: [Diagnostic]) {
        var adopted: [String: Int] = [:]
        var out: [Diagnostic] = []
        let restore = Localized(zh: "从备份恢复 heads.jsonl", en: "restore heads.jsonl from a backup")
        // One signature check a line is the cost here: on every core. The file names a few
        // keys many times over: each is parsed once.
        let events = heads.events
        var keys: [String: VerifierKey] = [:]
        for text in Set(events.compactMap(\.signer)) { keys[text] = VerifierKey(text) }
        let parsed = keys
        let signers = Concurrent.map(events.count, tasks: ProcessInfo.processInfo.activeProcessorCount) { i in
            events[i].action == .adopt || events[i].signature != nil ? signer(of: events[i], keys: parsed) : nil
        }
        for (e, signer) in zip(events, signers) {
            if e.action == .adopt {
                guard signer == registryKey, let seq = e.ledgerSeq else {
                    out.append(Diagnostic(.untrustedDecision, at: SourceLocation(path: heads.displayPath, line: e.seq),
                        message: Localized(zh: "第 \(e.seq) 行的确认（adopt）未经登记簿密钥签名", en: "the adoption on line \(e.seq) is not signed by the registry key"), help: restore))
                    continue
                }
                adopted[e.item.description] = seq
            } else if e.signature != nil, signer == nil {
                out.append(Diagnostic(.untrustedDecision, at: SourceLocation(path: heads.displayPath, line: e.seq),
                    message: Localized(zh: "heads.jsonl 第 \(e.seq) 行的签名无效（该文件被改写过）", en: "the signature on heads.jsonl line \(e.seq) does not hold (the file was rewritten)"), help: restore))
            }
        }
        return (adopted, out)
    }

    /// `EventSignature.signer(of:)` with the signers' keys parsed already (`keys`: text → key).
    static func signer(of event: LedgerEvent, keys: [String: VerifierKey]) -> VerifierKey? {
        guard let text = event.signer, let key = keys[text], let sig = event.signature.flatMap({ Data(base64Encoded: $0) }),
              key.isValidSignature(sig, for: EventSignature.message(event)) else { return nil }
        return key
    }

    /// L606 when a bundle's ledger is not what the registry recorded: every head ever recorded
    /// must still be a prefix of it (not only the last); a ledger with decisions the registry
    /// never recorded was made elsewhere; one merely ahead of its record is an interrupted write.
    static func againstRecord(_ ledger: Ledger, _ chain: [LedgerEvent], shown: String) -> Diagnostic? {
        if let h = RegistryHeads.headNotExtended(by: ledger, chain) { return RegistryHeads.notExtended(ledger, h) }
        guard !ledger.events.isEmpty else { return nil }
        if chain.isEmpty, ledger.events.contains(where: { $0.action.isDecision || $0.action == .record }) {
            return mismatch(shown, line: 1, zh: "此登记簿从未记录过该备案包的台账：它是在别处审核后复制进来的吗？", en: "this registry never recorded this bundle's ledger: was it approved elsewhere and copied in?")
        }
        let last = chain.last?.ledgerSeq ?? 0
        guard ledger.events.count > last else { return nil }
        // The decisions among the events not yet recorded are checked like any (`unsignedDecision`).
        return Diagnostic(.headMismatch, at: SourceLocation(path: shown, line: last + 1),
            message: Localized(zh: "第 \(last + 1)–\(ledger.events.count) 个事件已写入台账，但登记簿尚未记录（heads.jsonl 停在第 \(last) 个）：一次写入被中断",
                               en: "events #\(last + 1)–#\(ledger.events.count) are in the ledger but not yet in the registry's record (heads.jsonl stops at #\(last)): a write was interrupted"),
            help: Localized(zh: "重新运行被中断的命令（例如重新接收同一备案包）即可补记；或该备案包的下一次写入会补记", en: "run the interrupted command again (e.g. receive the same package again) to complete it; the bundle's next write completes it too"))
    }

    /// L605 for the first decision after the bundle's adoption not signed by a trusted reviewer
    /// (an import may be signed by the registry key).
    static func unsignedDecision(in ledger: Ledger, after since: Int, config: RegistryConfig, registryKey: VerifierKey, shown: String) -> Diagnostic? {
        for e in ledger.events where e.action.isDecision && e.seq > since {
            let signer = EventSignature.signer(of: e)
            let trusted = signer.map { config.trustsReviewer($0) || (e.action == .importRecord && $0 == registryKey) } ?? false
            guard !trusted else { continue }
            let who = signer.map { "\($0.name)（\($0.keyID)）" } ?? (e.signature == nil ? nil : "?")
            return Diagnostic(.untrustedDecision, at: SourceLocation(path: shown, line: e.seq),
                message: Localized(zh: who == nil ? "第 \(e.seq) 个事件（\(e.item) 的 \(e.action.rawValue)，署名“\(e.actor)”）没有审核员签名"
                                                  : "第 \(e.seq) 个事件（\(e.item) 的 \(e.action.rawValue)）的签名无效或不受信任：\(who!)",
                                   en: who == nil ? "event #\(e.seq) (\(e.action.rawValue) of \(e.item) by '\(e.actor)') is not signed by a reviewer"
                                                  : "event #\(e.seq) (\(e.action.rawValue) of \(e.item)) has an invalid or untrusted signature: \(signer.map { "\($0.name) (\($0.keyID))" } ?? "bad signature")"),
                help: Localized(zh: "只有受信任审核员签名的决定有效；从备份恢复该备案包", en: "only decisions signed by a trusted reviewer count; restore the bundle from a backup"))
        }
        return nil
    }

    /// L607: one bundle per entity id (and the id the registry assigned it), one per credit code.
    /// `entities` is `entities.jsonl` as read once by `verifyPass` (none assigned when unreadable).
    static func uniqueEntities(_ facts: [BundleFacts], entities: Result<Ledger, Diagnostic>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let assigned = (try? entities.get()).map(EntityIDs.assigned) ?? [:]
        var byID: [String: String] = [:]
        var byCode: [String: String] = [:]
        // The bundle the registry assigned its entity id to comes first, then the earliest
        // approved: the later copy is the one named as the duplicate.
        func rank(_ f: BundleFacts) -> (Int, Int64, String) {
            (f.entityID.flatMap { assigned[$0.id] == f.id ? 0 : nil } ?? 1, f.entityID?.unixTime ?? .max, f.id)
        }
        for f in facts.filter(\.readable).sorted(by: { rank($0) < rank($1) }) {
            if let e = f.entityID {
                if let other = byID[e.id] {
                    out.append(duplicate(f.ledgerDisplay, line: e.seq, zh: "主体标识 \(e.id) 已属于备案包“\(other)”", en: "entity id \(e.id) already belongs to bundle '\(other)'"))
                } else if let owner = assigned[e.id], owner != f.id {
                    out.append(duplicate(f.ledgerDisplay, line: e.seq, zh: "登记簿把主体标识 \(e.id) 分配给了“\(owner)”，不是此备案包", en: "the registry assigned entity id \(e.id) to '\(owner)', not to this bundle"))
                } else {
                    byID[e.id] = f.id
                }
            }
            if let c = f.creditCode {
                let code = c.code.uppercased()
                guard !code.isEmpty else { continue }
                if let other = byCode[code] {
                    out.append(duplicate(f.ledgerDisplay, line: c.seq, zh: "统一社会信用代码 \(code) 已是备案包“\(other)”的主体", en: "credit code \(code) is already the entity of bundle '\(other)'"))
                } else {
                    byCode[code] = f.id
                }
            }
        }
        return out
    }

    static func mismatch(_ path: String, line: Int, zh: String, en: String) -> Diagnostic {
        Diagnostic(.headMismatch, at: SourceLocation(path: path, line: max(1, line)), message: Localized(zh: zh, en: en),
                   help: Localized(zh: "从与登记簿记录一致的备份恢复该备案包", en: "restore the bundle from a backup that matches the registry's record"))
    }

    static func duplicate(_ path: String, line: Int, zh: String, en: String) -> Diagnostic {
        Diagnostic(.entityNotUnique, at: SourceLocation(path: path, line: max(1, line)), message: Localized(zh: zh, en: en),
                   help: Localized(zh: "一个统一社会信用代码只对应一个主体；从备份恢复伪造的备案包", en: "one credit code, one entity; restore the forged bundle from a backup"))
    }
}

extension Verifier {
    /// `beian verify --checkpoint CP` (SPEC §11): the checkpoint a portal published must carry a
    /// valid signature by the registry's key (`pinned` when given, else the key registry.json
    /// names), and the registry's head chain must extend the one it committed to — so a
    /// registry rolled back as a whole, ledgers and heads together, is caught.
    public static func verifyCheckpoint(_ note: String, shown: String, root: URL, display: String, pinned: VerifierKey?) -> [Diagnostic] {
        func problem(_ zh: String, _ en: String) -> [Diagnostic] {
            [Diagnostic(.checkpointNotExtended, at: SourceLocation(path: shown), message: Localized(zh: zh, en: en),
                        help: Localized(zh: "检查点取自门户的 /transparency/checkpoint，须由此登记簿的密钥签名", en: "take the checkpoint from the portal's /transparency/checkpoint; it must be signed by this registry's key"))]
        }
        let config: RegistryConfig?
        do { config = try RegistryConfig.load(registry: root, display: display) } catch { return error.diagnostics }
        guard let key = pinned ?? config.flatMap({ VerifierKey($0.registryKey) }) else {
            return problem("登记簿尚未初始化，也未给出 --registry-key：无法核验检查点的签名", "the registry is not initialized and no --registry-key was given: the checkpoint's signature cannot be checked")
        }
        guard case .success(let text) = SignedNote.open(note, verifiedBy: key), let checkpoint = Checkpoint(text: text) else {
            return problem("检查点没有登记簿密钥（指纹 \(key.keyID)）的有效签名，或格式不对", "the checkpoint carries no valid signature by the registry key (fingerprint \(key.keyID)), or is malformed")
        }
        do { try RegistryHeads.checkExtends(checkpoint: checkpoint, shown: shown, registry: root, display: display) } catch { return error.diagnostics }
        return []
    }
}
