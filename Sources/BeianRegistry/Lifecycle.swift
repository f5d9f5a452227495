import BeianStore
import BeianDiagnostics
public import BeianModel
import BeianBundle

/// The lifecycle rules of SPEC §3, without I/O: what a submission, a decision, a cancellation
/// request or a revocation may do to a bundle's item states, the event it records, and the
/// refusal when it may not. Plain values in, values out: no file is read here, so every rule is
/// tested on its own (`LifecycleDecisionTests`).
///
/// What needs the files — validation, snapshots, numbers, entity ids, the product rule's links
/// — is the record's (`Review.swift`, `Submit.swift`); the record applies these rules first,
/// under the lock the facade (`Registry`) took, and appends the event they return.
public struct Lifecycle: Sendable {
    /// The commitment every submission and cancellation request carries (seed §四(四)).
    public static let attestation = "我承诺上述填报信息真实有效"

    /// Each item's state, replayed from the ledger.
    public private(set) var states: [ItemRef: ItemState]
    /// The items the bundle's files hold (an item may be known only to the ledger).
    public var items: [ItemRef]
    /// The bundle path as shown: where refusals point.
    public var displayRoot: String

    public init(states: [ItemRef: ItemState], items: [ItemRef], displayRoot: String) {
        self.states = states
        self.items = items
        self.displayRoot = displayRoot
    }

    /// The rules over a ledger's events, replayed.
    public init(events: [LedgerEvent], items: [ItemRef], displayRoot: String) {
        self.init(states: ItemState.replay(events), items: items, displayRoot: displayRoot)
    }

    /// Who acts, when, and where in the ledger the next event goes.
    public struct Stamp: Sendable {
        public var seq: Int
        public var prev: String
        public var clock: Clock
        public var actor: String

        public init(seq: Int, prev: String, clock: Clock, actor: String) {
            self.seq = seq
            self.prev = prev
            self.clock = clock
            self.actor = actor
        }

        func event(_ action: LedgerEvent.Action, _ item: ItemRef) -> LedgerEvent {
            LedgerEvent(seq: seq, clock: clock, actor: actor, action: action, item: .item(item), prev: prev)
        }
    }

    /// What approving a pending item decides.
    public enum Approval: Sendable {
        /// A pending cancellation approved: the item is cancelled and its number retired. The
        /// event is complete (it records no snapshot).
        case cancellation(LedgerEvent)
        /// A new item (`change` false) or a change approved: the record adds the snapshot, the
        /// number or entity id, and the public note, which need the files.
        case filing(LedgerEvent, change: Bool)
    }

    /// The state of an item (draft when the ledger never mentions it).
    public func state(_ item: ItemRef) -> ItemState { states[item] ?? ItemState(item: item) }

    /// True when the item exists in the bundle's files or in the ledger.
    public func exists(_ item: ItemRef) -> Bool { items.contains(item) || states[item] != nil }

    /// The states once `events` are recorded (an entity's cancellation cascades).
    public func applying(_ events: [LedgerEvent]) -> Lifecycle {
        var out = self
        for e in events { if let ref = e.itemRef { out.states[ref, default: ItemState(item: ref)].apply(e) } }
        ItemState.cascadeEntityCancellation(&out.states)
        return out
    }

    /// Approves a pending item: refused (S702, S704) unless it exists and awaits review, and
    /// (S716) unless `submission` names its pending submission (required when `initialized`).
    public func approve(_ item: ItemRef, submission given: String?, initialized: Bool, by stamp: Stamp) throws(RegistryError) -> Approval {
        guard exists(item) else { throw unknown(item) }
        let s = state(item)
        guard s.status.isPending else { throw notPending(item, s) }
        let decided = try decidedSubmission(item, s, named: given, initialized: initialized)
        var e = stamp.event(.approve, item)
        e.submission = decided
        guard s.status != .cancelPending else {
            e.reason = s.pendingCancel?.reason
            e.note = PublicNote.cancelled.text
            return .cancellation(e)
        }
        return .filing(e, change: s.lastApproval != nil)
    }

