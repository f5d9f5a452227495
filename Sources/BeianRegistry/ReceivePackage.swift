import BeianDiagnostics
import BeianModel
import BeianBundle
import BeianStore
import BeianTrust
public import Foundation

/// `beian review receive` (SPEC §7, §11): a sealed package crosses from a filer's hands into the
/// registry here, and only here. Everything is checked before anything is written; a refused
/// package leaves the registry as it was.
extension BundleRecord {
    /// What receiving a package did.
    public enum ReceiveOutcome: Sendable {
        case received(String, [LedgerEvent])
        /// The same package (by its signed header) was received before; `completed` when this
        /// receipt finished recording an earlier, interrupted one (its head in `heads.jsonl`).
        case alreadyReceived(String, completed: Bool)
    }

    /// A package opened and checked on its own — signature, files against manifests — before
    /// the registry is looked at.
    struct OpenedPackage {
        var header: PackageHeader
        var filerKey: VerifierKey
        var files: [String: Data]
        var bytes: Data
        var path: String

        func refuse(_ name: String?, _ message: Localized, _ help: Localized) -> RegistryError {
            OpenedPackage.refusal(path, name, message, help)
        }

        /// L609 at `path`, or at `path!name` for an entry of the package.
        static func refusal(_ path: String, _ name: String?, _ message: Localized, _ help: Localized) -> RegistryError {
            .integrity(Diagnostic(.packageRefused, at: SourceLocation(path: name.map { "\(path)!\($0)" } ?? path), message: message, help: help))
        }

        static let notPackage = Localized(zh: "只接收 beian submit --out 生成的原始备案包", en: "only original packages written by beian submit --out are received")

        /// Parses the zip, the header and its signature, and checks that the files are exactly
        /// those the manifests name, each matching its hash.
        static func open(_ data: Data, path: String) throws(RegistryError) -> OpenedPackage {
            func refuse(_ name: String?, _ message: Localized, _ help: Localized = notPackage) -> RegistryError {
                refusal(path, name, message, help)
            }
            guard data.count <= PackageLimits.maxPackageSize else {
                throw refuse(nil, Localized(zh: "备案包 \(data.count) 字节，超过上限 \(PackageLimits.maxPackageSize)", en: "the package is \(data.count) bytes, over the limit of \(PackageLimits.maxPackageSize)"))
            }
            let entries: [ZipEntry]
            switch ZipReader.entries(data, limits: PackageLimits.zip) {
            case .success(let e): entries = e
            case .failure(let problem): throw refuse(problem.entryName, problem.message, problem.help)
            }
            var byName: [String: Data] = [:]
            for e in entries { byName[e.name] = e.data }
            guard let json = byName[PackageHeader.headerName], let sig = byName[PackageHeader.signatureName],
                  let header = try? JSONDecoder().decode(PackageHeader.self, from: json), header.canonical == json else {
                throw refuse(PackageHeader.headerName, Localized(zh: "缺少或无法解析备案包说明", en: "the package header is missing or malformed"),
                             Localized(zh: "只接收 beian submit --out 生成的原始备案包；旧版 beian 生成的备案包须重新生成", en: "only original packages written by beian submit --out are received; one made by an older beian must be made again"))
            }
            guard header.format == PackageHeader.currentFormat else {
                throw refuse(PackageHeader.headerName, Localized(zh: "备案包格式 \(header.format) 不受支持", en: "package format \(header.format) is not supported"),
                             Localized(zh: "用当前版本的 beian submit --out 重新生成备案包", en: "make the package again with the current beian submit --out"))
            }
            guard let filerKey = VerifierKey(header.filerKey), let signature = Data(base64Encoded: String(decoding: sig, as: UTF8.self)),
                  filerKey.isValidSignature(signature, for: Data(PackageHeader.domain.utf8) + json) else {
                throw refuse(PackageHeader.signatureName, Localized(zh: "签名无效：备案包被改动过，或不是由其声明的填报密钥签名", en: "the signature does not hold: the package was altered, or not signed by the filer key it names"))
            }
            guard IdentifierRule.isValid(header.bundle) else {
                throw refuse(PackageHeader.headerName, Localized(zh: "备案包标识“\(header.bundle)”无效", en: "bundle id '\(header.bundle)' is not valid"))
            }
            var named: [String: String] = [:]
            var items = Set<String>()
            for item in header.items {
                guard ItemRef(item.item) != nil, items.insert(item.item).inserted else {
                    throw refuse(PackageHeader.headerName, Localized(zh: "无法识别或重复的事项“\(item.item)”", en: "unknown or repeated item '\(item.item)'"))
                }
                for (p, hash) in item.manifest { named[p] = hash }
            }
            guard header.cancel == nil ? !header.items.isEmpty : header.items.isEmpty else {
                throw refuse(PackageHeader.headerName, Localized(zh: "备案包须携带提交的事项，或只携带一项注销申请", en: "a package carries submitted items, or one cancellation request and no files"))
            }
            var files: [String: Data] = [:]
            for e in entries where e.name != PackageHeader.headerName && e.name != PackageHeader.signatureName {
                let p = String(e.name.dropFirst(PackageHeader.filesPrefix.count))
                guard e.name.hasPrefix(PackageHeader.filesPrefix), let hash = named[p] else {
                    throw refuse(e.name, Localized(zh: "备案包中有清单之外的文件", en: "a file the manifest does not name"))
                }
                guard SHA256Hash.hex(e.data) == hash else {
                    throw refuse(e.name, Localized(zh: "文件与清单中的哈希不符", en: "the file does not match its hash in the manifest"))
                }
                files[p] = e.data
            }
            if let missing = named.keys.sorted().first(where: { files[$0] == nil }) {
                throw refuse(PackageHeader.filesPrefix + missing, Localized(zh: "清单中的文件缺失", en: "a file the manifest names is missing"))
            }
            return OpenedPackage(header: header, filerKey: filerKey, files: files, bytes: data, path: path)
        }
    }

