import BeianDiagnostics
import BeianModel
import BeianBundle
import BeianStore
import BeianTrust
import Foundation

/// 审核: the reviewer's side. Approvals hold the registry lock, so numbers stay unique.
extension BundleRecord {
    /// Approves a pending item: a new or changed item gets its snapshot (and an algorithm its
    /// 备案编号); a pending cancellation retires the number. The lifecycle rules decide first
    /// (`Lifecycle.approve`); the facade (`Registry.approve`) holds the locks and opened this
    /// record in the submitted view.
    mutating func approve(_ item: ItemRef, reviewer: String, submission given: String? = nil) throws(RegistryError) -> LedgerEvent {
        let s = state(item)
        var e: LedgerEvent
        switch try rules.approve(item, submission: given, initialized: config != nil, by: stamp(actor: reviewer)) {
        case .cancellation(let cancelled): return try record(cancelled)
        case .filing(let filing, _): e = filing
        }
        // The files are those submitted (read from their stored bytes); a manifest that does not
        // match them means the stored submission is inconsistent.
        let current = Manifest.compute(for: item, in: bundle)
        if let sealed = s.lastSubmit?.manifest, let changed = Manifest.firstDifference(sealed: sealed, current: current) {
            throw .integrity(Diagnostic(.sealedFileChanged, at: SourceLocation(path: bundle.display(changed)),
                message: Localized(zh: "提交后该文件被改动过", en: "this file changed after it was submitted"),
                help: Localized(zh: "退回（reject）该提交，由填报人员重新提交", en: "reject the submission so the filer can submit again")))
        }
        let errors = bundle.diagnostics(for: item).filter { $0.severity == .error }
        if !errors.isEmpty { throw RegistryError(.findings, errors) }
        var snap = snapshot(of: item, manifest: current)
        e.manifest = current
        try complete(&e, &snap, item: item, s)
        e.snapshot = try writeSnapshot(snap)
        // The crash test dies here, between the snapshot and the ledger write (debug builds only).
        FaultPoint.hit("after-snapshot")
        return try record(e)
    }

    /// What an approval of a filing adds that needs the files: the entity's id and bound key,
    /// an algorithm's number and public products, and the public note of a change.
    func complete(_ e: inout LedgerEvent, _ snap: inout Snapshot, item: ItemRef, _ s: ItemState) throws(RegistryError) {
        switch item {
        case .entity:
            try refuseDuplicateEntity()  // NameCheck.swift: one entity per registry
            if state(.entity).entityID == nil {
                e.entityID = try assignEntityID()
            }
            // The key a new entity's first package proposed is bound by this approval, and by
            // nothing else (a rejection binds nothing): SubmissionPackage.swift.
            if boundFilerKeys.isEmpty, let proposed = s.lastSubmit?.filerKey { e.filerKey = proposed }
            if let old = try approvedSnapshot(.entity)?.entity, let new = bundle.entity, old.name != new.name {
                e.note = PublicNote.entityRenamed(old: old.name, new: new.name).text
            }
        case .product:
            try requireEntityApproved()
        case .algorithm(let id):
            let entity = try requireEntityApproved()
            guard let algorithm = bundle.algorithms.first(where: { $0.id == id }), let type = algorithm.algorithmType else { throw rules.unknown(item) }
            try requireLinkedProductsReviewed(algorithm)  // ProductRule.swift
            let shown = try publicProducts(of: algorithm)
            snap.publicProducts = shown.labels
            snap.publicHosts = shown.hosts.isEmpty ? nil : shown.hosts
            if s.number == nil {
                e.number = try assignNumber(entity: entity, type: type).description
            } else if let old = try approvedSnapshot(item)?.algorithm {
                e.note = changeNote(old: old, new: algorithm)
            }
        }
    }

    /// Rejects a pending item (or a pending change or cancellation) with a reason; `submission`
    /// names what is rejected, as for `approve`.
    mutating func reject(_ item: ItemRef, reviewer: String, reason: String, submission given: String? = nil) throws(RegistryError) -> LedgerEvent {
        try record(rules.reject(item, reason: reason, submission: given, initialized: config != nil, by: stamp(actor: reviewer)))
    }

    /// The approved entity snapshot; refuses when the entity is not approved yet.
    @discardableResult
    func requireEntityApproved() throws(RegistryError) -> (entity: Entity, entityID: String) {
        let s = state(.entity)
        guard let id = s.entityID, let entity = try approvedSnapshot(.entity)?.entity else {
            throw .refuse(.entityNotApproved, at: entityFile,
                          Localized(zh: "主体信息尚未通过审核", en: "the entity is not approved yet"),
                          help: Localized(zh: "先审核通过 entity，再审核算法", en: "approve the entity first, then its algorithms"))
        }
        return (entity, id)
    }

