public import BeianBundle
import BeianDiagnostics
public import BeianModel
import BeianStore
public import BeianTrust
import Foundation

/// A bundle together with its ledger, replayed: what every registry command starts from.
///
/// Its state is read-only (`private(set)`): a record is opened only by the registry facade
/// (`Registry`, which takes the locks and owns the paths), and changes only by appending
/// events through `record(_:)` below, which the facade's operations call under those locks.
/// This file is the one place that assigns a record's state.
public struct BundleRecord: Sendable {
    public private(set) var bundle: LoadedBundle
    public private(set) var paths: RegistryPaths
    public private(set) var ledger: Ledger
    public private(set) var states: [ItemRef: ItemState]
    public private(set) var clock: Clock
    /// Who the registry trusts; nil when the registry was never initialized.
    public private(set) var config: RegistryConfig?
    /// The key that signs the events this record appends (a reviewer's, for decisions).
    public private(set) var signer: SigningKey?

    /// Which files an opened record reads for items under review.
    public enum View: Sendable {
        /// The folder as it is now: the filer's view (`status`, `submit`, `cancel`).
        case live
        /// Each pending item as it was submitted (its stored bytes, `SubmittedFiles`), the rest
        /// from the folder: the reviewer's view, so what is shown, validated and approved is
        /// exactly what was submitted.
        case submitted
    }

    /// Loads the bundle (non-draft) and verifies its ledger. Refuses a symbolic link among the
    /// tool's own files (B008) before reading anything. Called by the facade only
    /// (`Registry.record(bundle:view:)`, and its operations under their locks).
    ///
    /// `overlay` adds files given as bytes (a received package's; then the bundle folder need
    /// not exist yet). `keepingBytes` (a submission) keeps the bytes of every file the loader
    /// read, so that what is validated is what is sealed, each file read and parsed once.
    static func open(_ path: String, clock: Clock, view: View = .live, overlay extra: [String: Data] = [:],
                     keepingBytes: Bool = false) throws(RegistryError) -> BundleRecord {
        // A registry given where a bundle is wanted is named as such (not "nothing matches").
        if let problem = RegistryFolder.bundleProblem(path) { throw .integrity(problem) }
        let paths = RegistryPaths(bundlePath: path)
        try paths.checkNoLinks()
        let ledger: Ledger
        do {
            ledger = try Ledger.open(paths.ledger, displayPath: paths.ledgerDisplay)
        } catch {
            throw .integrity(error)
        }
        let states = ItemState.replay(ledger.events)
        var overlay = extra
        if view == .submitted {
            let live = BundleFiles(root: paths.bundle, displayRoot: paths.bundleDisplay)
            for (_, state) in states.sorted(by: { $0.key < $1.key }) where state.status == .submitted || state.status == .changePending {
                guard let manifest = state.lastSubmit?.manifest else { continue }
                switch SubmittedFiles(paths: paths).restore(manifest, live: live) {
                case .success(let files): overlay.merge(files) { a, _ in a }
                case .failure(let d): throw .integrity(d)
                }
            }
        }
        let bundle: LoadedBundle
        do {
            bundle = try BundleLoader(draft: false, today: clock.today, keepingBytes: keepingBytes).load(path, overlay: overlay)
        } catch {
            throw .integrity(error.diagnostic)
        }
        let config = try RegistryConfig.load(registry: paths.registryRoot, display: paths.registryDisplay)
        return BundleRecord(bundle: bundle, paths: paths, ledger: ledger, states: states, clock: clock, config: config)
    }

    /// The lifecycle rules over this record's states (`Lifecycle`: no I/O).
    public var rules: Lifecycle { Lifecycle(states: states, items: bundle.items, displayRoot: bundle.displayRoot) }

    /// The state of an item (draft when the ledger never mentions it).
    public func state(_ item: ItemRef) -> ItemState { states[item] ?? ItemState(item: item) }

    /// True when the item exists in the bundle's files or in the ledger.
    public func exists(_ item: ItemRef) -> Bool { bundle.items.contains(item) || states[item] != nil }

    /// Where the next event of this record goes, stamped with its clock.
    func stamp(actor: String) -> Lifecycle.Stamp {
        Lifecycle.Stamp(seq: ledger.nextSeq, prev: ledger.head, clock: clock, actor: actor)
    }

