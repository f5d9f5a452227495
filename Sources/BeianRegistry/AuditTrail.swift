public import BeianDiagnostics
public import BeianModel
import BeianBundle
import BeianStore
import BeianTrust
import Foundation

/// `beian log` (SPEC §13): an item's history for people — who submitted, who decided, which
/// submission, with which key, from which package, with which receipt — read from the signed
/// ledger alone (the live folder is never read), on the registry or on a filer's copy.
///
/// Whether a signature counts is judged here, once, the way `verify` judges it: by the
/// registry's own configuration (`registry.json`) when there is one; a filer's copy has none,
/// so it can only say that a signature is valid and whose it is.
public struct AuditTrail: Codable, Sendable {
    /// What the folder is, which decides what can be said about trust.
    public enum Copy: String, Codable, Sendable {
        /// An initialized registry: signatures are judged against `registry.json`.
        case registry
        /// A filer's copy: it pinned a registry key or imported receipts; no `registry.json`.
        case filer
        /// Neither: an uninitialized registry or a local bundle, where nothing is signed.
        case local
    }

    /// What the signature on an event is worth here.
    public enum Trust: String, Codable, Sendable {
        /// Validly signed by a reviewer key `registry.json` trusts.
        case trustedReviewer = "trusted_reviewer"
        /// Validly signed by the registry's own key.
        case registryKey = "registry_key"
        /// Validly signed by a key this registry does not trust.
        case untrusted
        /// A signature that does not verify (altered, or by another key than it names).
        case invalidSignature = "invalid_signature"
        /// No signature at all.
        case unsigned
        /// An unsigned event before `registry init` vouched for the ledger (an `adopt` signed
        /// by the registry key): valid as adopted history.
        case adopted
        /// Validly signed, on a copy without `registry.json` to say whether the key is trusted.
        case validSignature = "valid_signature"
        /// On a filer's copy: a decision imported from a receipt signed by the pinned registry key.
        case receipt
        /// A submission sent or received in a sealed package, signed by the filer key (on the
        /// registry, the key it names, checked at `review receive`); the ledger line itself
        /// needs no signature.
        case filerPackage = "filer_package"
    }

    /// A key as people compare it: its name and fingerprint (key id), and the whole key.
    public struct Key: Codable, Sendable, Equatable {
        public var name: String
        public var key_id: String
        public var key: String

        init?(_ text: String?) {
            guard let text, let v = VerifierKey(text) else { return nil }
            name = v.name
            key_id = v.keyID
            key = v.description
        }
    }

    /// The receipt a decision produced (registry) or came from (filer's copy).
    public struct ReceiptRef: Codable, Sendable, Equatable {
        /// On the registry: the file `beian receipt issue` writes for this decision.
        public var file: String?
        /// On a filer's copy: the SHA-256 of the imported receipt and the registry ledger
        /// event it reports (`seq`, `hash`).
        public var sha256: String?
        public var registry_seq: Int?
        public var registry_event: String?
    }

    /// One event as `beian log` shows it. JSON keys are stable (snake_case, sorted on output).
    public struct Entry: Codable, Sendable {
        public var bundle: String
        public var seq: Int
        public var time: String
        public var unix_time: Int64
        public var action: String
        /// True when an `approve`/`reject` decides a cancellation request (注销), not files.
        public var cancellation: Bool?
        public var item: String
        public var actor: String
        public var signer: Key?
        public var trust: Trust
        public var reason: String?
        public var note: String?
        public var number: String?
        public var entity_id: String?
        public var submission: String?
        public var package: String?
        public var package_seq: Int?
        public var filer_key: Key?
        public var receipt: ReceiptRef?
        public var hash: String
        /// True for a decision whose signature does not count here: an invalid one anywhere; on
        /// the registry or a filer's copy also none (not adopted, not from a receipt) or one by
        /// a key the registry does not trust — on the registry, what `verify` reports as L605.
        public var warning: Bool
    }

    public var copy: Copy
    /// The registry key this copy knows: `registry.json`'s, or on a filer's copy the pinned one.
    public var registry_key: Key?
    public var entries: [Entry]

    /// The trail of one bundle, optionally of one item and from a time (`since`, unix seconds).
    /// Reads the ledger (verified as it is read), the registry's configuration and heads, and
    /// the pinned key: nothing of the live folder.
    public static func of(bundlePath: String, item: ItemRef? = nil, since: Int64? = nil) throws(RegistryError) -> AuditTrail {
        if let problem = RegistryFolder.bundleProblem(bundlePath) { throw .integrity(problem) }
        let paths = RegistryPaths(bundlePath: bundlePath)
        guard NoFollow.kind(root: paths.bundle, "") == .folder else {
            throw .integrity(Diagnostic(.bundleNotFound, at: SourceLocation(path: bundlePath),
                message: Localized(zh: "备案包目录“\(bundlePath)”不存在", en: "the bundle folder '\(bundlePath)' does not exist"),
                help: Localized(zh: "检查路径", en: "check the path")))
        }
        try paths.checkNoLinks()
        let config = try RegistryConfig.load(registry: paths.registryRoot, display: paths.registryDisplay)
        var adoptedUpTo: [String: Int] = [:]
        if let config { adoptedUpTo = try adoptions(root: paths.registryRoot, display: paths.registryDisplay, config: config) }
        return try trail(paths: paths, config: config, adoptedUpTo: adoptedUpTo[paths.bundle.lastPathComponent] ?? 0, item: item, since: since)
    }

