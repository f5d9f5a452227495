import BeianDiagnostics
public import BeianModel
public import BeianBundle
import BeianStore
public import Foundation

/// 提交: the filer's side of the lifecycle.
extension BundleRecord {
    /// The commitment every submission carries (seed §四(四)).
    public static let attestation = "我承诺上述填报信息真实有效"

    /// Items that are new or changed since their last submission or approval: their files as
    /// they are now, or as already read (`bytes`, from `Manifest.collect`).
    public func changedItems(bytes: [String: Data]? = nil) -> [ItemRef] {
        bundle.items.sorted().filter { item in
            let s = state(item)
            guard s.status != .cancelled, s.status != .cancelPending, cancelledRefusal(item) == nil else { return false }
            let current = bytes.map { Manifest.of(item, in: bundle, bytes: $0) } ?? Manifest.compute(for: item, in: bundle)
            let sealed = (s.status.isPending ? s.lastSubmit?.manifest : nil) ?? Self.lastSealed(s)
            return sealed != current
        }
    }

    /// The files last submitted or approved for an item: the latest of its submission and its
    /// approval that names them. An approval learnt from a receipt names none — it approves
    /// what was submitted — so it never makes the item look edited.
    static func lastSealed(_ s: ItemState) -> [String: String]? {
        [s.lastSubmit, s.lastApproval].compactMap { $0 }.filter { $0.manifest != nil }.max { $0.seq < $1.seq }?.manifest
    }

    /// Items whose files changed although they are cancelled (or their entity is): never
    /// submitted, and `submit` says why instead of "nothing is new or changed".
    func editedCancelledItems(bytes: [String: Data]) -> [ItemRef] {
        bundle.items.sorted().filter { item in
            guard cancelledRefusal(item) != nil else { return false }
            let s = state(item)
            return Self.lastSealed(s) != Manifest.of(item, in: bundle, bytes: bytes)
        }
    }

    /// Submits `items` (or every new or changed item) with the commitment text.
    ///
    /// Refused without the exact commitment, or when a named item has validation errors.
    /// A product linked to no approved or pending algorithm (nor one submitted with it) is
    /// recorded directly (no review); an algorithm brings the products it links that no
    /// reviewer approved yet into the submission (`ProductRule.swift`).
    ///
    /// `received` marks a submission that arrived in a sealed package (`receive`): the package's
    /// id, sequence and signing filer key, and its bytes (kept as an object); its files are
    /// also written into the registry's copy of the bundle. `sealed` sees the validated bundle,
    /// the bytes and each item's manifest just before anything is written; what it throws stops
    /// the submission. When it seals a package (a filer's `submit --out`) it returns the
    /// package's id, which the filer's own events record (`package`), so `beian log` on the
    /// filer's copy names the package each submission went out in.
    public mutating func submit(_ requested: [ItemRef]?, attestation: String?, actor: String,
                                received: ReceivedPackage? = nil,
                                sealed: (LoadedBundle, [String: Data], [(ItemRef, [String: String])]) throws(RegistryError) -> String? = { _, _, _ in nil }) throws(RegistryError) -> [LedgerEvent] {
        guard attestation == BundleRecord.attestation else {
            throw .refuse(.attestationMissing, at: bundle.displayRoot,
                          Localized(zh: "提交须附承诺“\(BundleRecord.attestation)”", en: "a submission needs the commitment “\(BundleRecord.attestation)”"),
                          help: Localized(zh: "加上 --attest \"\(BundleRecord.attestation)\"，或在终端中确认", en: "add --attest \"\(BundleRecord.attestation)\", or confirm it at the terminal"))
        }
        // Read every file once: the bytes that show what changed are those validated, stored
        // and sealed, whatever happens to the folder meanwhile.
        let read = requested == nil ? Manifest.collect(bundle.items, in: bundle) : nil
        let items = try itemsToSubmit(requested, read: read, received: received)
        let (submitted, bytes) = try readSubmitted(items, read: read)
        // This record as it will be once submitted: the bundle read from those bytes.
        var sealedRecord = self
        sealedRecord.bundle = submitted
        let findings = refusals(items) + items.flatMap { submitted.diagnostics(for: $0).filter { $0.severity == .error } }
            + (items.contains(.entity) ? sealedRecord.entityNameFindings().filter { $0.severity == .error } : [])  // NameCheck.swift
        if !findings.isEmpty { throw RegistryError(.findings, findings.sorted()) }

        let manifests = items.map { ($0, Manifest.of($0, in: submitted, bytes: bytes)) }
        var out: [LedgerEvent], snapshots: [Snapshot]
        (out, snapshots) = events(manifests, linked: linkedProducts(submitting: items, in: submitted), sealed: sealedRecord,
                                  attestation: attestation, actor: actor)
        if let received {
            for i in out.indices {
                out[i].package = received.id
                out[i].filerKey = received.filerKey
                out[i].packageSeq = received.sequence
            }
        }
        if let sent = try sealed(submitted, bytes, manifests), received == nil {
            for i in out.indices { out[i].package = sent }
        }
        // The stored bytes and snapshots first, durable, then every event in one ledger write:
        // a crash or a full disk leaves either the whole submission or none of it (files the
        // ledger does not name are never read).
        if let received {
            // The registry's copy of the files first (not needed for durability: the objects
            // are what reviews read), then the package and the files as objects, synced once.
            try mirror(bytes)
            try SubmittedFiles(paths: paths).store(["": received.bytes], durable: false)
        }
        try SubmittedFiles(paths: paths).store(bytes)
        for snap in snapshots { _ = try writeSnapshot(snap) }
        return try record(out)
    }