    /// Makes `key` the signer of this record's decisions, refusing (S712) a missing or
    /// untrusted key in an initialized registry.
    mutating func authorize(_ key: SigningKey?) throws(RegistryError) {
        signer = key
        guard let config else { return }
        guard let key else {
            throw .refuse(.keyRequired, at: paths.registryDisplay,
                          Localized(zh: "此登记簿已初始化：审核决定须用审核员密钥签名", en: "this registry is initialized: a decision must be signed with a reviewer key"),
                          help: Localized(zh: "加上 --key 审核员私钥文件", en: "add --key YOUR_REVIEWER_KEY_FILE"))
        }
        guard config.trustsReviewer(key.verifierKey) else {
            throw .refuse(.keyRequired, at: paths.registryDisplay,
                          Localized(zh: "密钥 \(key.verifierKey.name)（指纹 \(key.verifierKey.keyID)）不是此登记簿信任的审核员密钥", en: "key \(key.verifierKey.name) (fingerprint \(key.verifierKey.keyID)) is not a reviewer key this registry trusts"),
                          help: Localized(zh: "由登记簿管理员运行 beian registry trust --reviewer \(key.verifierKey)", en: "have the registry's administrator run beian registry trust --reviewer \(key.verifierKey)"))
        }
    }

    /// The approved snapshot of an item, read and checked against its hash.
    public func approvedSnapshot(_ item: ItemRef) throws(RegistryError) -> Snapshot? {
        guard let hash = state(item).lastApproval?.snapshot else { return nil }
        return try readSnapshot(hash)
    }

    func readSnapshot(_ hash: String) throws(RegistryError) -> Snapshot {
        try SnapshotReader(paths: paths).read(hash)
    }

    /// Writes a snapshot file (content-addressed) and returns its hash.
    func writeSnapshot(_ snapshot: Snapshot) throws(RegistryError) -> String {
        let data = snapshot.encoded()
        let hash = SHA256Hash.hex(data)
        let url = paths.snapshot(hash)
        if !FileManager.default.fileExists(atPath: url.path) {
            do { try AtomicFile.write(data, to: url) } catch {
                throw .writeFailed(paths.snapshotDisplay(hash), error)
            }
        }
        return hash
    }

    /// Appends an event to this bundle's ledger and updates the states.
    mutating func record(_ event: LedgerEvent) throws(RegistryError) -> LedgerEvent {
        try record([event])[0]
    }

    /// Appends events in one atomic write of the ledger (all of them or none) and updates the states.
    ///
    /// In an initialized registry the bundle's new head is then recorded in `heads.jsonl`
    /// (the caller holds the registry's lock: `locked` takes it whenever the registry is
    /// initialized). A crash between the two writes leaves the registry's record one event
    /// behind, which `beian verify` reports (L606) rather than trusting.
    ///
    /// History is one-way: in an initialized registry, a ledger that does not extend every head
    /// the registry recorded for this bundle (rolled back, or rewritten) is refused (L606) before
    /// anything is written, so no later write can make a rolled-back ledger current again.
    mutating func record(_ events: [LedgerEvent]) throws(RegistryError) -> [LedgerEvent] {
        let index = try openIndex()
        try requireExtendsRecordedHeads(index)
        let name = paths.bundle.lastPathComponent
        // Dirty until refreshed: a crash in between leaves the row to be read again from the ledger.
        do { try index?.markDirty(name) } catch { throw .integrity(RegistryIndexStore.failure(paths.registryDisplay, error)) }
        let sealed: [LedgerEvent]
        do { sealed = try ledger.append(contentsOf: events, signer: signer) } catch { throw .integrity(error) }
        states = rules.applying(sealed).states
        // The crash test dies here, between the ledger and its head (debug builds only).
        FaultPoint.hit("after-ledger")
        if config != nil { try recordHead(actor: signer?.name ?? sealed.last?.actor ?? "beian") }
        do { try index?.refresh(self) } catch { throw .integrity(RegistryIndexStore.failure(paths.registryDisplay, error)) }
        return sealed
    }

    /// The registry's index, caught up (nil in a folder that is no registry yet).
    func openIndex() throws(RegistryError) -> RegistryIndexStore? {
        try RegistryIndexStore.open(root: paths.registryRoot, display: paths.registryDisplay, clock: clock)
    }

    /// Every head the registry recorded for this bundle: from the index when there is one
    /// (caught up with `heads.jsonl` as it was opened), else from `heads.jsonl` itself.
    func recordedHeads(_ index: RegistryIndexStore?) throws(RegistryError) -> [LedgerEvent] {
        let name = paths.bundle.lastPathComponent
        if let index {
            do { return try index.recordedHeads(name, clock: clock) } catch { throw .integrity(RegistryIndexStore.failure(paths.registryDisplay, error)) }
        }
        return RegistryHeads.all(try RegistryHeads.open(registry: paths.registryRoot, display: paths.registryDisplay))[name] ?? []
    }

