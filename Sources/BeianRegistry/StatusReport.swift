public import BeianModel
import Foundation

/// The filer's query (`beian status`, seed §六(二)): the entity, every product and every
/// algorithm with status, number, entity id, the latest reason and times — filterable by
/// status, type, and submission or review time.
///
/// An item ever approved is shown by its approved version (the snapshot the public sees), not
/// by the live files, and an item whose files differ from what was last submitted or approved
/// is marked (`unsubmitted_edits`): a rename never submitted is not shown next to 已通过 as if
/// it were approved.
public struct StatusReport: Sendable {
    /// One item as the filer sees it. JSON keys are snake_case, as in every `--json`.
    public struct Row: Encodable, Sendable {
        public var item: String
        /// The approved name for an item ever approved, else the name in its files.
        public var name: String
        /// 主体 / 产品 for the entity and products (`entity` / `product` in English), the
        /// algorithm type for algorithms.
        public var type: String
        public var status: String
        public var status_en: String
        public var number: String?
        /// The entity's 7-digit id (once the entity is approved), on every row.
        public var entity_id: String?
        /// The latest submission or cancellation request.
        public var submitted_at: String?
        /// The latest decision (approve or reject).
        public var reviewed_at: String?
        public var cancelled_at: String?
        /// The latest reason: a rejection's (of a new item, a change or a cancellation), or why
        /// it was cancelled.
        public var reason: String?
        /// What `reason` is about: `rejected`, `change_rejected`, `cancellation_rejected`,
        /// `cancelled`, `cancelled_with_entity`, `cancelled_by_regulator` (监管部门注销).
        public var reason_kind: String?
        /// The item's files differ from what was last submitted or approved, and that edit is
        /// not submitted (never true of a draft: nothing of it was ever submitted).
        public var unsubmitted_edits = false
        var submittedUnix: Int64?
        var reviewedUnix: Int64?

        enum CodingKeys: String, CodingKey {
            case item, name, type, status, status_en, number, entity_id, submitted_at, reviewed_at, cancelled_at, reason, reason_kind, unsubmitted_edits
        }
    }

    /// A time range, inclusive at both ends, in Unix seconds.
    public struct Range: Sendable {
        public var since: Int64?
        public var until: Int64?
        public init(since: Int64? = nil, until: Int64? = nil) { self.since = since; self.until = until }
        var isOpen: Bool { since == nil && until == nil }
        func contains(_ t: Int64?) -> Bool {
            guard !isOpen else { return true }
            guard let t else { return false }
            return (since.map { t >= $0 } ?? true) && (until.map { t <= $0 } ?? true)
        }
    }

    public var rows: [Row]

    /// Every item of `record`, entity first, then products, then algorithms (by id).
    /// `english` names the entity and product rows' type in English.
    public init(_ record: BundleRecord, english: Bool) {
        let entityID = record.state(.entity).entityID
        let edited = Set(record.changedItems())
        func row(_ ref: ItemRef, name live: String, type liveType: String) -> Row {
            let s = record.state(ref)
            let under = s.pendingCancel ?? [s.lastSubmit, s.lastRequest].compactMap { $0 }.max { $0.seq < $1.seq }
            // What was approved, as the public sees it; an unreadable snapshot is `verify`'s to report.
            let approved = s.lastApproval == nil ? nil : (try? record.approvedSnapshot(ref)) ?? nil
            let name = approved.flatMap(StatusReport.name) ?? live
            let type = approved.flatMap(StatusReport.algorithmType) ?? liveType
            var r = Row(item: ref.description, name: name, type: type, status: s.status.rawValue, status_en: s.status.english,
                        number: s.number?.description, entity_id: entityID ?? s.entityID ?? s.number?.entityID,
                        submitted_at: under?.time, reviewed_at: s.lastDecision?.time, cancelled_at: s.cancelledAt?.time,
                        submittedUnix: under?.unixTime, reviewedUnix: s.lastDecision?.unixTime)
            (r.reason, r.reason_kind) = StatusReport.latestReason(s)
            r.unsubmitted_edits = s.status != .draft && edited.contains(ref)
            return r
        }
        var rows: [Row] = []
        if record.bundle.entity != nil || record.states[.entity] != nil {
            rows.append(row(.entity, name: record.bundle.entity?.name ?? "", type: english ? "entity" : "主体"))
        }
        var products = Set(record.bundle.products.map(\.id))
        for ref in record.states.keys { if case .product(let id) = ref { products.insert(id) } }
        for id in products.sorted() {
            rows.append(row(.product(id), name: record.bundle.products.first { $0.id == id }?.name ?? "", type: english ? "product" : "产品"))
        }
        var ids = Set(record.bundle.algorithms.map(\.id))
        for ref in record.states.keys { if case .algorithm(let id) = ref { ids.insert(id) } }
        for id in ids.sorted() {
            let a = record.bundle.algorithms.first { $0.id == id }
            rows.append(row(.algorithm(id), name: a?.name ?? "", type: a?.type ?? ""))
        }
        self.rows = rows
    }