    /// Receives an opened package into this record, which the facade opened with the package's
    /// files and holds the registry's lock and the bundle's for (`Registry.receive`). A package
    /// is refused unless it is signed by a key a reviewer bound to the entity (or, for an entity
    /// the registry has never approved, proposes one), names the entity's credit code, is newer
    /// than the latest package received for the bundle, is based on the registry's newest
    /// decision, and its signed manifests cover every file of every item it names.
    mutating func receive(_ package: OpenedPackage) throws(RegistryError) -> ReceiveOutcome {
        let header = package.header
        if ledger.events.contains(where: { $0.package == header.id }) {
            return .alreadyReceived(header.bundle, completed: try completeRecordedHead())
        }
        // Nothing is written (not even the registry's copy of the files) for a bundle whose
        // ledger does not extend what the registry recorded.
        try requireExtendsRecordedHeads()
        try requireNewer(package)
        try requireMayFile(package)
        try requireBase(package)
        let received = ReceivedPackage(id: header.id, filerKey: package.filerKey.description, sequence: header.sequence, bytes: package.bytes)
        if let cancel = header.cancel {
            guard let item = ItemRef(cancel.item) else {
                throw package.refuse(PackageHeader.headerName, Localized(zh: "无法识别的事项“\(cancel.item)”", en: "unknown item '\(cancel.item)'"), OpenedPackage.notPackage)
            }
            var e = try cancellation(item, reason: cancel.reason, attestation: header.attestation, actor: header.actor)
            e.package = received.id
            e.filerKey = received.filerKey
            e.packageSeq = received.sequence
            try SubmittedFiles(paths: paths).store(["": package.bytes])
            return .received(header.bundle, [try record(e)])
        }
        let items = header.items.compactMap { ItemRef($0.item) }
        let signed = Dictionary(header.items.map { ($0.item, $0.manifest) }, uniquingKeysWith: { a, _ in a })
        let events = try submit(items, attestation: header.attestation, actor: header.actor, received: received) { (_, _, manifests) throws(RegistryError) in
            // The signed header covers every file of every item it names: a file the item
            // needs that the package does not carry would come from the registry's own copy.
            for (item, manifest) in manifests where signed[item.description] != manifest {
                let missing = manifest.keys.sorted().first { signed[item.description]?[$0] != manifest[$0] } ?? ""
                throw package.refuse(PackageHeader.headerName,
                    Localized(zh: "备案包的清单没有覆盖 \(item) 的全部文件（缺 \(missing)）", en: "the package's manifest does not cover every file of \(item) (missing \(missing))"),
                    Localized(zh: "用 beian submit --out 重新生成备案包：它会带上事项的全部文件", en: "make the package again with beian submit --out, which carries every file of each item"))
            }
            return nil  // `received` already names the package
        }
        return .received(header.bundle, events)
    }

    /// Refuses a package that is not newer than the latest one received for this bundle.
    func requireNewer(_ package: OpenedPackage) throws(RegistryError) {
        guard let latest = ledger.events.filter({ $0.package != nil }).compactMap(\.packageSeq).max(),
              package.header.sequence <= latest else { return }
        throw package.refuse(PackageHeader.headerName,
            Localized(zh: "备案包不比登记簿最近接收的备案包新（序号 \(package.header.sequence)，已接收到 \(latest)）：旧备案包不能重放", en: "the package is not newer than the latest one received (sequence \(package.header.sequence), received up to \(latest)): an old package cannot be replayed"),
            Localized(zh: "在填报方的备案包中重新提交，生成新的备案包", en: "submit again from the filer's bundle to make a new package"))
    }

    /// Refuses a package based on anything but the newest decision the registry made. Before
    /// any key is bound, only decisions on this key's own submissions count: a new entity's
    /// earlier proposals may have been another key's, whose receipts this filer cannot have.
    func requireBase(_ package: OpenedPackage) throws(RegistryError) {
        guard let newest = newestDecision(for: boundFilerKeys.isEmpty ? package.filerKey.description : nil),
              newest.seq != package.header.baseSeq || newest.hash != package.header.baseEvent else { return }
        throw package.refuse(PackageHeader.headerName,
            Localized(zh: "备案包基于过时的版本：登记簿已作出第 \(newest.seq) 号决定，填报方只导入到第 \(package.header.baseSeq) 号", en: "the package is based on an outdated version: the registry made decision #\(newest.seq), the filer imported up to #\(package.header.baseSeq)"),
            Localized(zh: "先导入登记簿的最新回执（beian receipt import），再重新提交", en: "import the registry's newest receipts first (beian receipt import), then submit again"))
    }

    /// The newest approval or rejection; with `key`, the newest one deciding a submission that
    /// key's package brought.
    func newestDecision(for key: String?) -> LedgerEvent? {
        guard let key else { return ledger.events.last { $0.action == .approve || $0.action == .reject } }
        var pendingKey: [String: String?] = [:]
        var newest: LedgerEvent?
        for e in ledger.events {
            switch e.action {
            case .submit, .cancelRequest: pendingKey[e.item.description] = e.filerKey
            case .approve, .reject: if pendingKey[e.item.description] == .some(key) { newest = e }
            default: break
            }
        }
        return newest
    }
}

/// A package being received: its id (the SHA-256 of its signed header), its sequence, the filer
/// key that signed it, and its bytes (kept under `.beian/objects/`).
public struct ReceivedPackage: Sendable {
    public var id: String
    public var filerKey: String
    public var sequence: Int
    public var bytes: Data
}
