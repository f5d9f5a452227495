import BeianDiagnostics
import BeianModel
import BeianBundle
import BeianStore
public import BeianTrust
public import Foundation

/// 回执 (SPEC §7): what the registry tells a filer about one decision, signed by the registry
/// key, so the filer learns the outcome — 备案编号 or reason — offline, without reading the
/// registry's folder, and can prove it.
///
/// A receipt is one JSON file (keys sorted). `signature` is the registry key's Ed25519
/// signature of `beian receipt v1`, a newline, and the receipt's canonical JSON without
/// `signature`.
public struct Receipt: Codable, Sendable, Equatable {
    /// What the registry decided.
    public enum Decision: String, Codable, Sendable {
        case approve, reject
        /// An approved cancellation (注销): the item is 已注销 on the filer's copy too.
        case cancel
    }

    public static let currentFormat = "beian-receipt/v2"
    public var format = Receipt.currentFormat
    /// The registry's verifier key (`name+keyid+base64`).
    public var registryKey: String
    /// The bundle as the registry knows it, and its entity's credit code and id.
    public var bundle: String
    public var creditCode: String
    public var entityID: String?
    /// The item decided, typed as read (`LedgerEvent.Subject`: on the wire the same text). A
    /// receipt naming no item still decodes, so `receipt import` refuses it as such (L608 "the
    /// receipt's item is not recognised"), as it always has, not as a malformed file.
    public var item: LedgerEvent.Subject
    public var decision: Decision
    /// The digest of the submission decided (`SubmissionDigest`), so the filer can tell which
    /// of its submissions this is; nil for a decision on nothing a filer submitted (an import).
    public var submission: String?
    /// The id of the package the decided submission arrived in, if it came in one.
    public var package: String?
    public var number: String?
    public var reason: String?
    public var note: String?
    /// The deciding reviewer's verifier key (its key id is the fingerprint), if it was signed.
    public var reviewer: String?
    public var reviewerName: String
    public var time: String
    public var unixTime: Int64
    /// The registry ledger event this receipt reports: its `seq` and `hash`.
    public var seq: Int
    public var event: String
    public var signature: String?

    static let domain = "beian receipt v1\n"

    func canonical(signed: Bool) -> Data {
        var r = self
        if !signed { r.signature = nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(r)) ?? Data()
    }

    /// The file name `beian receipt issue` gives the receipt of decision `seq` on `item`
    /// (`beian log` names it too).
    public static func fileName(bundle: String, seq: Int, item: String) -> String {
        "\(bundle)-\(seq)-\(item.replacingOccurrences(of: ":", with: "-")).receipt.json"
    }

    /// The file's bytes: canonical JSON and a newline.
    public var fileData: Data { canonical(signed: true) + Data("\n".utf8) }

    /// True when `signature` is `key`'s signature of the rest and `registryKey` names `key`.
    public func isSigned(by key: VerifierKey) -> Bool {
        guard registryKey == key.description, let sig = signature.flatMap({ Data(base64Encoded: $0) }) else { return false }
        return key.isValidSignature(sig, for: Data(Receipt.domain.utf8) + canonical(signed: false))
    }

    /// The receipt of decision `e` of `record`'s ledger, signed by `key`; `before` is the
    /// item's state just before `e` (what was pending tells an approval from a cancellation).
    static func of(_ e: LedgerEvent, before: ItemState, in record: BundleRecord, creditCode: String, key: SigningKey) -> Receipt? {
        guard [.approve, .reject, .revoke].contains(e.action), let item = e.itemRef else { return nil }
        // Only a submission that arrived in a filer's package is one the filer can recognise:
        // a decision on anything else (an imported record, a registry-side submission) names none,
        // and the regulator's own cancellation (`revoke`) decides no submission at all.
        let decided = e.action == .revoke ? nil : before.pendingSubmission.flatMap { $0.package == nil ? nil : $0 }
        let decision: Decision = switch e.action {
        case .reject: .reject
        case .revoke: .cancel
        default: before.status == .cancelPending ? .cancel : .approve
        }
        var r = Receipt(registryKey: key.verifierKey.description, bundle: record.paths.bundle.lastPathComponent,
                        creditCode: creditCode, entityID: e.entityID ?? record.state(.entity).entityID, item: .item(item),
                        decision: decision,
                        submission: decided.flatMap { e.submission ?? SubmissionDigest.of($0) }, package: decided?.package,
                        number: e.number ?? (e.action != .reject ? record.state(item).number?.description : nil),
                        reason: e.reason, note: e.note, reviewer: e.signer, reviewerName: e.actor,
                        time: e.time, unixTime: e.unixTime, seq: e.seq, event: e.hash)
        r.signature = key.sign(Data(Receipt.domain.utf8) + r.canonical(signed: false)).base64EncodedString()
        return r
    }
}

