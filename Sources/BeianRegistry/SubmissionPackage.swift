public import BeianDiagnostics
public import BeianModel
import BeianBundle
import BeianStore
public import BeianTrust
public import Foundation

/// A sealed submission package (SPEC §7): one zip file that carries a submission from the
/// filer's machine to the registry's, signed by the filer's key.
///
/// Entries (stored, never compressed; see `ZipWriter`):
/// - `beian-package.json`: `PackageHeader`, canonical JSON;
/// - `beian-package.sig`: base64 Ed25519 signature by `filerKey` of `beian package v1`, a
///   newline, and the bytes of `beian-package.json`;
/// - `files/<path>`: exactly the files the submission covers, as submitted.
public struct PackageHeader: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var item: String
        public var manifest: [String: String]
    }

    public var format = "beian-package/v1"
    /// The bundle's id (its folder name) and its entity's credit code.
    public var bundle: String
    public var creditCode: String
    public var items: [Item]
    public var attestation: String
    public var actor: String
    public var time: String
    public var unixTime: Int64
    /// The filer's verifier key, which signs the package.
    public var filerKey: String
    /// The registry decision the filer's change is based on: the `seq` and `event` hash of
    /// the newest receipt the bundle imported (0 and 64 zeros before any).
    public var baseSeq: Int
    public var baseEvent: String
    /// A cancellation request (注销) instead of files: the algorithm and the reason.
    public var cancel: Cancellation?

    public struct Cancellation: Codable, Sendable, Equatable {
        public var item: String
        public var reason: String
    }

    static let domain = "beian package v1\n"
    static let headerName = "beian-package.json"
    static let signatureName = "beian-package.sig"
    static let filesPrefix = "files/"

    var canonical: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    /// The package: this header, `key`'s signature of it, and `files` under `files/`, written
    /// to `out` (atomically).
    func seal(files: [String: Data], key: SigningKey, to out: URL) throws(RegistryError) {
        let json = canonical
        let signature = Data(key.sign(Data(PackageHeader.domain.utf8) + json).base64EncodedString().utf8)
        let entries = [(name: PackageHeader.headerName, data: json), (name: PackageHeader.signatureName, data: signature)]
            + files.map { (name: PackageHeader.filesPrefix + $0.key, data: $0.value) }
        do { try AtomicFile.write(ZipWriter.archive(entries), to: out) } catch { throw .writeFailed(out.path, error) }
    }
}

/// Limits a received package must keep (checked from the zip's directory before any entry is
/// read): a zip bomb is refused in well under a second with flat memory.
public enum PackageLimits {
    public static let maxPackageSize = 300 << 20
    public static let zip = ZipLimits(maxEntries: 2_000, maxEntrySize: UInt64(AttachmentRule.maxSize), maxTotalSize: 256 << 20, maxNameLength: 255)
}

extension BundleRecord {
    /// The newest decision this (filer's) bundle learned from a receipt: its registry `seq`
    /// and event hash; (0, zeros) before any.
    var receiptBase: (Int, String) {
        // Imported decisions carry `receipt`; their registry seq and hash come from the receipt.
        var best: (Int, String) = (0, Ledger.genesis)
        for e in ledger.events where e.receipt != nil {
            if let seq = e.registrySeq, let hash = e.registryEvent, seq > best.0 { best = (seq, hash) }
        }
        return best
    }

    /// `submit`, writing the sealed package of what is submitted to `out` (signed by `key`)
    /// before the local ledger records the submission (so `status` shows 待审核 offline): a
    /// package that cannot be written leaves the bundle unsubmitted.
    public static func submitPackage(bundlePath: String, items: [ItemRef]?, attestation: String?, actor: String, key: SigningKey,
                                     out: URL, clock: Clock) throws(RegistryError) -> [LedgerEvent] {
        try locked(bundlePath, registry: false) { () throws(RegistryError) in
            var record = try BundleRecord.open(bundlePath, clock: clock)
            let base = record.receiptBase
            let id = record.paths.bundle.lastPathComponent
            return try record.submit(items, attestation: attestation, actor: actor) { (submitted, bytes, manifests) throws(RegistryError) in
                try PackageHeader(bundle: id, creditCode: submitted.entity?.creditCode ?? "",
                                  items: manifests.map { PackageHeader.Item(item: $0.0.description, manifest: $0.1) },
                                  attestation: attestation ?? "", actor: actor, time: clock.timestamp, unixTime: clock.now,
                                  filerKey: key.verifierKey.description, baseSeq: base.0, baseEvent: base.1)
                    .seal(files: bytes, key: key, to: out)
            }
        }
    }

