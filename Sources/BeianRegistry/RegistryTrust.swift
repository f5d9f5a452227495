import BeianDiagnostics
public import BeianModel
import BeianBundle
import BeianStore
public import BeianTrust
public import Foundation

/// Who the registry trusts (SPEC §7): its own key and its reviewers' keys, in
/// `.beian-registry/registry.json`, signed by the registry key.
///
/// Until a registry is initialized (`beian registry init`) decisions need no signature, as
/// before; from then on every approval, rejection and import must be signed by a trusted
/// reviewer key, and every change of a bundle's ledger is recorded in
/// `.beian-registry/heads.jsonl`, so `beian verify` can tell a bundle approved elsewhere and
/// copied in, or rolled back to an older copy, from the registry's own.
public struct RegistryConfig: Codable, Sendable, Equatable {
    public var format = "beian-registry/v1"
    /// The registry's verifier key (signs this file, receipts, the portal's head).
    public var registryKey: String
    /// Trusted reviewers' verifier keys.
    public var reviewers: [String]
    public var signature: String?

    public init(registryKey: VerifierKey, reviewers: [VerifierKey]) {
        self.registryKey = registryKey.description
        self.reviewers = reviewers.map(\.description)
    }

    static let domain = "beian registry config v1\n"
    static let fileName = "registry.json"

    func canonical(signed: Bool) -> Data {
        var c = self
        if !signed { c.signature = nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(c)) ?? Data()
    }

    func signed(by key: SigningKey) -> RegistryConfig {
        var c = self
        c.signature = key.sign(Data(RegistryConfig.domain.utf8) + canonical(signed: false)).base64EncodedString()
        return c
    }

    /// True when `signature` is the registry key's over the rest.
    public var isSignatureValid: Bool {
        guard let key = VerifierKey(registryKey), let sig = signature.flatMap({ Data(base64Encoded: $0) }) else { return false }
        return key.isValidSignature(sig, for: Data(RegistryConfig.domain.utf8) + canonical(signed: false))
    }

    public func trustsReviewer(_ key: VerifierKey) -> Bool { reviewers.contains(key.description) }

    /// The registry's configuration: nil when it was never initialized; S713 when the file is
    /// unreadable, malformed or not signed by the key it names.
    public static func load(registry: URL, display: String) throws(RegistryError) -> RegistryConfig? {
        let relative = ".beian-registry/\(fileName)"
        let shown = PathText.join(display, relative)
        let data: Data
        switch NoFollow.read(root: registry, relative, limit: 1 << 20) {
        case .success(let d): data = d
        case .failure(.missing): return nil
        case .failure(.link): throw .integrity(RegistryPaths.linkRefused(shown))
        case .failure: throw setup(shown, Localized(zh: "无法读取", en: "cannot be read"))
        }
        guard let config = try? JSONDecoder().decode(RegistryConfig.self, from: data), config.format == "beian-registry/v1",
              VerifierKey(config.registryKey) != nil, config.reviewers.allSatisfy({ VerifierKey($0) != nil }) else {
            throw setup(shown, Localized(zh: "不是有效的登记簿配置", en: "is not a valid registry configuration"))
        }
        guard config.isSignatureValid else {
            throw setup(shown, Localized(zh: "签名与登记簿公钥不符（被改动过）", en: "is not signed by the registry key it names (it was altered)"))
        }
        return config
    }

    static func setup(_ shown: String, _ what: Localized) -> RegistryError {
        .integrity(Diagnostic(.registrySetup, at: SourceLocation(path: shown),
            message: Localized(zh: "登记簿配置\(what.zh)", en: "the registry configuration \(what.en)"),
            help: Localized(zh: "registry.json 只能由 beian registry init / trust 写入；从备份恢复", en: "only beian registry init / trust write registry.json; restore it from a backup")))
    }