    /// The trail of every bundle of the registry at `registry`, oldest first (by time, then
    /// bundle, then sequence), from `since`. Bundles that cannot be read become diagnostics.
    public static func ofRegistry(_ registry: String, since: Int64? = nil) -> (AuditTrail, [Diagnostic]) {
        var problems: [Diagnostic] = []
        let root = URL(fileURLWithPath: registry)
        var config: RegistryConfig?
        var adopted: [String: Int] = [:]
        do throws(RegistryError) {
            config = try RegistryConfig.load(registry: root, display: registry)
            if let config { adopted = try adoptions(root: root, display: registry, config: config) }
        } catch { problems += error.diagnostics }
        var all = AuditTrail(copy: config == nil ? .local : .registry, registry_key: Key(config?.registryKey), entries: [])
        for path in RegistryIndex.bundlePaths(in: registry) {
            let paths = RegistryPaths(bundlePath: path)
            do throws(RegistryError) {
                try paths.checkNoLinks()
                let t = try trail(paths: paths, config: config, adoptedUpTo: adopted[paths.bundle.lastPathComponent] ?? 0, item: nil, since: since)
                all.entries += t.entries
            } catch { problems += error.diagnostics }
        }
        all.entries.sort { ($0.unix_time, $0.bundle, $0.seq) < ($1.unix_time, $1.bundle, $1.seq) }
        return (all, problems.sorted())
    }

    /// Up to which ledger `seq` each bundle's history was vouched for by `registry init` (an
    /// `adopt` head line signed by the registry key).
    static func adoptions(root: URL, display: String, config: RegistryConfig) throws(RegistryError) -> [String: Int] {
        let heads = try RegistryHeads.open(registry: root, display: display)
        let registryKey = VerifierKey(config.registryKey)
        var out: [String: Int] = [:]
        for e in heads.events where e.action == .adopt {
            if let seq = e.ledgerSeq, EventSignature.signer(of: e) == registryKey { out[e.item.description] = seq }
        }
        return out
    }

    static func trail(paths: RegistryPaths, config: RegistryConfig?, adoptedUpTo: Int, item: ItemRef?, since: Int64?) throws(RegistryError) -> AuditTrail {
        let ledger: Ledger
        do { ledger = try Ledger.open(paths.ledger, displayPath: paths.ledgerDisplay) } catch { throw .integrity(error) }
        let pinned: VerifierKey? = switch NoFollow.read(root: paths.bundle, "\(BundlePaths.registryDir)/registry.pub", limit: 4096) {
        case .success(let data): VerifierKey(String(decoding: data, as: UTF8.self))
        case .failure: nil
        }
        let copy: Copy = config != nil ? .registry : (pinned != nil || ledger.events.contains { $0.receipt != nil } ? .filer : .local)
        let bundleID = paths.bundle.lastPathComponent
        let registryKey = config.flatMap { VerifierKey($0.registryKey) }
        var states: [ItemRef: ItemState] = [:]
        var entries: [Entry] = []
        for e in ledger.events {
            let ref = e.itemRef
            let before = ref.map { states[$0] ?? ItemState(item: $0) }
            if let ref { states[ref, default: ItemState(item: ref)].apply(e) }
            guard item == nil || ref == item, since == nil || e.unixTime >= since! else { continue }
            let signer = EventSignature.signer(of: e)
            let trust: Trust
            if e.signature != nil, signer == nil {
                trust = .invalidSignature
            } else if let signer {
                if let config {
                    trust = config.trustsReviewer(signer) ? .trustedReviewer : (signer == registryKey ? .registryKey : .untrusted)
                } else {
                    trust = .validSignature
                }
            } else if e.receipt != nil {
                trust = .receipt
            } else if e.package != nil, !e.action.isDecision {
                trust = .filerPackage
            } else if config != nil, e.seq <= adoptedUpTo {
                trust = .adopted
            } else {
                trust = .unsigned
            }
            var receipt: ReceiptRef?
            if let hash = e.receipt {
                receipt = ReceiptRef(file: nil, sha256: hash, registry_seq: e.registrySeq, registry_event: e.registryEvent)
            } else if copy != .filer, e.action == .approve || e.action == .reject, let ref {
                // The file `beian receipt issue` writes for this decision (Receipt.fileName).
                receipt = ReceiptRef(file: Receipt.fileName(bundle: bundleID, seq: e.seq, item: ref.description))
            }
            let decidesCancellation = (e.action == .approve || e.action == .reject) && before?.status == .cancelPending
            entries.append(Entry(
                bundle: bundleID, seq: e.seq, time: e.time, unix_time: e.unixTime, action: e.action.rawValue,
                cancellation: decidesCancellation ? true : nil, item: e.item.description, actor: e.actor,
                signer: Key(signer?.description ?? e.signer) ?? (trust == .filerPackage ? Key(e.filerKey) : nil), trust: trust,
                reason: e.reason, note: e.note, number: e.number, entity_id: e.entityID,
                submission: e.submission ?? SubmissionDigest.of(e), package: e.package, package_seq: e.packageSeq,
                filer_key: Key(e.filerKey), receipt: receipt, hash: e.hash,
                warning: e.action.isDecision && (trust == .invalidSignature || copy != .local && (trust == .untrusted || trust == .unsigned))))
        }
        return AuditTrail(copy: copy, registry_key: Key((registryKey ?? pinned)?.description), entries: entries)
    }
}