    /// Rejects a pending item (or a pending change or cancellation) with a reason, for the filer.
    public func reject(_ item: ItemRef, reason: String, submission given: String?, initialized: Bool, by stamp: Stamp) throws(RegistryError) -> LedgerEvent {
        guard exists(item) else { throw unknown(item) }
        guard !reason.trimmingSpacesAndNewlines.isEmpty else {
            throw .refuse(.reasonRequired, at: displayRoot, Localized(zh: "退回须说明理由", en: "a rejection needs a reason"),
                          help: Localized(zh: "加上 --reason \"…\"，写明需要修改什么", en: "add --reason \"…\" saying what must change"))
        }
        let s = state(item)
        guard s.status.isPending else { throw notPending(item, s) }
        var e = stamp.event(.reject, item)
        e.reason = reason
        e.submission = try decidedSubmission(item, s, named: given, initialized: initialized)
        return e
    }

    /// The digest of `item`'s pending submission, checked against the one the reviewer named
    /// (S716 when it is missing in an initialized registry, or names anything else).
    func decidedSubmission(_ item: ItemRef, _ s: ItemState, named given: String?, initialized: Bool) throws(RegistryError) -> String? {
        let pending = s.pendingSubmission.flatMap(SubmissionDigest.of)
        let show = Localized(zh: "用 beian review show \(displayRoot) \(item) 查看待审核的提交，再用 --submission 指明它打印的摘要",
                             en: "see what is pending with beian review show \(displayRoot) \(item), then pass the digest it prints with --submission")
        guard let given else {
            guard !initialized else {
                throw .refuse(.submissionNotNamed, at: displayRoot,
                              Localized(zh: "此登记簿已初始化：审核决定须用 --submission 指明所审提交的摘要", en: "this registry is initialized: a decision must name the submission it decides with --submission"),
                              help: show)
            }
            return pending
        }
        guard let pending, SubmissionDigest.matches(given, pending) else {
            let why = given.count < SubmissionDigest.minimumPrefix
                ? Localized(zh: "摘要“\(given)”太短：至少写出 \(SubmissionDigest.minimumPrefix) 位", en: "digest '\(given)' is too short: give at least \(SubmissionDigest.minimumPrefix) hex digits")
                : Localized(zh: "\(item) 待审核的提交（摘要 \(pending.map { String($0.prefix(16)) } ?? "无")）不是 \(given) 所指的那一份：填报人员在你查看之后又提交过", en: "the pending submission of \(item) (digest \(pending.map { String($0.prefix(16)) } ?? "none")) is not the one \(given) names: the filer submitted again after you looked")
            throw .refuse(.submissionNotNamed, at: displayRoot, why, help: show)
        }
        return pending
    }

    func notPending(_ item: ItemRef, _ s: ItemState) -> RegistryError {
        .refuse(.notPending, at: displayRoot,
                Localized(zh: "\(item) 当前状态为\(s.status.rawValue)，没有待审核的内容", en: "\(item) is \(s.status.english); there is nothing to review"),
                help: Localized(zh: "用 beian review list 查看待审核事项", en: "see what awaits review with beian review list"))
    }

    func unknown(_ item: ItemRef) -> RegistryError {
        .refuse(.unknownItem, at: displayRoot,
                Localized(zh: "备案包中没有 \(item)", en: "the bundle has no \(item)"),
                help: Localized(zh: "事项写作 entity、product:<标识> 或 algorithm:<标识>；已有：\(items.map(\.description).joined(separator: ", "))",
                                en: "items are entity, product:<id> or algorithm:<id>; this bundle has: \(items.map(\.description).joined(separator: ", "))"))
    }

    func display(_ relative: String) -> String { PathText.join(displayRoot, relative) }
}