    /// Sets a registry up: records `registryKey` and the trusted `reviewers`, and has the
    /// registry vouch (an `adopt` event in `heads.jsonl`, signed by the registry key) for
    /// every bundle's ledger as it stands, so earlier unsigned decisions stay valid.
    public static func initialize(registry: URL, display: String, key: SigningKey, reviewers: [VerifierKey], clock: Clock) throws(RegistryError) -> (RegistryConfig, adopted: Int) {
        guard key.kind == .registry else {
            throw .refuse(.registrySetup, at: display, Localized(zh: "“\(key.name)”不是登记簿密钥（kind: \(key.kind.rawValue)）", en: "'\(key.name)' is not a registry key (kind: \(key.kind.rawValue))"),
                          help: Localized(zh: "用 beian key new FILE --name 名称 --kind registry 生成登记簿密钥", en: "make one with beian key new FILE --name NAME --kind registry"))
        }
        return try RegistryLock.held(registry: registry, display: display) { () throws(RegistryError) in
            if try load(registry: registry, display: display) != nil {
                throw .refuse(.registrySetup, at: PathText.join(display, ".beian-registry/\(fileName)"),
                              Localized(zh: "登记簿已初始化", en: "the registry is already initialized"),
                              help: Localized(zh: "增加审核员用 beian registry trust", en: "add reviewers with beian registry trust"))
            }
            var heads = try RegistryHeads.openForAppend(registry: registry, display: display)
            var adopted: [LedgerEvent] = []
            for path in RegistryIndex.bundlePaths(in: display) {
                let paths = RegistryPaths(bundlePath: path)
                try paths.checkNoLinks()
                let ledger: Ledger
                do throws(Diagnostic) { ledger = try Ledger.open(paths.ledger, displayPath: paths.ledgerDisplay) } catch { throw .integrity(error) }
                guard !ledger.events.isEmpty else { continue }
                adopted.append(RegistryHeads.event(.adopt, bundle: paths.bundle.lastPathComponent, ledger: ledger, actor: key.name, clock: clock))
            }
            do throws(Diagnostic) { try heads.append(contentsOf: adopted, signer: key) } catch { throw .integrity(error) }
            let config = RegistryConfig(registryKey: key.verifierKey, reviewers: reviewers).signed(by: key)
            try write(config, registry: registry, display: display)
            return (config, adopted.count)
        }
    }

    /// Adds reviewers to an initialized registry (re-signed by its key).
    public static func trust(registry: URL, display: String, key: SigningKey, reviewers: [VerifierKey]) throws(RegistryError) -> RegistryConfig {
        try RegistryLock.held(registry: registry, display: display) { () throws(RegistryError) in
            guard var config = try load(registry: registry, display: display) else {
                throw .refuse(.registrySetup, at: display, Localized(zh: "登记簿尚未初始化", en: "the registry is not initialized"),
                              help: Localized(zh: "先运行 beian registry init", en: "run beian registry init first"))
            }
            guard config.registryKey == key.verifierKey.description else {
                throw .refuse(.registrySetup, at: display, Localized(zh: "该密钥不是此登记簿的密钥", en: "this key is not the registry's key"),
                              help: Localized(zh: "用初始化登记簿时的登记簿密钥", en: "use the registry key it was initialized with"))
            }
            for r in reviewers where !config.reviewers.contains(r.description) { config.reviewers.append(r.description) }
            config = config.signed(by: key)
            try write(config, registry: registry, display: display)
            return config
        }
    }

    static func write(_ config: RegistryConfig, registry: URL, display: String) throws(RegistryError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        let data = (try? encoder.encode(config)) ?? Data()
        do { try AtomicFile.write(data + Data("\n".utf8), to: registry.appendingPathComponent(".beian-registry/\(fileName)")) } catch {
            throw .writeFailed(PathText.join(display, ".beian-registry/\(fileName)"), error)
        }
    }
}

/// `.beian-registry/heads.jsonl`: after every event of a bundle in an initialized registry,
/// the bundle's ledger head (hash and seq), hash-chained like any ledger and signed by the
/// decision's signer where there is one.
public enum RegistryHeads {
    static let relative = ".beian-registry/heads.jsonl"

    public static func open(registry: URL, display: String) throws(RegistryError) -> Ledger {
        do { return try Ledger.open(registry.appendingPathComponent(relative), displayPath: PathText.join(display, relative)) } catch {
            throw .integrity(error)
        }
    }

    /// For appending only (`Ledger.openTail`): no decoding of the history.
    static func openForAppend(registry: URL, display: String) throws(RegistryError) -> Ledger {
        do { return try Ledger.openTail(registry.appendingPathComponent(relative), displayPath: PathText.join(display, relative)) } catch {
            throw .integrity(error)
        }
    }

    /// The last recorded head (`head` or `adopt` event) of each bundle.
    public static func latest(_ heads: Ledger) -> [String: LedgerEvent] {
        var last: [String: LedgerEvent] = [:]
        for e in heads.events where e.action == .head || e.action == .adopt { last[e.item.description] = e }
        return last
    }

    /// The checkpoint extension line committing to the registry's head chain as it stands:
    /// `registry <number of lines> <hex hash of the last line>` (the lines are hash-chained, so
    /// the last hash commits to every earlier line).
    /// Read from the file's end only (`Ledger.openTail`), so a build's cost does not grow with
    /// the registry's history; `beian verify` checks the whole chain.
    public static func anchor(registry: URL, display: String) throws(RegistryError) -> String {
        let heads = try openForAppend(registry: registry, display: display)
        return "registry \(heads.count) \(heads.head)"
    }

