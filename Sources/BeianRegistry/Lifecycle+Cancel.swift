public import BeianDiagnostics
public import BeianModel
import BeianBundle

/// The rules of submitting, cancelling (注销, 下线, 主体注销) and revoking (监管部门注销).
extension Lifecycle {
    /// The items that cannot be submitted as they stand: cancelled (or their entity is), or
    /// with a cancellation awaiting review.
    public func submissionRefusals(_ items: [ItemRef]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for item in items {
            if let refusal = cancelledRefusal(item) { problems += refusal.diagnostics; continue }
            if state(item).status == .cancelPending {
                problems.append(Diagnostic(.stillUnderReview, at: SourceLocation(path: display(BundlePaths.files(of: item)[0])),
                    message: Localized(zh: "\(item) 的注销申请正在审核中，不能再提交", en: "a cancellation of \(item) awaits review; it cannot be submitted"),
                    help: Localized(zh: "等待注销申请的审核决定", en: "wait for the decision on the cancellation")))
            }
        }
        return problems
    }

    /// A filer's request to cancel an approved item (`cancel_request`): refused without the
    /// commitment (S703), a reason, for an item not approved, already cancelled or being
    /// cancelled, and for a product the active algorithms `linkedBy` still link (S715).
    public func requestCancellation(_ item: ItemRef, reason: String, attestation: String?, linkedBy: [ItemRef], by stamp: Stamp) throws(RegistryError) -> LedgerEvent {
        guard attestation == Lifecycle.attestation else {
            throw .refuse(.attestationMissing, at: displayRoot,
                          Localized(zh: "注销申请须附承诺“\(Lifecycle.attestation)”", en: "a cancellation needs the commitment “\(Lifecycle.attestation)”"),
                          help: Localized(zh: "加上 --attest \"\(Lifecycle.attestation)\"", en: "add --attest \"\(Lifecycle.attestation)\""))
        }
        guard exists(item) else { throw unknown(item) }
        guard !reason.trimmingSpacesAndNewlines.isEmpty else {
            throw .refuse(.reasonRequired, at: displayRoot, Localized(zh: "注销须说明理由", en: "a cancellation needs a reason"),
                          help: Localized(zh: "加上 --reason \"…\"", en: "add --reason \"…\""))
        }
        let s = state(item)
        if let refusal = cancelledRefusal(item) { throw refusal }
        if s.status == .cancelPending {
            throw .refuse(.stillUnderReview, at: displayRoot,
                          Localized(zh: "\(item) 的注销申请已于 \(s.pendingCancel?.time ?? "") 提交，正在审核中", en: "a cancellation of \(item) was requested at \(s.pendingCancel?.time ?? "") and awaits review"),
                          help: Localized(zh: "等待审核决定；用 beian status 查看进度", en: "wait for the decision; see it with beian status"))
        }
        guard s.status == .approved else {
            let what = Localized(zh: "\(item) 当前状态为\(s.status.rawValue)，只有已通过的事项可以注销", en: "\(item) is \(s.status.english); only approved items can be cancelled")
            let help = s.status.isPending ? Localized(zh: "等待审核结束后再申请注销", en: "wait until the review is decided")
                : Localized(zh: "从未通过审核的事项无需注销：直接从备案包中删除它的文件", en: "an item never approved needs no cancellation: remove its files from the bundle")
            throw .refuse(.notApproved, at: displayRoot, what, help: help)
        }
        if case .product(let id) = item, !linkedBy.isEmpty {
            // A withdrawn product must not stay behind an active algorithm's public products.
            let users = linkedBy.map(\.description)
            throw .refuse(.productStillLinked, at: display(BundlePaths.productFile(id)),
                          Localized(zh: "\(item) 仍被 \(users.joined(separator: "、")) 关联，不能下线", en: "\(item) is still linked by \(users.joined(separator: ", ")) and cannot be withdrawn"),
                          help: Localized(zh: "先变更这些算法的 applies_to（或注销它们），再申请下线", en: "change those algorithms' applies_to (or cancel them) first, then withdraw the product"))
        }
        var e = stamp.event(.cancelRequest, item)
        e.reason = reason
        e.attestation = attestation
        e.submission = SubmissionDigest.of(item: item.description, cancelReason: reason)
        return e
    }