    /// The items a submission covers: those named (each must exist), or every new or changed
    /// one, with the products an algorithm brings to review; refused when there are none.
    func itemsToSubmit(_ requested: [ItemRef]?, read: [String: Data]?, received: ReceivedPackage?) throws(RegistryError) -> [ItemRef] {
        var items = requested ?? changedItems(bytes: read)
        for item in items where !bundle.items.contains(item) {
            throw unknown(item)
        }
        // Edits of cancelled items are never submitted: say so rather than "nothing changed".
        if let read, items.isEmpty, let edited = editedCancelledItems(bytes: read).first, let refusal = cancelledRefusal(edited) { throw refusal }
        // An algorithm goes to review with the products it links that no reviewer has approved
        // yet (ProductRule.swift); a received package carries its items as the filer sealed them.
        if received == nil { items += productsJoiningReview(items, in: bundle) }
        items.sort()
        guard !items.isEmpty else {
            throw .refuse(.nothingToSubmit, at: bundle.displayRoot,
                          Localized(zh: "没有新增或改动的事项", en: "nothing is new or changed since the last submission"),
                          help: Localized(zh: "修改后再提交；用 beian status 查看审核进度", en: "edit something first; see review progress with beian status"))
        }
        return items
    }

    /// The items that cannot be submitted as they stand: cancelled (or their entity is), or
    /// with a cancellation awaiting review.
    func refusals(_ items: [ItemRef]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for item in items {
            if let refusal = cancelledRefusal(item) { problems += refusal.diagnostics; continue }
            let s = state(item)
            if s.status == .cancelPending {
                problems.append(Diagnostic(.stillUnderReview, at: SourceLocation(path: bundle.display(BundlePaths.files(of: item)[0])),
                    message: Localized(zh: "\(item) 的注销申请正在审核中，不能再提交", en: "a cancellation of \(item) awaits review; it cannot be submitted"),
                    help: Localized(zh: "等待注销申请的审核决定", en: "wait for the decision on the cancellation")))
            }
        }
        return problems
    }

    /// The bundle read from the bytes of every covered file, and those bytes (first those
    /// already `read`, when given). The YAML names the attachments, so the files are read again
    /// until the set they name is the set that was read (three tries, then refused).
    func readSubmitted(_ items: [ItemRef], read: [String: Data]?) throws(RegistryError) -> (LoadedBundle, [String: Data]) {
        var covered = Set(items.flatMap { Manifest.paths(for: $0, in: bundle) })
        var bytes: [String: Data] = [:]
        var submitted = bundle
        for attempt in 1... {
            if attempt == 1, let read {
                bytes = read.filter { covered.contains($0.key) }
            } else {
                bytes = Manifest.collect(items, in: submitted)
            }
            do { submitted = try BundleLoader(draft: false, today: clock.today).load(bundle.displayRoot, overlay: bytes) } catch {
                throw .integrity(error.diagnostic)
            }
            let named = Set(items.flatMap { Manifest.paths(for: $0, in: submitted) })
            if named == covered { break }
            covered = named
            if attempt == 3 {
                throw .refuse(.sealedFileChanged, at: bundle.displayRoot,
                              Localized(zh: "提交过程中备案包的文件不断变化", en: "the bundle's files kept changing while they were being submitted"),
                              help: Localized(zh: "等编辑完成后再提交", en: "finish editing, then submit"))
            }
        }
        return (submitted, bytes)
    }