    /// `名称（形态）` of every product the algorithm applies to, from their approved versions,
    /// and the hosts of their URLs (`Product.publicHost`, in product order, without repeats).
    func publicProducts(of algorithm: Algorithm) throws(RegistryError) -> (labels: [String], hosts: [String]) {
        var labels: [String] = []
        for id in algorithm.appliesTo.map(\.product) where !labels.contains(id) { labels.append(id) }
        var out: [String] = []
        var hosts: [String] = []
        for id in labels {
            guard let product = try approvedSnapshot(.product(id))?.product else {
                throw .refuse(.linkedProductNotApproved, at: bundle.display(BundlePaths.productFile(id)),
                              Localized(zh: "关联产品 \(id) 尚未通过审核", en: "linked product \(id) is not approved yet"),
                              help: Localized(zh: "先审核通过 product:\(id)", en: "approve product:\(id) first"))
            }
            out.append(product.publicLabel)
            if let host = product.publicHost, !hosts.contains(host) { hosts.append(host) }
        }
        return (out, hosts)
    }

    /// The next 备案编号 for this entity and type: the sequence continues across years and
    /// never reuses a number, cancelled ones included.
    func assignNumber(entity: (entity: Entity, entityID: String), type: AlgorithmType) throws(RegistryError) -> FilingNumber {
        let used = ledger.events.compactMap(\.filingNumber).filter { $0.typeCode == type.code && $0.entityID == entity.entityID }
        let sequence = (used.map(\.sequence).max() ?? 0) + 1
        guard let n = FilingNumber(region: entity.entity.region, entityID: entity.entityID, typeCode: type.code,
                                   year: clock.today.year % 100, sequence: sequence) else {
            throw .refuse(.notApproved, at: entityFile, Localized(zh: "无法生成备案编号（序号已用尽）", en: "cannot form a filing number (sequence exhausted)"),
                          help: Localized(zh: "联系登记簿管理员", en: "contact the registry's administrator"))
        }
        return n
    }

    /// Assigns this bundle's entity id in the registry-wide ledger (under the registry lock).
    func assignEntityID() throws(RegistryError) -> String {
        var registry: Ledger
        // With the index, `entities.jsonl` is read from its end only and the ids looked up.
        if let index = try openIndex() {
            do { registry = try Ledger.openTail(paths.entitiesLedger, displayPath: paths.entitiesDisplay) } catch { throw .integrity(error) }
            var id = EntityIDs.next(for: bundle.entity?.creditCode ?? bundle.id, taken: [])
            do throws(SQLiteDB.Failure) {
                if let existing = try index.entityID(of: bundle.id) { return existing }
                while try index.isTaken(id) { id = EntityIDs.next(for: bundle.entity?.creditCode ?? bundle.id, taken: [id], after: id) }
            } catch { throw .integrity(RegistryIndexStore.failure(paths.registryDisplay, error)) }
            return try append(id, to: &registry)
        }
        do { registry = try Ledger.open(paths.entitiesLedger, displayPath: paths.entitiesDisplay) } catch { throw .integrity(error) }
        let assigned = EntityIDs.assigned(registry)
        if let existing = assigned.first(where: { $0.value == bundle.id })?.key { return existing }
        let id = EntityIDs.next(for: bundle.entity?.creditCode ?? bundle.id, taken: Set(assigned.keys))
        return try append(id, to: &registry)
    }

    private func append(_ id: String, to registry: inout Ledger) throws(RegistryError) -> String {
        var e = LedgerEvent(seq: registry.nextSeq, clock: clock, actor: "beian", action: .assignEntityID, item: .bundle(bundle.id), prev: registry.head)
        e.entityID = id
        do { try registry.append(e, signer: signer) } catch { throw .integrity(error) }
        return id
    }

    /// A public note for an approved change of an algorithm.
    func changeNote(old: Algorithm, new: Algorithm) -> String? {
        var parts: [PublicNote.AlgorithmChange] = []
        if old.name != new.name { parts.append(.renamed(old: old.name, new: new.name)) }
        if old.appliesTo != new.appliesTo { parts.append(.products) }
        if old.purpose != new.purpose { parts.append(.purpose) }
        if old.disclosure != new.disclosure { parts.append(.disclosure) }
        return (parts.isEmpty ? PublicNote.filingChanged : .algorithmChanged(parts)).text
    }
}
