import BeianBundle
import BeianDiagnostics
import BeianModel
import BeianStore
import Foundation
import Glibc

/// One bundle's rows, derived from its ledger (and, for a bundle with items under review, its
/// submitted view, for the queue's entity name): what `RegistryIndexStore` writes.
struct BundleRows: Sendable {
    var name: String
    var readable = true
    var ledgerCount = 0
    var ledgerHead = Ledger.genesis
    var entity: (name: String, creditCode: String)?
    var queue: [RegistryIndex.QueueEntry] = []

    /// From a record just written.
    init(record: BundleRecord) {
        name = record.paths.bundle.lastPathComponent
        ledgerCount = record.ledger.count
        ledgerHead = record.ledger.head
        if let snapshot = try? record.approvedSnapshot(.entity), let e = snapshot.entity { entity = (e.name, e.creditCode) }
        queue = RegistryIndex.queueEntries(of: record, path: record.paths.bundleDisplay)
    }

    /// From the bundle's files (a rebuild, or a bundle left dirty).
    init(path: String, name: String, clock: Clock) {
        let paths = RegistryPaths(bundlePath: path)
        guard (try? paths.checkNoLinks()) != nil, let ledger = try? Ledger.open(paths.ledger, displayPath: paths.ledgerDisplay, canonicalForm: false) else {
            self.init(unreadable: name)
            return
        }
        let states = ItemState.replay(ledger.events)
        let approved = states[.entity]?.lastApproval?.snapshot.flatMap { (try? SnapshotReader(paths: paths).entityName($0)) ?? nil }
        self.init(path: path, name: name, ledger: ledger, states: states, approvedEntity: approved, clock: clock)
    }

    /// A bundle whose ledger cannot be read now (`verify` says why).
    init(unreadable name: String) {
        self.name = name
        readable = false
    }

    /// From a ledger already read and its approved entity snapshot, if any. The queue's rows
    /// carry the entity name of the bundle's submitted view, so the bundle is opened with it.
    init(path: String, name: String, ledger: Ledger, states: [ItemRef: ItemState], approvedEntity: (name: String, creditCode: String)?, clock: Clock) {
        self.init(ledgerOnly: name, ledger: ledger, approvedEntity: approvedEntity)
        if states.values.contains(where: { $0.status.isPending }) {
            if let record = try? Registry(clock: clock).record(bundle: path, view: .submitted) {
                queue = RegistryIndex.queueEntries(of: record, path: path)
            } else {
                readable = false
            }
        }
    }

    /// `beian verify`'s rows, from the ledger it read once: what the index check compares
    /// (`queueKeys`: each pending item, its kind and submission digest — all decided by the
    /// ledger), without opening the submitted view. Its queue rows leave `entity` and the
    /// keys empty: the check does not compare them (the submitted files themselves are
    /// checked against their hashes by `recordChecks`).
    init(verifying path: String, name: String, ledger: Ledger, states: [ItemRef: ItemState], approvedEntity: (name: String, creditCode: String)?) {
        self.init(ledgerOnly: name, ledger: ledger, approvedEntity: approvedEntity)
        for (item, s) in states where s.status.isPending {
            let e = s.status == .cancelPending ? s.pendingCancel : s.lastSubmit
            queue.append(RegistryIndex.QueueEntry(bundle: path, entity: "", item: item.description, kind: RegistryIndex.QueueKind(s.status),
                                                  submittedAt: e?.time ?? "", submittedBy: e?.actor ?? "",
                                                  submission: e.flatMap(SubmissionDigest.of) ?? ""))
        }
    }

    private init(ledgerOnly name: String, ledger: Ledger, approvedEntity: (name: String, creditCode: String)?) {
        self.name = name
        ledgerCount = ledger.count
        ledgerHead = ledger.head
        entity = approvedEntity
    }

    /// The queue rows as the index check compares them: item, kind and submission, sorted.
    var queueKeys: [String] { queue.map { "\($0.item) \($0.kind.rawValue) \($0.submission)" }.sorted() }
}