    /// The name an approved snapshot gives its item.
    static func name(_ snapshot: Snapshot) -> String? {
        snapshot.entity?.name ?? snapshot.product?.name ?? snapshot.algorithm?.name ?? snapshot.imported?.algorithmName
    }

    /// The algorithm type an approved snapshot gives (nil for the entity and products).
    static func algorithmType(_ snapshot: Snapshot) -> String? {
        snapshot.algorithm?.type ?? snapshot.imported?.type.rawValue
    }

    /// The latest reason the filer should see, and what it is about. A rejected change or
    /// cancellation leaves the item 已通过: its reason is shown all the same, until the next
    /// submission or request.
    static func latestReason(_ s: ItemState) -> (String?, String?) {
        if s.status == .cancelled, let c = s.cancelledAt {
            return (c.reason, s.cancelledWithEntity ? "cancelled_with_entity" : s.cancelledByRegulator ? "cancelled_by_regulator" : "cancelled")
        }
        guard let d = s.lastDecision, d.action == .reject else { return (nil, nil) }
        // What was decided: the newest submission or cancellation request before the decision.
        let asked = s.events.last { $0.seq < d.seq && ($0.action == .submit || $0.action == .cancelRequest) }
        // A newer submission or request makes the old reason history.
        if s.events.contains(where: { $0.seq > d.seq && ($0.action == .submit || $0.action == .cancelRequest) }) { return (nil, nil) }
        switch asked?.action {
        case .cancelRequest?: return (d.reason, "cancellation_rejected")
        case .submit? where asked?.change == true: return (d.reason, "change_rejected")
        default: return (d.reason, "rejected")
        }
    }

    /// Keeps the rows that match every filter given.
    public mutating func filter(status: ItemStatus?, type: AlgorithmType?, submitted: Range, reviewed: Range) {
        rows = rows.filter { r in
            (status == nil || r.status == status!.rawValue) && (type == nil || r.type == type!.rawValue)
                && submitted.contains(r.submittedUnix) && reviewed.contains(r.reviewedUnix)
        }
    }

    /// Parses a bound of a time filter: a date `YYYY-MM-DD` (a day in China time: `since`
    /// from its first second, `until` to its last) or a date-time `YYYY-MM-DDTHH:MM[:SS]`
    /// with an optional offset (`Z`, `+08:00`; China time without one). Nil when malformed.
    public static func bound(_ text: String, endOfDay: Bool) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let day = CalendarDate(t) { return day.unixTimeInChina + (endOfDay ? 86_399 : 0) }
        guard t.count >= 16, let day = CalendarDate(String(t.prefix(10))), ["T", " "].contains(t[t.index(t.startIndex, offsetBy: 10)]) else { return nil }
        var rest = Substring(t.dropFirst(11))
        func number(_ n: Int) -> Int? {
            let digits = rest.prefix(n)
            guard digits.count == n, digits.allSatisfy(\.isASCIIDigitChar) else { return nil }
            rest = rest.dropFirst(n)
            return Int(digits)
        }
        guard let h = number(2), h < 24, rest.first == ":" else { return nil }
        rest = rest.dropFirst()
        guard let m = number(2), m < 60 else { return nil }
        var s = 0
        if rest.first == ":" {
            rest = rest.dropFirst()
            guard let sec = number(2), sec < 60 else { return nil }
            s = sec
        }
        var offset = 8 * 3600
        if rest == "Z" || rest == "z" {
            offset = 0
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            rest = rest.dropFirst()
            guard let oh = number(2), oh <= 14 else { return nil }
            if rest.first == ":" { rest = rest.dropFirst() }
            guard let om = number(2), om < 60, rest.isEmpty else { return nil }
            offset = (sign == "+" ? 1 : -1) * (oh * 3600 + om * 60)
        } else if !rest.isEmpty {
            return nil
        }
        return day.unixTimeInChina + 8 * 3600 + Int64(h * 3600 + m * 60 + s - offset)
    }
}

extension ItemState {
    /// The latest cancellation request (pending or decided).
    var lastRequest: LedgerEvent? { events.last { $0.action == .cancelRequest } }
}
