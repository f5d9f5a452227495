import BeianDiagnostics
public import BeianModel
import BeianBundle
public import BeianTrust

/// 监管部门注销: the regulator cancels an approved filing on its own, with no request from the
/// filer (`beian review revoke`).
extension BundleRecord {
    /// Revokes an approved item — an algorithm, a product (下线) or the whole entity, whose
    /// approved items are cancelled with it (`ItemState.cascadeEntityCancellation`) — as a
    /// signed `revoke` decision: `reason` is for the filer (its receipt, `beian status`), never
    /// published; `publicNote`, when given, is the public note the portal shows beside the
    /// regulator's cancellation. The number is retired like any cancellation's.
    ///
    /// `key` signs it and must be a trusted reviewer's in an initialized registry (S712), as
    /// for every decision. Only an item with an approved filing that is not cancelled can be
    /// revoked (S707, S714); a pending change or cancellation request of it is then moot.
    public static func revoke(bundlePath: String, item: ItemRef, reviewer: String, reason: String, publicNote: String? = nil,
                              key: SigningKey? = nil, clock: Clock) throws(RegistryError) -> LedgerEvent {
        try locked(bundlePath, registry: false) { () throws(RegistryError) in
            var record = try BundleRecord.open(bundlePath, clock: clock)
            try record.authorize(key)
            return try record.revoke(item, reviewer: reviewer, reason: reason, publicNote: publicNote)
        }
    }

    mutating func revoke(_ item: ItemRef, reviewer: String, reason: String, publicNote: String?) throws(RegistryError) -> LedgerEvent {
        guard exists(item) else { throw unknown(item) }
        guard !reason.trimmingSpacesAndNewlines.isEmpty else {
            throw .refuse(.reasonRequired, at: bundle.displayRoot, Localized(zh: "监管部门注销须说明理由（告知填报人员，不公示）", en: "a revocation needs a reason (told to the filer, never published)"),
                          help: Localized(zh: "加上 --reason \"…\"；公示的说明另用 --public-note", en: "add --reason \"…\"; for a public note use --public-note"))
        }
        let note = publicNote?.trimmingSpacesAndNewlines
        if let publicNote, note?.isEmpty ?? true {
            throw .refuse(.reasonRequired, at: bundle.displayRoot, Localized(zh: "公示说明“\(publicNote)”为空", en: "the public note '\(publicNote)' is empty"),
                          help: Localized(zh: "写明公示说明，或去掉 --public-note", en: "write the public note, or leave --public-note out"))
        }
        if let note, !TextSafety.isClean(note) {
            // Public text: no control or invisible characters (the portal would drop them).
            let bad = note.unicodeScalars.first { TextSafety.kind(of: $0) != nil }.map(TextSafety.describe) ?? "?"
            throw .refuse(.unsafeCharacter, at: bundle.displayRoot,
                          Localized(zh: "公示说明含控制字符或不可见字符（\(bad)）", en: "the public note holds a control or invisible character (\(bad))"),
                          help: Localized(zh: "只写可见文字", en: "write visible text only"))
        }
        let s = state(item)
        if s.status == .cancelled {
            let when = s.cancelledAt.map { $0.date.description } ?? ""
            throw .refuse(.itemCancelled, at: bundle.displayRoot,
                          Localized(zh: s.cancelledWithEntity ? "\(item) 已随主体于 \(when) 注销" : "\(item) 已于 \(when) 注销",
                                    en: s.cancelledWithEntity ? "\(item) was cancelled with its entity on \(when)" : "\(item) was cancelled on \(when)"),
                          help: Localized(zh: "已注销的备案无需再注销；用 beian status 查看", en: "a cancelled filing needs no revocation; see it with beian status"))
        }
        guard s.lastApproval != nil else {
            throw .refuse(.notApproved, at: bundle.displayRoot,
                          Localized(zh: "\(item) 当前状态为\(s.status.rawValue)，从未通过审核：只有已通过的备案可以由监管部门注销",
                                    en: "\(item) is \(s.status.english) and was never approved: only an approved filing can be revoked"),
                          help: s.status.isPending
                              ? Localized(zh: "待审核的提交用 beian review reject 退回", en: "reject a pending submission with beian review reject")
                              : Localized(zh: "未备案的事项没有可注销的备案", en: "an item never filed has no filing to cancel"))
        }
        if case .product(let id) = item {
            // As for a filer's withdrawal: a product must not stay behind an active algorithm's public products.
            let users = algorithmsLinking(id).map(\.description)  // ProductRule.swift
            if !users.isEmpty {
                throw .refuse(.productStillLinked, at: bundle.display(BundlePaths.productFile(id)),
                              Localized(zh: "\(item) 仍被 \(users.joined(separator: "、")) 关联，不能单独注销", en: "\(item) is still linked by \(users.joined(separator: ", ")) and cannot be revoked alone"),
                              help: Localized(zh: "先注销这些算法（beian review revoke），或注销整个主体", en: "revoke those algorithms first (beian review revoke), or the whole entity"))
            }
        }
        var e = event(.revoke, item: item, actor: reviewer)
        e.reason = reason
        e.note = note
        return try record(e)
    }
}