    /// S714 when `item` is cancelled (on its own or with its entity) or its entity is, or is
    /// being, cancelled: a cancelled filing is final, and no edit of it is submitted.
    public func cancelledRefusal(_ item: ItemRef) -> RegistryError? {
        let s = state(item), entity = state(.entity)
        let at = display(BundlePaths.files(of: item).first ?? BundlePaths.entityFile)
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

    /// The regulator's own cancellation (`revoke`) of an approved item: refused without a
    /// reason, with an empty or unsafe public note, for an item cancelled or never approved, and
    /// for a product the active algorithms `linkedBy` still link. `reason` is for the filer,
    /// `publicNote` (trimmed) for the portal.
    public func revoke(_ item: ItemRef, reason: String, publicNote: String?, linkedBy: [ItemRef], by stamp: Stamp) throws(RegistryError) -> LedgerEvent {
        guard exists(item) else { throw unknown(item) }
        guard !reason.trimmingSpacesAndNewlines.isEmpty else {
            throw .refuse(.reasonRequired, at: displayRoot, Localized(zh: "监管部门注销须说明理由（告知填报人员，不公示）", en: "a revocation needs a reason (told to the filer, never published)"),
                          help: Localized(zh: "加上 --reason \"…\"；公示的说明另用 --public-note", en: "add --reason \"…\"; for a public note use --public-note"))
        }
        let note = try checkedPublicNote(publicNote)
        let s = state(item)
        if s.status == .cancelled {
            let when = s.cancelledAt.map { $0.date.description } ?? ""
            throw .refuse(.itemCancelled, at: displayRoot,
                          Localized(zh: s.cancelledWithEntity ? "\(item) 已随主体于 \(when) 注销" : "\(item) 已于 \(when) 注销",
                                    en: s.cancelledWithEntity ? "\(item) was cancelled with its entity on \(when)" : "\(item) was cancelled on \(when)"),
                          help: Localized(zh: "已注销的备案无需再注销；用 beian status 查看", en: "a cancelled filing needs no revocation; see it with beian status"))
        }
        guard s.lastApproval != nil else {
            throw .refuse(.notApproved, at: displayRoot,
                          Localized(zh: "\(item) 当前状态为\(s.status.rawValue)，从未通过审核：只有已通过的备案可以由监管部门注销",
                                    en: "\(item) is \(s.status.english) and was never approved: only an approved filing can be revoked"),
                          help: s.status.isPending
                              ? Localized(zh: "待审核的提交用 beian review reject 退回", en: "reject a pending submission with beian review reject")
                              : Localized(zh: "未备案的事项没有可注销的备案", en: "an item never filed has no filing to cancel"))
        }
        if case .product(let id) = item, !linkedBy.isEmpty {
            // As for a filer's withdrawal: a product must not stay behind an active algorithm's public products.
            let users = linkedBy.map(\.description)
            throw .refuse(.productStillLinked, at: display(BundlePaths.productFile(id)),
                          Localized(zh: "\(item) 仍被 \(users.joined(separator: "、")) 关联，不能单独注销", en: "\(item) is still linked by \(users.joined(separator: ", ")) and cannot be revoked alone"),
                          help: Localized(zh: "先注销这些算法（beian review revoke），或注销整个主体", en: "revoke those algorithms first (beian review revoke), or the whole entity"))
        }
        var e = stamp.event(.revoke, item)
        e.reason = reason
        e.note = note
        return e
    }

    /// A revocation's public note, trimmed: refused when given but empty, or holding a control
    /// or invisible character (the portal would drop it).
    func checkedPublicNote(_ publicNote: String?) throws(RegistryError) -> String? {
        let note = publicNote?.trimmingSpacesAndNewlines
        if let publicNote, note?.isEmpty ?? true {
            throw .refuse(.reasonRequired, at: displayRoot, Localized(zh: "公示说明“\(publicNote)”为空", en: "the public note '\(publicNote)' is empty"),
                          help: Localized(zh: "写明公示说明，或去掉 --public-note", en: "write the public note, or leave --public-note out"))
        }
        if let note, !TextSafety.isClean(note) {
            let bad = note.unicodeScalars.first { TextSafety.kind(of: $0) != nil }.map(TextSafety.describe) ?? "?"
            throw .refuse(.unsafeCharacter, at: displayRoot,
                          Localized(zh: "公示说明含控制字符或不可见字符（\(bad)）", en: "the public note holds a control or invisible character (\(bad))"),
                          help: Localized(zh: "只写可见文字", en: "write visible text only"))
        }
        return note
    }
}