    /// L610 unless the registry's head chain extends the one `checkpoint` (a signed site head)
    /// committed to: at least as many lines, and the line it names hashing to what it says.
    public static func checkExtends(checkpoint: Checkpoint, shown: String, registry: URL, display: String) throws(RegistryError) {
        func fail(_ zh: String, _ en: String) -> RegistryError {
            .integrity(Diagnostic(.checkpointNotExtended, at: SourceLocation(path: PathText.join(display, relative)), message: Localized(zh: zh, en: en),
                                  help: Localized(zh: "登记簿被回退或替换：从延续该检查点的备份恢复", en: "the registry was rolled back or replaced: restore it from a backup that extends the checkpoint")))
        }
        let parts = checkpoint.extensions.first { $0.hasPrefix("registry ") }?.split(separator: " ") ?? []
        guard parts.count == 3, let n = Int(parts[1]), n >= 0 else {
            throw .integrity(Diagnostic(.checkpointNotExtended, at: SourceLocation(path: shown),
                message: Localized(zh: "检查点不含登记簿头链（registry 行）", en: "the checkpoint carries no registry head chain (no registry line)"),
                help: Localized(zh: "用已初始化的登记簿以 beian build --key 生成的检查点", en: "use a checkpoint made by beian build --key from an initialized registry")))
        }
        let heads = try open(registry: registry, display: display)
        if heads.events.count < n {
            throw fail("检查点记录了 heads.jsonl 的 \(n) 行，登记簿只有 \(heads.events.count) 行", "the checkpoint committed to \(n) lines of heads.jsonl; the registry has \(heads.events.count)")
        }
        let hash = n == 0 ? Ledger.genesis : heads.events[n - 1].hash
        if hash != String(parts[2]) {
            throw fail("heads.jsonl 第 \(n) 行不是检查点记录的那一行：登记簿的历史被改写", "line \(n) of heads.jsonl is not the one the checkpoint committed to: the registry's history was rewritten")
        }
    }

    /// Every head (`head` or `adopt`) recorded for each bundle, in order.
    public static func all(_ heads: Ledger) -> [String: [LedgerEvent]] {
        var out: [String: [LedgerEvent]] = [:]
        for e in heads.events where e.action == .head || e.action == .adopt { out[e.item.description, default: []].append(e) }
        return out
    }

    /// The latest recorded head that `ledger` does not extend (history is one-way: every head
    /// the registry ever recorded for a bundle stays a prefix of its ledger), or nil. A head
    /// line added by hand can only add a constraint: it never makes a shorter ledger pass.
    public static func headNotExtended(by ledger: Ledger, _ recorded: [LedgerEvent]) -> LedgerEvent? {
        recorded.last { h in
            guard let seq = h.ledgerSeq, let hash = h.ledgerHead else { return true }
            guard seq > 0 else { return hash != Ledger.genesis }
            return seq > ledger.events.count || ledger.events[seq - 1].hash != hash
        }
    }

    /// L606 for a ledger that does not extend the head `h` the registry recorded.
    static func notExtended(_ ledger: Ledger, _ h: LedgerEvent) -> Diagnostic {
        let seq = h.ledgerSeq ?? 0, n = ledger.events.count
        let (zh, en) = n < seq
            ? ("台账被回退：登记簿（heads.jsonl 第 \(h.seq) 行）记录过 \(seq) 个事件，备案包只有 \(n) 个",
               "the ledger was rolled back: the registry recorded \(seq) events (heads.jsonl line \(h.seq)), the bundle has \(n)")
            : ("台账第 \(seq) 个事件不是登记簿（heads.jsonl 第 \(h.seq) 行）记录的那一个：历史被改写",
               "event #\(seq) is not the one the registry recorded (heads.jsonl line \(h.seq)): the history was rewritten")
        return Diagnostic(.headMismatch, at: SourceLocation(path: ledger.displayPath, line: max(1, min(n, seq))), message: Localized(zh: zh, en: en),
                          help: Localized(zh: "台账只能向前增长；从与登记簿记录一致的备份恢复该备案包", en: "a ledger only grows; restore the bundle from a backup that matches the registry's record"))
    }

    /// A `head` or `adopt` event recording `ledger`'s head for `bundle` (sealed and signed by
    /// `Ledger.append`).
    public static func event(_ action: LedgerEvent.Action, bundle: String, ledger: Ledger, actor: String, clock: Clock) -> LedgerEvent {
        var e = LedgerEvent(seq: 0, clock: clock, actor: actor, action: action, item: .bundle(bundle), prev: "")
        e.ledgerHead = ledger.head
        e.ledgerSeq = ledger.nextSeq - 1
        return e
    }
}
