public import BeianModel

/// The review status of an item (SPEC §3), derived by replaying the ledger.
public enum ItemStatus: String, Codable, Sendable, CaseIterable {
    case draft = "草稿"
    case submitted = "待审核"
    case approved = "已通过"
    case rejected = "未通过"
    case changePending = "变更审核中"
    case cancelPending = "注销审核中"
    case cancelled = "已注销"
    /// Never approved, and closed by its entity's cancellation (主体注销) while it awaited its
    /// first review: it was never filed, so it is not 已注销, and nothing of it is pending.
    case neverFiled = "未备案"

    /// English name for `--lang en` and JSON.
    public var english: String {
        switch self {
        case .draft: "draft"
        case .submitted: "submitted"
        case .approved: "approved"
        case .rejected: "rejected"
        case .changePending: "change pending"
        case .cancelPending: "cancellation pending"
        case .cancelled: "cancelled"
        case .neverFiled: "never filed"
        }
    }

    /// The place in an item's life, for sorting (`status --sort status`): never filed first
    /// (草稿, 待审核, 未通过, 未备案), then filed (已通过, 变更审核中, 注销审核中), then 已注销.
    public var lifecycleRank: Int {
        switch self {
        case .draft: 0
        case .submitted: 1
        case .rejected: 2
        case .neverFiled: 3
        case .approved: 4
        case .changePending: 5
        case .cancelPending: 6
        case .cancelled: 7
        }
    }

    /// True while a reviewer has something to decide.
    public var isPending: Bool { self == .submitted || self == .changePending || self == .cancelPending }

    /// Parses the Chinese name or the English one (spaces or hyphens).
    public init?(name: String) {
        let n = name.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        guard let s = ItemStatus.allCases.first(where: { $0.rawValue == name || $0.english == n }) else { return nil }
        self = s
    }
}

/// Everything the ledger says about one item.
public struct ItemState: Sendable {
    public var item: ItemRef
    public var status: ItemStatus = .draft
    /// The latest submission (pending or decided).
    public var lastSubmit: LedgerEvent?
    /// The latest approval or direct record: its snapshot is the current public version.
    public var lastApproval: LedgerEvent?
    public var firstApproval: LedgerEvent?
    /// The latest approve or reject decision.
    public var lastDecision: LedgerEvent?
    public var pendingCancel: LedgerEvent?
    public var number: FilingNumber?
    public var entityID: String?
    public var cancelledAt: LedgerEvent?
    public var events: [LedgerEvent] = []

    public init(item: ItemRef) { self.item = item }

    /// Applies one event of this item.
    mutating func apply(_ e: LedgerEvent) {
        events.append(e)
        switch e.action {
        case .submit:
            lastSubmit = e
            status = lastApproval == nil ? .submitted : .changePending
        case .record, .importRecord:
            lastApproval = e
            if firstApproval == nil { firstApproval = e }
            status = .approved
            if let n = e.filingNumber, number == nil { number = n }
            if let id = e.entityID { entityID = id }
        case .approve:
            lastDecision = e
            if decidesAnOlderSubmission(e) {
                // A filer's copy: the registry approved an earlier submission; the later one
                // still awaits review, and the earlier is what is approved.
                lastApproval = e
                if firstApproval == nil { firstApproval = e }
                if let n = e.filingNumber, number == nil { number = n }
                if let id = e.entityID { entityID = id }
                status = .changePending
            } else if status == .cancelPending {
                status = .cancelled
                cancelledAt = e
                pendingCancel = nil
            } else {
                lastApproval = e
                if firstApproval == nil { firstApproval = e }
                status = .approved
                if let n = e.filingNumber, number == nil { number = n }
                if let id = e.entityID { entityID = id }
            }
        case .reject:
            lastDecision = e
            // A filer's copy: a rejection of an earlier submission leaves the later one pending.
            guard !decidesAnOlderSubmission(e) else { break }
            if status == .cancelPending { pendingCancel = nil }
            status = lastApproval == nil ? .rejected : .approved
        case .cancel, .revoke:
            // A cancellation decided (a filer's copy), or the regulator's own (监管部门注销): a
            // pending change or cancellation request of the item is then moot.
            lastDecision = e
            status = .cancelled
            cancelledAt = e
            pendingCancel = nil
        case .cancelRequest:
            pendingCancel = e
            status = .cancelPending
        case .assignEntityID, .head, .adopt,  // registry-wide events: never in a bundle ledger
             .bindKey, .revokeKey:  // key bindings change no status
            break
        }
    }

    /// The submission awaiting a decision: the cancellation request, or the latest submission
    /// of a new or changed item; nil when nothing is pending.
    public var pendingSubmission: LedgerEvent? {
        switch status {
        case .cancelPending: pendingCancel
        case .submitted, .changePending: lastSubmit
        default: nil
        }
    }

    /// True when decision `e` names a submission (`submission`) other than the latest one while
    /// that one is pending: only on a filer's copy, which may have sent a newer submission
    /// before the registry's receipt for an older one arrived (the registry refuses a decision
    /// that does not name the pending submission). Compared only when both digests are recorded.
    func decidesAnOlderSubmission(_ e: LedgerEvent) -> Bool {
        guard status == .submitted || status == .changePending, let decided = e.submission,
              let latest = lastSubmit?.submission else { return false }
        return decided != latest
    }

    /// True when this item is cancelled because its entity was (主体注销), not on its own.
    public var cancelledWithEntity: Bool { status == .cancelled && cancelledAt?.item == .item(.entity) && item != .entity }

    /// True when the regulator cancelled it on its own (监管部门注销, `review revoke`), the item
    /// itself or its entity: a typed fact of the ledger, never read from a note.
    public var cancelledByRegulator: Bool { status == .cancelled && cancelledAt?.action == .revoke }

    /// Replays a bundle ledger into per-item states.
    ///
    /// An approved entity cancellation (主体注销, or the regulator's) cancels every item of the
    /// bundle that was ever approved with it, on the same date: derived here, in the one place
    /// statuses come from, so the filer's status, the reviewer's queue and the portal all agree.
    /// An item never approved was never filed, so it is not 已注销 (`cascadeEntityCancellation`).
    public static func replay(_ events: [LedgerEvent]) -> [ItemRef: ItemState] {
        var states: [ItemRef: ItemState] = [:]
        for e in events {
            guard let ref = e.itemRef else { continue }
            states[ref, default: ItemState(item: ref)].apply(e)
        }
        cascadeEntityCancellation(&states)
        return states
    }

    /// Once the entity is cancelled (see `replay`): every other item ever approved is cancelled
    /// with it (a pending change or cancellation request of it included); an item never approved
    /// keeps its own status — 草稿 or 未通过 — except that a first submission still awaiting
    /// review is closed as 未备案 (`neverFiled`): nothing of a cancelled entity is pending, so
    /// nothing of it can be approved.
    static func cascadeEntityCancellation(_ states: inout [ItemRef: ItemState]) {
        if let entity = states[.entity], entity.status == .cancelled, let at = entity.cancelledAt {
            for (ref, var s) in states where ref != .entity && s.status != .cancelled && s.status != .neverFiled {
                if s.lastApproval != nil {
                    s.status = .cancelled
                    s.cancelledAt = at
                    s.pendingCancel = nil
                } else if s.status.isPending {
                    s.status = .neverFiled
                } else {
                    continue
                }
                states[ref] = s
            }
        }
    }
}