extension BundleRecord {
    /// Receipts for every decision in the bundle's ledger, signed by the registry key (which
    /// must be the registry's own once it is initialized). Deterministic: the same decision
    /// always gives the same bytes, so issuing again changes nothing.
    func receipts(key: SigningKey) throws(RegistryError) -> [Receipt] {
        let record = self
        if let config = record.config, config.registryKey != key.verifierKey.description {
            throw .refuse(.registrySetup, at: record.paths.registryDisplay,
                          Localized(zh: "回执须用此登记簿的登记簿密钥签名（指纹 \(VerifierKey(config.registryKey)?.keyID ?? "?")）", en: "receipts must be signed with this registry's key (fingerprint \(VerifierKey(config.registryKey)?.keyID ?? "?"))"),
                          help: Localized(zh: "用 --key 指向登记簿私钥", en: "point --key at the registry's private key"))
        }
        guard key.kind == .registry else {
            throw .refuse(.registrySetup, at: record.paths.registryDisplay, Localized(zh: "“\(key.name)”不是登记簿密钥", en: "'\(key.name)' is not a registry key"),
                          help: Localized(zh: "回执由登记簿密钥签发", en: "receipts are signed by the registry key"))
        }
        // The credit code the registry knows the entity by (a claimed one for an imported entity).
        let creditCode = record.registryCreditCode ?? record.bundle.entity?.creditCode.uppercased() ?? ""
        var states: [ItemRef: ItemState] = [:]
        var out: [Receipt] = []
        for e in record.ledger.events {
            guard let ref = e.itemRef else { continue }
            let before = states[ref] ?? ItemState(item: ref)
            if let r = Receipt.of(e, before: before, in: record, creditCode: creditCode, key: key) { out.append(r) }
            states[ref, default: ItemState(item: ref)].apply(e)
            ItemState.cascadeEntityCancellation(&states)
        }
        return out
    }

    /// The digests of every submission (and cancellation request) of `item` in this ledger, in order.
    func sentSubmissions(of item: ItemRef) -> [String] {
        ledger.events.filter { $0.item == .item(item) && ($0.action == .submit || $0.action == .cancelRequest) }.compactMap(SubmissionDigest.of)
    }

    /// The registry key this (filer's) bundle trusts for receipts: `.beian/registry.pub`.
    public var pinnedRegistryKey: VerifierKey? {
        guard case .success(let data) = NoFollow.read(root: paths.bundle, "\(BundlePaths.registryDir)/registry.pub", limit: 4096) else { return nil }
        return VerifierKey(String(decoding: data, as: UTF8.self))
    }

    /// Pins `key` as the registry key whose receipts this bundle accepts (`beian registry pin`).
    func pin(_ key: VerifierKey) throws(RegistryError) {
        let url = paths.dir.appendingPathComponent("registry.pub")
        do { try AtomicFile.write(key.description + "\n", to: url) } catch {
            throw .writeFailed(paths.display("\(BundlePaths.registryDir)/registry.pub"), error)
        }
    }

