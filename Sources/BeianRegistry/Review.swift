import BeianDiagnostics
public import BeianModel
import BeianBundle
import BeianStore
public import BeianTrust
import Foundation

/// 审核: the reviewer's side. Approvals hold the registry lock, so numbers stay unique.
extension BundleRecord {
    /// Approves a pending item: a new or changed item gets its snapshot (and an algorithm its
    /// 备案编号); a pending cancellation retires the number.
    ///
    /// Holds the registry's lock and the bundle's (`locked`) from reading the ledger to
    /// appending to it, and reads the item as it was submitted (`View.submitted`): the live
    /// folder may have changed since, or be changing now.
    ///
    /// `key` signs the decision (and any entity id it assigns); in an initialized registry it
    /// is required and must be a trusted reviewer's (S712).
    ///
    /// `submission` names what is decided: the digest `review show` printed (or a prefix of at
    /// least 16 hex digits). It must be the pending submission's — a filer who submits again
    /// after the reviewer looked changes it, and the decision is refused (S716). Required in an
    /// initialized registry; without it (an uninitialized, single-folder registry) the pending
    /// submission is decided. Either way the decision records the digest it decided.
    public static func approve(bundlePath: String, item: ItemRef, reviewer: String, key: SigningKey? = nil, submission: String? = nil,
                               clock: Clock) throws(RegistryError) -> LedgerEvent {
        try locked(bundlePath, registry: true) { () throws(RegistryError) in
            var record = try BundleRecord.open(bundlePath, clock: clock, view: .submitted)
            try record.authorize(key)
            return try record.approve(item, reviewer: reviewer, submission: submission)
        }
    }

    /// The digest of `item`'s pending submission, checked against the one the reviewer named
    /// (S716 when it is missing in an initialized registry, or names anything else).
    func decidedSubmission(_ item: ItemRef, _ s: ItemState, named given: String?) throws(RegistryError) -> String? {
        let pending = s.pendingSubmission.flatMap(SubmissionDigest.of)
        let show = Localized(zh: "用 beian review show \(bundle.displayRoot) \(item) 查看待审核的提交，再用 --submission 指明它打印的摘要",
                             en: "see what is pending with beian review show \(bundle.displayRoot) \(item), then pass the digest it prints with --submission")
        guard let given else {
            guard config == nil else {
                throw .refuse(.submissionNotNamed, at: bundle.displayRoot,
                              Localized(zh: "此登记簿已初始化：审核决定须用 --submission 指明所审提交的摘要", en: "this registry is initialized: a decision must name the submission it decides with --submission"),
                              help: show)
            }
            return pending
        }
        guard let pending, SubmissionDigest.matches(given, pending) else {
            let why = given.count < SubmissionDigest.minimumPrefix
                ? Localized(zh: "摘要“\(given)”太短：至少写出 \(SubmissionDigest.minimumPrefix) 位", en: "digest '\(given)' is too short: give at least \(SubmissionDigest.minimumPrefix) hex digits")
                : Localized(zh: "\(item) 待审核的提交（摘要 \(pending.map { String($0.prefix(16)) } ?? "无")）不是 \(given) 所指的那一份：填报人员在你查看之后又提交过", en: "the pending submission of \(item) (digest \(pending.map { String($0.prefix(16)) } ?? "none")) is not the one \(given) names: the filer submitted again after you looked")
            throw .refuse(.submissionNotNamed, at: bundle.displayRoot, why, help: show)
        }
        return pending
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

    mutating func approve(_ item: ItemRef, reviewer: String, submission given: String? = nil) throws(RegistryError) -> LedgerEvent {
        guard exists(item) else { throw unknown(item) }
        let s = state(item)
        guard s.status.isPending else { throw notPending(item, s) }
        let decided = try decidedSubmission(item, s, named: given)
        if s.status == .cancelPending {
            var e = event(.approve, item: item, actor: reviewer)
            e.reason = s.pendingCancel?.reason
            e.note = PublicNote.cancelled.text
            e.submission = decided
            return try record(e)
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
        var e = event(.approve, item: item, actor: reviewer)
        e.manifest = current
        e.submission = decided
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
            guard let algorithm = bundle.algorithms.first(where: { $0.id == id }), let type = algorithm.algorithmType else { throw unknown(item) }
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
        e.snapshot = try writeSnapshot(snap)
        // The crash test dies here, between the snapshot and the ledger write (debug builds only).
        FaultPoint.hit("after-snapshot")
        return try record(e)
    }

    /// Rejects a pending item (or a pending change or cancellation) with a reason.
    /// Rejects a pending item; `submission` names what is rejected, as for `approve`.
    public static func reject(bundlePath: String, item: ItemRef, reviewer: String, reason: String, key: SigningKey? = nil, submission: String? = nil,
                              clock: Clock) throws(RegistryError) -> LedgerEvent {
        try locked(bundlePath, registry: false) { () throws(RegistryError) in
            var record = try BundleRecord.open(bundlePath, clock: clock, view: .submitted)
            try record.authorize(key)
            return try record.reject(item, reviewer: reviewer, reason: reason, submission: submission)
        }
    }

    mutating func reject(_ item: ItemRef, reviewer: String, reason: String, submission given: String? = nil) throws(RegistryError) -> LedgerEvent {
        let record = self
        guard record.exists(item) else { throw record.unknown(item) }
        guard !reason.trimmingSpacesAndNewlines.isEmpty else {
            throw .refuse(.reasonRequired, at: record.bundle.displayRoot, Localized(zh: "退回须说明理由", en: "a rejection needs a reason"),
                          help: Localized(zh: "加上 --reason \"…\"，写明需要修改什么", en: "add --reason \"…\" saying what must change"))
        }
        let s = record.state(item)
        guard s.status.isPending else { throw record.notPending(item, s) }
        var e = record.event(.reject, item: item, actor: reviewer)
        e.reason = reason
        e.submission = try record.decidedSubmission(item, s, named: given)
        return try self.record(e)
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

    func notPending(_ item: ItemRef, _ s: ItemState) -> RegistryError {
        .refuse(.notPending, at: bundle.displayRoot,
                Localized(zh: "\(item) 当前状态为\(s.status.rawValue)，没有待审核的内容", en: "\(item) is \(s.status.english); there is nothing to review"),
                help: Localized(zh: "用 beian review list 查看待审核事项", en: "see what awaits review with beian review list"))
    }

}