    /// L606 when, in an initialized registry, this bundle's ledger does not extend every head
    /// the registry recorded for it.
    func requireExtendsRecordedHeads(_ index: RegistryIndexStore? = nil) throws(RegistryError) {
        guard config != nil else { return }
        let index: RegistryIndexStore? = if let index { index } else { try openIndex() }
        if let h = RegistryHeads.headNotExtended(by: ledger, try recordedHeads(index)) {
            throw .integrity(RegistryHeads.notExtended(ledger, h))
        }
    }

    /// Appends this bundle's head to `heads.jsonl` (read from its end only). A failure here
    /// leaves the ledger one step ahead of the registry's record: the error says so, and running
    /// the command again (or any later write of the bundle) records it — nothing is lost and
    /// nothing looks forged.
    mutating func recordHead(actor: String) throws(RegistryError) {
        var heads = try RegistryHeads.openForAppend(registry: paths.registryRoot, display: paths.registryDisplay)
        let e = RegistryHeads.event(.head, bundle: paths.bundle.lastPathComponent, ledger: ledger, actor: actor, clock: clock)
        do { try heads.append(e, signer: signer) } catch {
            throw .integrity(Diagnostic(.unreadable, at: SourceLocation(path: heads.displayPath),
                message: Localized(zh: "台账已写入，但登记簿未能记录其新的头（heads.jsonl）：\(error.message.zh)", en: "the ledger was written but the registry could not record its new head (heads.jsonl): \(error.message.en)"),
                help: Localized(zh: "腾出磁盘空间后重新运行同一命令（重新接收同一备案包即可补记），再运行 beian verify", en: "free disk space and run the same command again (receiving the same package again completes it), then beian verify")))
        }
    }

    /// Records the head of a ledger that is ahead of the registry's record (an interrupted
    /// write); true when it did. Nothing when the registry is not initialized or is up to date.
    mutating func completeRecordedHead() throws(RegistryError) -> Bool {
        guard config != nil else { return false }
        let index = try openIndex()
        let recorded = try recordedHeads(index)
        if let h = RegistryHeads.headNotExtended(by: ledger, recorded) { throw .integrity(RegistryHeads.notExtended(ledger, h)) }
        guard !ledger.events.isEmpty, recorded.last?.ledgerHead != ledger.head else { return false }
        try recordHead(actor: "beian")
        do { try index?.refresh(self) } catch { throw .integrity(RegistryIndexStore.failure(paths.registryDisplay, error)) }
        return true
    }

    /// A new event stamped with this record's clock.
    func event(_ action: LedgerEvent.Action, item: ItemRef, actor: String) -> LedgerEvent {
        stamp(actor: actor).event(action, item)
    }

    /// The snapshot of an item as it stands in the files now.
    func snapshot(of item: ItemRef, manifest: [String: String]) -> Snapshot {
        var fields: [String: String] = [:]
        if let doc = bundle.documents[item] { flatten(doc, prefix: "", into: &fields) }
        var snap = Snapshot(item: item.description, approvedAt: clock.timestamp, fields: fields, manifest: manifest)
        switch item {
        case .entity: snap.entity = bundle.entity
        case .product(let id): snap.product = bundle.products.first { $0.id == id }
        case .algorithm(let id):
            snap.algorithm = bundle.algorithms.first { $0.id == id }
            if let a = snap.algorithm { snap.fields["disclosure.md"] = a.disclosure }
        }
        return snap
    }

    /// The item's fields as they stand in the files now (flattened, with the disclosure).
    public func currentFields(_ item: ItemRef) -> [String: String] {
        snapshot(of: item, manifest: [:]).fields
    }

    func flatten(_ value: YAMLValue, prefix: String, into out: inout [String: String]) {
        switch value {
        case .scalar(let s): out[prefix] = s.isNull ? "" : s.text
        case .sequence(let items, _):
            if items.isEmpty { out[prefix] = "" }
            for (i, item) in items.enumerated() { flatten(item, prefix: "\(prefix)[\(i + 1)]", into: &out) }
        case .mapping(let entries, _):
            for e in entries { flatten(e.value, prefix: prefix.isEmpty ? e.key : "\(prefix).\(e.key)", into: &out) }
        }
    }

    var entityFile: String { bundle.display(BundlePaths.entityFile) }
}
