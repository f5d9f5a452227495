import BeianDiagnostics
public import BeianModel
import BeianBundle
import BeianStore
public import Foundation

/// 提交: the filer's side of the lifecycle.
extension BundleRecord {
    /// Items that are new or changed since their last submission or approval: their files as
    /// they are now, or as already read (`bytes`, from `Manifest.collect`).
    public func changedItems(bytes: [String: Data]? = nil) -> [ItemRef] {
        bundle.items.sorted().filter { item in
            let s = state(item)
            guard s.status != .cancelled, s.status != .cancelPending, rules.cancelledRefusal(item) == nil else { return false }
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
            guard rules.cancelledRefusal(item) != nil else { return false }
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
    /// The record was opened for it keeping the bytes it read (`Registry`, `keepingBytes`; a
    /// received package's files are its overlay already): every file is read and parsed once,
    /// and the bytes that show what changed are those validated, stored and sealed, whatever
    /// happens to the folder meanwhile. A file the loader could not read is an error of its
    /// item, so it is never sealed unvalidated.
    ///
    /// `received` marks a submission that arrived in a sealed package (`receive`): the package's
    /// id, sequence and signing filer key, and its bytes (kept as an object); its files are
    /// also written into the registry's copy of the bundle. `sealed` sees the validated bundle,
    /// the bytes and each item's manifest just before anything is written; what it throws stops
    /// the submission. When it seals a package (a filer's `submit --out`) it returns the
    /// package's id, which the filer's own events record (`package`), so `beian log` on the
    /// filer's copy names the package each submission went out in.
    mutating func submit(_ requested: [ItemRef]?, attestation: String?, actor: String,
                         received: ReceivedPackage? = nil,
                         sealed: (LoadedBundle, [String: Data], [(ItemRef, [String: String])]) throws(RegistryError) -> String? = { _, _, _ in nil }) throws(RegistryError) -> [LedgerEvent] {
        guard attestation == Lifecycle.attestation else {
            throw .refuse(.attestationMissing, at: bundle.displayRoot,
                          Localized(zh: "提交须附承诺“\(Lifecycle.attestation)”", en: "a submission needs the commitment “\(Lifecycle.attestation)”"),
                          help: Localized(zh: "加上 --attest \"\(Lifecycle.attestation)\"，或在终端中确认", en: "add --attest \"\(Lifecycle.attestation)\", or confirm it at the terminal"))
        }
        // The bytes of every covered file, through `bundle.files`: those the loader read are in
        // its overlay (kept, or a received package's), so none is read or parsed again.
        let read = requested == nil ? Manifest.collect(bundle.items, in: bundle) : nil
        let items = try itemsToSubmit(requested, read: read, received: received)
        let bytes = Manifest.collect(items, in: bundle)
        let findings = rules.submissionRefusals(items) + items.flatMap { bundle.diagnostics(for: $0).filter { $0.severity == .error } }
            + (items.contains(.entity) ? entityNameFindings().filter { $0.severity == .error } : [])  // NameCheck.swift
        if !findings.isEmpty { throw RegistryError(.findings, findings.sorted()) }

        let manifests = items.map { ($0, Manifest.of($0, in: bundle, bytes: bytes)) }
        let (built, snapshots) = events(manifests, linked: linkedProducts(submitting: items, in: bundle), attestation: attestation, actor: actor)
        var out = built
        if let received {
            for i in out.indices {
                out[i].package = received.id
                out[i].filerKey = received.filerKey
                out[i].packageSeq = received.sequence
            }
        }
        if let sent = try sealed(bundle, bytes, manifests), received == nil {
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
            throw rules.unknown(item)
        }
        // Edits of cancelled items are never submitted: say so rather than "nothing changed".
        if let read, items.isEmpty, let edited = editedCancelledItems(bytes: read).first, let refusal = rules.cancelledRefusal(edited) { throw refusal }
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

    /// The events of a submission, and the snapshots of the products recorded directly.
    func events(_ manifests: [(ItemRef, [String: String])], linked: Set<String>, attestation: String?, actor: String) -> ([LedgerEvent], [Snapshot]) {
        var out: [LedgerEvent] = []
        var snapshots: [Snapshot] = []
        for (item, manifest) in manifests {
            if case .product(let id) = item, !linked.contains(id) {
                // Not linked to any algorithm: edited directly, recorded without review.
                let snap = snapshot(of: item, manifest: manifest)
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

    /// Asks to cancel an approved item: an algorithm (注销), a product (下线) or the entity
    /// itself (主体注销: once approved, every item of the bundle is cancelled with it).
    mutating func requestCancellation(_ item: ItemRef, reason: String, attestation: String?, actor: String) throws(RegistryError) -> LedgerEvent {
        try record(cancellation(item, reason: reason, attestation: attestation, actor: actor))
    }

    /// The checked `cancel_request` event, not yet recorded (`Lifecycle.requestCancellation`).
    func cancellation(_ item: ItemRef, reason: String, attestation: String?, actor: String) throws(RegistryError) -> LedgerEvent {
        let linkedBy = if case .product(let id) = item { algorithmsLinking(id) } else { [ItemRef]() }  // ProductRule.swift
        return try rules.requestCancellation(item, reason: reason, attestation: attestation, linkedBy: linkedBy, by: stamp(actor: actor))
    }
}