    /// `requestCancellation`, writing the sealed package of the request to `out` first.
    public static func cancelPackage(bundlePath: String, item: ItemRef, reason: String, attestation: String?, actor: String, key: SigningKey,
                                     out: URL, clock: Clock) throws(RegistryError) -> LedgerEvent {
        try locked(bundlePath, registry: false) { () throws(RegistryError) in
            var record = try BundleRecord.open(bundlePath, clock: clock)
            let e = try record.cancellation(item, reason: reason, attestation: attestation, actor: actor)
            let base = record.receiptBase
            try PackageHeader(bundle: record.paths.bundle.lastPathComponent, creditCode: record.bundle.entity?.creditCode ?? "", items: [],
                              attestation: attestation ?? "", actor: actor, time: clock.timestamp, unixTime: clock.now,
                              filerKey: key.verifierKey.description, baseSeq: base.0, baseEvent: base.1,
                              cancel: .init(item: item.description, reason: reason))
                .seal(files: [:], key: key, to: out)
            return try record.record(e)
        }
    }

    /// Receives sealed packages into the registry (SPEC §7). Every check happens before anything
    /// is written; a refused package leaves the registry as it was; receiving the same package
    /// again changes nothing.
    public static func receive(package data: Data, path: String, registry: String, clock: Clock) throws(RegistryError) -> ReceiveOutcome {
        func refuse(_ name: String?, _ message: Localized, _ help: Localized) -> RegistryError {
            .integrity(Diagnostic(.packageRefused, at: SourceLocation(path: name.map { "\(path)!\($0)" } ?? path), message: message, help: help))
        }
        let notPackage = Localized(zh: "只接收 beian submit --out 生成的原始备案包", en: "only original packages written by beian submit --out are received")
        guard data.count <= PackageLimits.maxPackageSize else {
            throw refuse(nil, Localized(zh: "备案包 \(data.count) 字节，超过上限 \(PackageLimits.maxPackageSize)", en: "the package is \(data.count) bytes, over the limit of \(PackageLimits.maxPackageSize)"), notPackage)
        }
        let entries: [ZipEntry]
        switch ZipReader.entries(data, limits: PackageLimits.zip) {
        case .success(let e): entries = e
        case .failure(let problem): throw refuse(problem.entryName, problem.message, problem.help)
        }
        var byName: [String: Data] = [:]
        for e in entries { byName[e.name] = e.data }
        guard let json = byName[PackageHeader.headerName], let sig = byName[PackageHeader.signatureName],
              let header = try? JSONDecoder().decode(PackageHeader.self, from: json), header.format == "beian-package/v1", header.canonical == json else {
            throw refuse(PackageHeader.headerName, Localized(zh: "缺少或无法解析备案包说明", en: "the package header is missing or malformed"), notPackage)
        }
        guard let filerKey = VerifierKey(header.filerKey), let signature = Data(base64Encoded: String(decoding: sig, as: UTF8.self)),
              filerKey.isValidSignature(signature, for: Data(PackageHeader.domain.utf8) + json) else {
            throw refuse(PackageHeader.signatureName, Localized(zh: "签名无效：备案包被改动过，或不是由其声明的填报密钥签名", en: "the signature does not hold: the package was altered, or not signed by the filer key it names"), notPackage)
        }
        // Exactly the files the manifests name, each matching its hash.
        var files: [String: Data] = [:]
        var named: [String: String] = [:]
        for item in header.items {
            guard ItemRef(item.item) != nil else { throw refuse(PackageHeader.headerName, Localized(zh: "无法识别的事项“\(item.item)”", en: "unknown item '\(item.item)'"), notPackage) }
            for (p, hash) in item.manifest { named[p] = hash }
        }
        for e in entries where e.name != PackageHeader.headerName && e.name != PackageHeader.signatureName {
            guard e.name.hasPrefix(PackageHeader.filesPrefix), let hash = named[String(e.name.dropFirst(PackageHeader.filesPrefix.count))] else {
                throw refuse(e.name, Localized(zh: "备案包中有清单之外的文件", en: "a file the manifest does not name"), notPackage)
            }
            guard SHA256Hash.hex(e.data) == hash else {
                throw refuse(e.name, Localized(zh: "文件与清单中的哈希不符", en: "the file does not match its hash in the manifest"), notPackage)
            }
            files[String(e.name.dropFirst(PackageHeader.filesPrefix.count))] = e.data
        }
        if let missing = named.keys.sorted().first(where: { files[$0] == nil }) {
            throw refuse(PackageHeader.filesPrefix + missing, Localized(zh: "清单中的文件缺失", en: "a file the manifest names is missing"), notPackage)
        }
        guard IdentifierRule.isValid(header.bundle) else {
            throw refuse(PackageHeader.headerName, Localized(zh: "备案包标识“\(header.bundle)”无效", en: "bundle id '\(header.bundle)' is not valid"), notPackage)
        }
        let bundlePath = BundlePaths.join(registry, header.bundle)
        let packageHash = SHA256Hash.hex(data)
        // The registry's lock throughout (a first package creates the bundle), and the bundle's.
        return try RegistryLock.held(registry: URL(fileURLWithPath: registry), display: registry) { () throws(RegistryError) in
          try locked(bundlePath, registry: false, registryHeld: true) { () throws(RegistryError) in
            let exists = NoFollow.kind(root: URL(fileURLWithPath: registry), header.bundle) != .missing
            var record = try BundleRecord.open(bundlePath, clock: clock, overlay: files)
            if record.ledger.events.contains(where: { $0.package == packageHash }) { return .alreadyReceived(header.bundle) }
            // The key: an entity's first package binds it; later ones must be signed by a bound key.
            let bound = record.boundFilerKeys
            if exists, let bound, !bound.contains(filerKey.description) {
                throw refuse(PackageHeader.signatureName, Localized(zh: "签名密钥（指纹 \(filerKey.keyID)）不是此主体已绑定的填报密钥", en: "the signing key (fingerprint \(filerKey.keyID)) is not a filer key bound to this entity"),
                             Localized(zh: "用此前提交所用的填报密钥签名；更换密钥须另行审核", en: "sign with the filer key of earlier packages; replacing a key is itself a reviewed change"))
            }
            // The entity the registry knows under this bundle id: its approved entity, else the
            // entity of its last received files. A package for another credit code is refused.
            let live = exists ? (try? BundleLoader(draft: true, today: clock.today).load(bundlePath))?.entity : nil
            if let known = ((try? record.approvedSnapshot(.entity)) ?? nil)?.entity?.creditCode ?? live?.creditCode,
               !known.isEmpty, known.uppercased() != header.creditCode.uppercased() {
                throw refuse(PackageHeader.headerName, Localized(zh: "备案包属于另一主体：统一社会信用代码与登记簿中的 \(header.bundle) 不符", en: "the package is for another entity: its credit code is not that of \(header.bundle) in the registry"),
                             Localized(zh: "检查备案包标识与统一社会信用代码", en: "check the bundle id and credit code"))
            }
            // Based on the newest decision the registry made for this bundle.
            if let newest = record.ledger.events.last(where: { $0.action == .approve || $0.action == .reject }),
               newest.seq != header.baseSeq || newest.hash != header.baseEvent {
                throw refuse(PackageHeader.headerName,
                             Localized(zh: "备案包基于过时的版本：登记簿已作出第 \(newest.seq) 号决定，填报方只导入到第 \(header.baseSeq) 号", en: "the package is based on an outdated version: the registry made decision #\(newest.seq), the filer imported up to #\(header.baseSeq)"),
                             Localized(zh: "先导入登记簿的最新回执（beian receipt import），再重新提交", en: "import the registry's newest receipts first (beian receipt import), then submit again"))
            }
            if let cancel = header.cancel {
                guard header.items.isEmpty, let item = ItemRef(cancel.item) else {
                    throw refuse(PackageHeader.headerName, Localized(zh: "注销申请不能同时携带文件", en: "a cancellation request carries no files"), notPackage)
                }
                var e = try record.cancellation(item, reason: cancel.reason, attestation: header.attestation, actor: header.actor)
                e.package = packageHash
                e.filerKey = filerKey.description
                try SubmittedFiles(paths: record.paths).store(["": data])
                return .received(header.bundle, [try record.record(e)])
            }
            let items = header.items.compactMap { ItemRef($0.item) }
            let events = try record.submit(items, attestation: header.attestation, actor: header.actor, received: (packageHash, filerKey.description, data)) { _, _, _ in }
            return .received(header.bundle, events)
          }
        }
    }