    /// Imports receipts into the filer's bundle: each must be signed by the pinned registry
    /// key, be about this entity (its credit code) and decide one of this bundle's own
    /// submissions (its digest); then its decision is recorded in the local ledger (once: a
    /// receipt already imported is skipped), in registry order whatever the order of the files,
    /// and never over a newer decision on the same item — so `beian status` shows numbers and
    /// reasons offline, and a cancellation stays a cancellation. Nothing is written unless every
    /// receipt checks (exit 2).
    mutating func importReceipts(_ receipts: [(path: String, data: Data)]) throws(RegistryError) -> (imported: [ImportedReceipt], skipped: Int) {
        guard let pinned = pinnedRegistryKey else {
            throw .refuse(.registrySetup, at: bundle.displayRoot,
                          Localized(zh: "此备案包没有固定登记簿公钥，无法核验回执", en: "this bundle has no pinned registry key to check receipts with"),
                          help: Localized(zh: "先运行 beian registry pin \(bundle.displayRoot) 登记簿公钥（从登记机关的官方渠道获取）", en: "run beian registry pin \(bundle.displayRoot) REGISTRY_PUBLIC_KEY first (from the regulator's own channel)"))
        }
        let accepted = try acceptedReceipts(receipts, pinned: pinned)
        // Registry order, whatever the order of the files: and a decision older than one this
        // bundle already holds for the same item is superseded, never applied over it.
        var newest: [String: Int] = [:]
        for e in ledger.events where e.receipt != nil { if let seq = e.registrySeq { newest[e.item.description] = max(newest[e.item.description] ?? 0, seq) } }
        var events: [LedgerEvent] = []
        var applied: [ImportedReceipt] = []
        for (r, hash) in accepted.sorted(by: { $0.0.seq < $1.0.seq }) where r.seq > newest[r.item.description] ?? 0 {
            guard let item = r.item.itemRef else { continue }  // refused in `acceptedReceipts`
            let action: LedgerEvent.Action = switch r.decision { case .approve: .approve; case .reject: .reject; case .cancel: .cancel }
            var e = event(action, item: item, actor: r.reviewerName)
            e.time = r.time
            e.unixTime = r.unixTime
            e.number = r.number
            e.entityID = item == .entity ? r.entityID : nil
            e.reason = r.reason
            e.note = r.note
            e.submission = r.submission
            e.package = r.package
            e.receipt = hash
            e.registrySeq = r.seq
            e.registryEvent = r.event
            events.append(e)
            // The digest names what was decided: this bundle's latest submission of the item,
            // an earlier one (the later one stays pending), or none it ever sent.
            let sent = sentSubmissions(of: item)
            let matched: ImportedReceipt.Match = r.submission.map { d in d == sent.last ? .latest : (sent.contains(d) ? .earlier : .notSent) } ?? .unnamed
            applied.append(ImportedReceipt(receipt: r, match: matched))
            newest[r.item.description] = r.seq
        }
        let done = try record(events)
        return (applied, receipts.count - done.count)
    }

    /// The receipts that check (format, the pinned key's signature, this entity, a known item),
    /// each with its hash, less those imported before; every problem collected, then refused.
    func acceptedReceipts(_ receipts: [(path: String, data: Data)], pinned: VerifierKey) throws(RegistryError) -> [(Receipt, String)] {
        let creditCode = bundle.entity?.creditCode.uppercased() ?? ""
        let known = Set(ledger.events.compactMap(\.receipt))
        var problems: [Diagnostic] = []
        var accepted: [(Receipt, String)] = []
        for (path, data) in receipts {
            func refuse(_ zh: String, _ en: String, _ helpZh: String, _ helpEn: String) {
                problems.append(Diagnostic(.receiptRefused, at: SourceLocation(path: path), message: Localized(zh: zh, en: en), help: Localized(zh: helpZh, en: helpEn)))
            }
            guard data.count < 1 << 20, let r = try? JSONDecoder().decode(Receipt.self, from: data), r.format == Receipt.currentFormat else {
                refuse("不是当前格式的 beian 回执", "not a beian receipt of the current format",
                       "回执由 beian receipt issue 生成；旧格式的回执请登记机关重新签发", "receipts are made by beian receipt issue; ask the registry to issue old ones again")
                continue
            }
            guard r.isSigned(by: pinned) else {
                refuse("回执的签名不是所固定的登记簿密钥（指纹 \(pinned.keyID)）的有效签名：被改动过，或由其他密钥签发",
                       "the receipt is not validly signed by the pinned registry key (fingerprint \(pinned.keyID)): altered, or signed by another key",
                       "只导入登记机关签发的原始回执", "import only the registry's original receipts")
                continue
            }
            guard !creditCode.isEmpty, r.creditCode.uppercased() == creditCode else {
                refuse("回执属于另一主体（统一社会信用代码 \(r.creditCode)）", "the receipt is for another entity (credit code \(r.creditCode))",
                       "把回执导入其所属主体的备案包", "import it into that entity's bundle")
                continue
            }
            guard r.item.itemRef != nil else {
                refuse("回执的事项无法识别", "the receipt's item is not recognised", "只导入登记机关签发的原始回执", "import only the registry's original receipts")
                continue
            }
            let hash = SHA256Hash.hex(r.canonical(signed: true))
            if known.contains(hash) || accepted.contains(where: { $0.1 == hash }) { continue }
            accepted.append((r, hash))
        }
        if !problems.isEmpty { throw RegistryError(.integrity, problems.sorted()) }
        return accepted
    }
}

/// A receipt `receipt import` applied, and which of the filer's submissions its digest names.
public struct ImportedReceipt: Sendable {
    public enum Match: Sendable {
        /// The latest submission of the item (the usual case).
        case latest
        /// An earlier submission: the later one still awaits review.
        case earlier
        /// No submission this copy of the bundle holds (another machine's, or a restored copy).
        case notSent
        /// A decision on nothing a filer submitted (an imported record).
        case unnamed
    }

    public var receipt: Receipt
    public var match: Match
}