    /// The events of a submission, and the snapshots of the products recorded directly.
    func events(_ manifests: [(ItemRef, [String: String])], linked: Set<String>, sealed sealedRecord: BundleRecord,
                attestation: String?, actor: String) -> ([LedgerEvent], [Snapshot]) {
        var out: [LedgerEvent] = []
        var snapshots: [Snapshot] = []
        for (item, manifest) in manifests {
            if case .product(let id) = item, !linked.contains(id) {
                // Not linked to any algorithm: edited directly, recorded without review.
                let snap = sealedRecord.snapshot(of: item, manifest: manifest)
                snapshots.append(snap)
                var e = event(.record, item: item, actor: actor)
                e.manifest = manifest
                e.attestation = attestation
                e.snapshot = SHA256Hash.hex(snap.encoded())
                out.append(e)
                continue
            }
            var e = event(.submit, item: item, actor: actor)
            e.change = state(item).lastApproval != nil
            e.manifest = manifest
            e.attestation = attestation
            e.submission = SubmissionDigest.of(item: item.description, manifest: manifest)
            out.append(e)
        }
        return (out, snapshots)
    }

    /// Writes received files into the registry's copy of the bundle (never through a link).
    func mirror(_ files: [String: Data]) throws(RegistryError) {
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            // `kind` checks every component from the bundle down, the file's folders included.
            if case .link(let at) = NoFollow.kind(root: paths.bundle, path) { throw .integrity(RegistryPaths.linkRefused(bundle.display(at))) }
            do { try AtomicFile.write(data, to: paths.bundle.appendingPathComponent(path), durable: false) } catch {
                throw .writeFailed(bundle.display(path), error)
            }
        }
    }

    /// `submit` holding the bundle's write lock from reading the ledger to appending to it.
    public static func submit(bundlePath: String, items: [ItemRef]?, attestation: String?, actor: String, clock: Clock) throws(RegistryError) -> [LedgerEvent] {
        try locked(bundlePath, registry: false) { () throws(RegistryError) in
            var record = try BundleRecord.open(bundlePath, clock: clock)
            return try record.submit(items, attestation: attestation, actor: actor)
        }
    }

    /// `requestCancellation` holding the bundle's write lock.
    public static func requestCancellation(bundlePath: String, item: ItemRef, reason: String, attestation: String?, actor: String, clock: Clock) throws(RegistryError) -> LedgerEvent {
        try locked(bundlePath, registry: false) { () throws(RegistryError) in
            var record = try BundleRecord.open(bundlePath, clock: clock)
            return try record.requestCancellation(item, reason: reason, attestation: attestation, actor: actor)
        }
    }

    /// Asks to cancel an approved item: an algorithm (注销), a product (下线, withdrawal) or the
    /// entity itself (主体注销: once approved, every item of the bundle is cancelled with it).
    public mutating func requestCancellation(_ item: ItemRef, reason: String, attestation: String?, actor: String) throws(RegistryError) -> LedgerEvent {
        try record(cancellation(item, reason: reason, attestation: attestation, actor: actor))
    }

    /// The checked `cancel_request` event, not yet recorded.
    func cancellation(_ item: ItemRef, reason: String, attestation: String?, actor: String) throws(RegistryError) -> LedgerEvent {
        guard attestation == BundleRecord.attestation else {
            throw .refuse(.attestationMissing, at: bundle.displayRoot,
                          Localized(zh: "注销申请须附承诺“\(BundleRecord.attestation)”", en: "a cancellation needs the commitment “\(BundleRecord.attestation)”"),
                          help: Localized(zh: "加上 --attest \"\(BundleRecord.attestation)\"", en: "add --attest \"\(BundleRecord.attestation)\""))
        }
        guard exists(item) else { throw unknown(item) }
        guard !reason.trimmingSpacesAndNewlines.isEmpty else {
            throw .refuse(.reasonRequired, at: bundle.displayRoot, Localized(zh: "注销须说明理由", en: "a cancellation needs a reason"),
                          help: Localized(zh: "加上 --reason \"…\"", en: "add --reason \"…\""))
        }
        let s = state(item)
        if let refusal = cancelledRefusal(item) { throw refusal }
        if s.status == .cancelPending {
            throw .refuse(.stillUnderReview, at: bundle.displayRoot,
                          Localized(zh: "\(item) 的注销申请已于 \(s.pendingCancel?.time ?? "") 提交，正在审核中", en: "a cancellation of \(item) was requested at \(s.pendingCancel?.time ?? "") and awaits review"),
                          help: Localized(zh: "等待审核决定；用 beian status 查看进度", en: "wait for the decision; see it with beian status"))
        }
        guard s.status == .approved else {
            let what = Localized(zh: "\(item) 当前状态为\(s.status.rawValue)，只有已通过的事项可以注销", en: "\(item) is \(s.status.english); only approved items can be cancelled")
            let help = s.status.isPending ? Localized(zh: "等待审核结束后再申请注销", en: "wait until the review is decided")
                : Localized(zh: "从未通过审核的事项无需注销：直接从备案包中删除它的文件", en: "an item never approved needs no cancellation: remove its files from the bundle")
            throw .refuse(.notApproved, at: bundle.displayRoot, what, help: help)
        }
        if case .product(let id) = item {
            // A withdrawn product must not stay behind an active algorithm's public products.
            let users = algorithmsLinking(id).map(\.description)  // ProductRule.swift
            if !users.isEmpty {
                throw .refuse(.productStillLinked, at: bundle.display(BundlePaths.productFile(id)),
                              Localized(zh: "\(item) 仍被 \(users.joined(separator: "、")) 关联，不能下线", en: "\(item) is still linked by \(users.joined(separator: ", ")) and cannot be withdrawn"),
                              help: Localized(zh: "先变更这些算法的 applies_to（或注销它们），再申请下线", en: "change those algorithms' applies_to (or cancel them) first, then withdraw the product"))
            }
        }
        var e = event(.cancelRequest, item: item, actor: actor)
        e.reason = reason
        e.attestation = attestation
        e.submission = SubmissionDigest.of(item: item.description, cancelReason: reason)
        return e
    }

    /// S714 when `item` is cancelled (on its own or with its entity) or its entity is, or is
    /// being, cancelled: a cancelled filing is final, and no edit of it is submitted.
    func cancelledRefusal(_ item: ItemRef) -> RegistryError? {
        let s = state(item), entity = state(.entity)
        let at = bundle.display(BundlePaths.files(of: item).first ?? BundlePaths.entityFile)
        if s.status == .cancelled {
            let when = s.cancelledAt.map { $0.date.description } ?? ""
            let zh = s.cancelledWithEntity ? "\(item) 已随主体于 \(when) 注销" : "\(item) 已于 \(when) 注销"
            let en = s.cancelledWithEntity ? "\(item) was cancelled with its entity on \(when)" : "\(item) was cancelled on \(when)"
            return .refuse(.itemCancelled, at: at, Localized(zh: zh + "；已注销的备案不能再变更、提交或注销", en: en + "; a cancelled filing cannot be changed, submitted or cancelled again"),
                           help: item == .entity || s.cancelledWithEntity
                               ? Localized(zh: "主体注销后，重新备案须新建备案包（beian init）", en: "after the entity is cancelled, file again in a new bundle (beian init)")
                               : Localized(zh: "以新的标识重新添加（beian add），再提交；原备案编号不再使用", en: "add it again under a new id (beian add) and submit that; the old filing number is never reused"))
        }
        if item != .entity, entity.status == .cancelled || entity.status == .cancelPending {
            return .refuse(.itemCancelled, at: at,
                           Localized(zh: entity.status == .cancelled ? "主体已注销，\(item) 不能再变更、提交或注销" : "主体注销申请正在审核中，\(item) 不能再变更、提交或注销",
                                     en: entity.status == .cancelled ? "the entity is cancelled; \(item) cannot be changed, submitted or cancelled" : "the entity's cancellation awaits review; \(item) cannot be changed, submitted or cancelled"),
                           help: Localized(zh: "主体注销后，重新备案须新建备案包（beian init）", en: "after the entity is cancelled, file again in a new bundle (beian init)"))
        }
        return nil
    }

    func unknown(_ item: ItemRef) -> RegistryError {
        .refuse(.unknownItem, at: bundle.displayRoot,
                Localized(zh: "备案包中没有 \(item)", en: "the bundle has no \(item)"),
                help: Localized(zh: "事项写作 entity、product:<标识> 或 algorithm:<标识>；已有：\(bundle.items.map(\.description).joined(separator: ", "))",
                                en: "items are entity, product:<id> or algorithm:<id>; this bundle has: \(bundle.items.map(\.description).joined(separator: ", "))"))
    }
}
