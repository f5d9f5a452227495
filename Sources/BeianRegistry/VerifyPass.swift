public import BeianDiagnostics
public import BeianModel
public import BeianTrust
import BeianStore
public import Foundation

/// `beian verify` of a whole registry in one read of each bundle (docs/registry.md, "Scale"):
/// its ledger is opened once, on every core, for the bundle's own checks, its trust checks and
/// its index rows; what the checks across bundles need is kept as `BundleFacts`, never the
/// ledger, so memory does not grow with the registry's history.
extension Verifier {
    /// What one read of a bundle gives the report and the checks across bundles.
    struct BundleFacts: Sendable {
        var id: String
        var ledgerDisplay: String
        /// The ledger opened (links refused first); only such bundles take part in the checks
        /// across bundles.
        var readable = false
        /// The bundle's own problems (`verify(bundlePath:)`), when asked for.
        var record: [Diagnostic] = []
        /// Its ledger against the registry's record and keys.
        var trust: [Diagnostic] = []
        /// The first event naming an entity id: the id, its line and time.
        var entityID: (id: String, seq: Int, unixTime: Int64)?
        /// The approved entity's credit code and the line of that approval.
        var creditCode: (code: String, seq: Int)?
        var rows: BundleRows
    }

    /// The registry at `root` (shown as `display`): each bundle's own problems, in path order,
    /// when `recordChecks` (else the caller checked the bundles it was given), then the
    /// registry's — its own files, entity ids and credit codes, signatures and heads, and its
    /// index against the ledgers. `pinned` is the registry key got from outside the registry.
    public static func verifyPass(root: URL, display: String, recordChecks: Bool, pinned: VerifierKey?, clock: Clock) -> (bundles: [Diagnostic], registry: [Diagnostic]) {
        let paths = RegistryIndex.bundlePaths(in: display)
        // The registry-wide ledgers are read once each, for every check that uses them.
        let (context, trustProblems, heads) = trustContext(root: root, display: display, pinned: pinned)
        let entities = openEntities(root: root, display: display)
        let facts = Concurrent.map(paths.count, tasks: ProcessInfo.processInfo.activeProcessorCount) { i in
            Self.facts(path: paths[i], recordChecks: recordChecks, context: context, clock: clock)
        }
        var registry = verifyRegistry(entities: entities, root: root, display: display)
        registry += uniqueEntities(facts, entities: entities)
        registry += trustProblems
        if let context {
            registry += facts.flatMap(\.trust)
            registry += missingRecorded(context, present: Set(facts.filter(\.readable).map(\.id)), display: display)
        }
        registry += RegistryIndexStore.disagreements(root: root, display: display, rows: facts.map(\.rows), heads: heads, entities: try? entities.get())
        return (facts.flatMap(\.record), registry)
    }

    static func facts(path: String, recordChecks: Bool, context: TrustContext?, clock: Clock) -> BundleFacts {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let paths = RegistryPaths(bundlePath: path)
        let leftovers = recordChecks ? leftovers(root: paths.bundle, display: paths.bundleDisplay, in: "", recursive: true) : []
        let read: ReadBundle
        switch ReadBundle.open(path) {
        case .failure(let error):
            return BundleFacts(id: paths.bundle.lastPathComponent, ledgerDisplay: paths.ledgerDisplay,
                               record: recordChecks ? error.diagnostics + leftovers : [], rows: BundleRows(path: path, name: name, clock: clock))
        case .success(let r): read = r
        }
        var record: [Diagnostic] = []
        var approved: ApprovedEntity?
        if recordChecks { (record, approved) = self.recordChecks(read) }
        let entityApproval = read.states[.entity]?.lastApproval
        if approved == nil, let hash = entityApproval?.snapshot { approved = (try? SnapshotReader(paths: read.paths).entityName(hash)) ?? nil }
        var f = BundleFacts(id: paths.bundle.lastPathComponent, ledgerDisplay: paths.ledgerDisplay, readable: true, record: record + leftovers,
                            rows: BundleRows(verifying: path, name: name, ledger: read.ledger, states: read.states, approvedEntity: approved))
        if let e = read.ledger.events.first(where: { $0.entityID != nil }), let id = e.entityID { f.entityID = (id, e.seq, e.unixTime) }
        if let entity = approved, let seq = entityApproval?.seq { f.creditCode = (entity.creditCode, seq) }
        if let context { f.trust = trustChecks(read.ledger, id: f.id, shown: f.ledgerDisplay, context) }
        return f
    }
}
