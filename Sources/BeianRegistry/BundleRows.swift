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

    /// From a ledger already read (`beian verify` reads each once) and its approved entity
    /// snapshot, if any.
    init(path: String, name: String, ledger: Ledger, states: [ItemRef: ItemState], approvedEntity: (name: String, creditCode: String)?, clock: Clock) {
        self.name = name
        ledgerCount = ledger.count
        ledgerHead = ledger.head
        entity = approvedEntity
        if states.values.contains(where: { $0.status.isPending }) {
            if let record = try? Registry(clock: clock).record(bundle: path, view: .submitted) {
                queue = RegistryIndex.queueEntries(of: record, path: path)
            } else {
                readable = false
            }
        }
    }
}