    /// The filer keys bound to this entity, in ledger order: the first received package's key,
    /// then keys a reviewer bound or revoked (`bindKey`). Nil before any binding.
    public var boundFilerKeys: Set<String>? {
        var bound: Set<String>?
        for e in ledger.events {
            guard let key = e.filerKey else { continue }
            switch e.action {
            case .bindKey: bound = (bound ?? []).union([key])
            case .revokeKey: bound?.remove(key)
            default: if bound == nil { bound = [key] }
            }
        }
        return bound
    }

    /// A reviewer binds `filerKey` to the entity (or revokes it), signed like any decision.
    public static func bindKey(bundlePath: String, filerKey: VerifierKey, revoke: Bool, reviewer: String, key: SigningKey?,
                               clock: Clock) throws(RegistryError) -> LedgerEvent {
        try locked(bundlePath, registry: true) { () throws(RegistryError) in
            var record = try BundleRecord.open(bundlePath, clock: clock)
            try record.authorize(key)
            let bound = record.boundFilerKeys ?? []
            if revoke ? !bound.contains(filerKey.description) : bound.contains(filerKey.description) {
                throw .refuse(.notPending, at: record.bundle.displayRoot,
                              Localized(zh: revoke ? "该填报密钥（指纹 \(filerKey.keyID)）未绑定" : "该填报密钥（指纹 \(filerKey.keyID)）已绑定", en: revoke ? "filer key \(filerKey.keyID) is not bound" : "filer key \(filerKey.keyID) is already bound"),
                              help: Localized(zh: "用 beian review show 查看已绑定的密钥", en: "see the bound keys with beian review show"))
            }
            var e = record.event(revoke ? .revokeKey : .bindKey, item: .entity, actor: reviewer)
            e.filerKey = filerKey.description
            return try record.record(e)
        }
    }

    public enum ReceiveOutcome: Sendable {
        case received(String, [LedgerEvent])
        case alreadyReceived(String)
    }
}
