import BeianDiagnostics
public import BeianModel
public import Foundation
public import BeianRegistry
import BeianStore
import BeianBundle
public import BeianTrust

/// Writes an `ImportPlan` into a registry folder: one bundle per entity (`cac-<entity id>`)
/// whose ledger holds `import` events and content-addressed snapshots, so imported filings
/// are approved records read by `beian build` exactly like reviewed ones.
///
/// Idempotent: the events are derived only from the lists (their times from the list
/// periods and notice dates), so a second run produces the same bytes and writes nothing.
public struct Importer: Sendable {
    public static let actor = "import"

    public var registry: URL
    public var registryDisplay: String
    /// The time recorded for registry-wide entity-id assignments.
    public var clock: Clock
    /// The registry's key: required once the registry is initialized (SPEC §7); the registry
    /// then vouches (`adopt`, signed) for every bundle the import wrote.
    public var key: SigningKey?

    public init(registry: URL, registryDisplay: String, clock: Clock) {
        self.registry = registry
        self.registryDisplay = registryDisplay
        self.clock = clock
    }

    /// Counts of what an import did.
    public struct Report: Sendable, Codable {
        public var entities = 0
        public var filings = 0
        public var cancelled = 0
        public var bundlesWritten = 0
        public var bundlesUnchanged = 0
        public var bundlesAppended = 0
    }

    ///
    /// Holds the registry's lock throughout (and each existing bundle's while it is written),
    /// so an import never interleaves with a review or a submission.
    public func write(_ plan: ImportPlan) throws(RegistryError) -> Report {
        try RegistryLock.held(registry: registry, display: registryDisplay) { () throws(RegistryError) in
            try checkKey()
            // The index is read again from the ledgers after an import (before and after, so a
            // rebuild made while it runs is not kept either).
            RegistryIndexStore.invalidate(root: registry, display: registryDisplay)
            defer { RegistryIndexStore.invalidate(root: registry, display: registryDisplay) }
            var outcomes: [Outcome] = []
            for entity in plan.entities { outcomes.append(try writeBundle(entity)) }
            return try finish(plan, outcomes)
        }
    }

    /// `write(_:)` with the bundles written on `tasks` concurrent tasks.
    ///
    /// Each bundle is its own folder, so each task writes every `tasks`-th bundle and returns
    /// its outcomes; nothing is shared. The registry-wide `entities.jsonl` is written once,
    /// after all bundles, in plan order, as by `write(_:)`. On failure the error is that of the
    /// first failing bundle in plan order.
    public func write(_ plan: ImportPlan, tasks: Int) async throws(RegistryError) -> Report {
        let lock = try RegistryLock.acquire(registry: registry, display: registryDisplay)
        defer { lock.unlock() }
        try checkKey()
        RegistryIndexStore.invalidate(root: registry, display: registryDisplay)
        defer { RegistryIndexStore.invalidate(root: registry, display: registryDisplay) }
        let entities = plan.entities
        let n = max(1, min(tasks, entities.count))
        typealias Part = Result<[(index: Int, outcome: Outcome)], Failure>
        let parts = await withTaskGroup(of: Part.self) { group in
            for part in 0..<n {
                group.addTask {
                    var out: [(index: Int, outcome: Outcome)] = []
                    for i in stride(from: part, to: entities.count, by: n) {
                        do throws(RegistryError) { out.append((i, try writeBundle(entities[i]))) } catch {
                            return .failure(Failure(index: i, error: error))
                        }
                    }
                    return .success(out)
                }
            }
            var parts: [Part] = []
            for await part in group { parts.append(part) }
            return parts
        }
        var outcomes = [Outcome](repeating: .unchanged, count: entities.count)
        var first: Failure?
        for part in parts {
            switch part {
            case .success(let list): for (i, o) in list { outcomes[i] = o }
            case .failure(let f): if first.map({ f.index < $0.index }) ?? true { first = f }
            }
        }
        if let first { throw first.error }
        return try finish(plan, outcomes)
    }

    /// Counts the outcomes, records the entity ids and flushes the writes to disk.
    private func finish(_ plan: ImportPlan, _ outcomes: [Outcome]) throws(RegistryError) -> Report {
        var report = Report()
        for (entity, outcome) in zip(plan.entities, outcomes) {
            report.entities += 1
            report.filings += entity.filings.count
            report.cancelled += entity.filings.filter { $0.status == .cancelled }.count
            switch outcome {
            case .written: report.bundlesWritten += 1
            case .unchanged: report.bundlesUnchanged += 1
            case .appended: report.bundlesAppended += 1
            }
        }
        try recordEntityIDs(plan.entities.map { ($0.entityID, $0.bundleID) })
        try adopt(plan.entities.map(\.bundleID))
        sync()
        return report
    }

    /// In an initialized registry, only its own key imports (S713).
    private func checkKey() throws(RegistryError) {
        guard let config = try RegistryConfig.load(registry: registry, display: registryDisplay) else { return }
        guard key?.verifierKey.description == config.registryKey else {
            throw RegistryError(.findings, [Diagnostic(.registrySetup, at: SourceLocation(path: registryDisplay),
                message: Localized(zh: "此登记簿已初始化：导入须用其登记簿密钥（--key）", en: "this registry is initialized: an import needs its registry key (--key)"),
                help: Localized(zh: "加上 --key 登记簿私钥文件", en: "add --key REGISTRY_KEY_FILE"))])
        }
    }

    /// In an initialized registry, the registry vouches (an `adopt` event signed by its key in
    /// `heads.jsonl`) for each imported bundle whose ledger is not the one last recorded.
    private func adopt(_ bundles: [String]) throws(RegistryError) {
        guard let key, try RegistryConfig.load(registry: registry, display: registryDisplay) != nil else { return }
        var heads = try RegistryHeads.open(registry: registry, display: registryDisplay)
        let last = RegistryHeads.latest(heads)
        var events: [LedgerEvent] = []
        for id in bundles {
            let paths = RegistryPaths(bundle: registry.appendingPathComponent(id), bundleDisplay: PathText.join(registryDisplay, id))
            let ledger: Ledger
            do { ledger = try Ledger.open(paths.ledger, displayPath: paths.ledgerDisplay, canonicalForm: false) } catch { throw .integrity(error) }
            guard !ledger.events.isEmpty, last[id]?.ledgerHead != ledger.head else { continue }
            events.append(RegistryHeads.event(.adopt, bundle: id, ledger: ledger, actor: key.name, clock: clock))
        }
        do { try heads.append(contentsOf: events, signer: key) } catch { throw .integrity(error) }
    }

    enum Outcome: Sendable { case written, unchanged, appended }

    private struct Failure: Error {
        var index: Int
        var error: RegistryError
    }

    func writeBundle(_ plan: ImportPlan.EntityPlan) throws(RegistryError) -> Outcome {
        let bundle = registry.appendingPathComponent(plan.bundleID)
        let display = PathText.join(registryDisplay, plan.bundleID)
        // An existing bundle may be written by a submission at the same time: its own lock.
        if FileManager.default.fileExists(atPath: bundle.path) {
            return try Registry.locked(display, registry: false, registryHeld: true) { () throws(RegistryError) in try writeBundle(plan, at: bundle, display: display) }
        }
        return try writeBundle(plan, at: bundle, display: display)
    }

    private func writeBundle(_ plan: ImportPlan.EntityPlan, at bundle: URL, display: String) throws(RegistryError) -> Outcome {
        let paths = RegistryPaths(bundle: bundle, bundleDisplay: display)
        var events: [LedgerEvent] = []
        var snapshots: [String: Data] = [:]
        func snapshotHash(_ s: Snapshot) -> String {
            let data = s.encoded()
            let hash = SHA256Hash.hex(data)
            snapshots[hash] = data
            return hash
        }
        let first = plan.filings.map(\.approvedOn).min() ?? clock.today
        var entityEvent = LedgerEvent(seq: 0, clock: Clock(now: first.unixTimeInChina), actor: Importer.actor,
                                      action: .importRecord, item: .item(.entity), prev: "")
        entityEvent.entityID = plan.entityID
        let entity = Entity(id: plan.bundleID, name: plan.name, region: plan.region)
        entityEvent.snapshot = snapshotHash(Snapshot(item: "entity", approvedAt: Clock.timestamp(first.unixTimeInChina), entity: entity,
                                                     fields: ["name": plan.name, "region": plan.region], manifest: [:]))
        events.append(entityEvent)
        for filing in plan.filings.sorted(by: { ($0.approvedOn, $0.number) < ($1.approvedOn, $1.number) }) {
            let item = ItemRef.algorithm(filing.number.digits)
            var stored = filing
            // Cancellations with a notice become ledger events; 备注-only ones stay in the record.
            if filing.cancelledOn != nil { stored.status = .active; stored.cancelledOn = nil }
            var e = LedgerEvent(seq: 0, clock: Clock(now: filing.approvedOn.unixTimeInChina), actor: Importer.actor,
                                action: .importRecord, item: .item(item), prev: "")
            e.number = filing.number.description
            e.snapshot = snapshotHash(Snapshot(item: item.description, approvedAt: Clock.timestamp(filing.approvedOn.unixTimeInChina),
                                               fields: ["name": filing.algorithmName, "purpose": filing.purpose], manifest: [:],
                                               publicProducts: filing.products, imported: stored))
            events.append(e)
            if let date = filing.cancelledOn {
                var request = LedgerEvent(seq: 0, clock: Clock(now: date.unixTimeInChina), actor: Importer.actor,
                                          action: .cancelRequest, item: .item(item), prev: "")
                request.reason = "注销公告"
                var approve = LedgerEvent(seq: 0, clock: Clock(now: date.unixTimeInChina), actor: Importer.actor,
                                          action: .approve, item: .item(item), prev: "")
                approve.note = PublicNote.cancelled.text
                events += [request, approve]
            }
        }
        let (_, text) = Ledger.sealChain(events)
        let existing = try? NoFollow.read(root: bundle, "\(BundlePaths.registryDir)/ledger.jsonl").get()
        if let existing, existing == Data(text.utf8) { return .unchanged }
        var outcome = Outcome.written
        if existing != nil {
            let ledger: Ledger
            do { ledger = try Ledger.open(paths.ledger, displayPath: paths.ledgerDisplay) } catch { throw .integrity(error) }
            if ledger.events.contains(where: { $0.actor != Importer.actor }) {
                // Real events followed an earlier import: keep them, add only filings not yet there.
                var appended = ledger
                let known = Set(ledger.events.compactMap(\.number))
                for e in events where e.action == .importRecord && e.number != nil && !known.contains(e.number!) {
                    do { try appended.append(e) } catch { throw .integrity(error) }
                }
                try writeSnapshots(snapshots, paths: paths)
                return .appended
            }
            outcome = .written
        }
        try writeSnapshots(snapshots, paths: paths)
        do { try AtomicFile.write(Data(text.utf8), to: paths.ledger, durable: false) } catch {
            throw .writeFailed(paths.ledgerDisplay, error)
        }
        return outcome
    }

    func writeSnapshots(_ snapshots: [String: Data], paths: RegistryPaths) throws(RegistryError) {
        for (hash, data) in snapshots.sorted(by: { $0.key < $1.key }) {
            let url = paths.snapshot(hash)
            if FileManager.default.fileExists(atPath: url.path) { continue }
            do { try AtomicFile.write(data, to: url, durable: false) } catch {
                throw .writeFailed(paths.snapshotDisplay(hash), error)
            }
        }
    }

    /// Records imported entity ids in the registry-wide ledger, so new entities never get one.
    func recordEntityIDs(_ entries: [(id: String, bundle: String)]) throws(RegistryError) {
        let url = registry.appendingPathComponent(".beian-registry/entities.jsonl")
        let display = PathText.join(registryDisplay, ".beian-registry/entities.jsonl")
        var ledger: Ledger
        do { ledger = try Ledger.open(url, displayPath: display) } catch { throw .integrity(error) }
        let assigned = EntityIDs.assigned(ledger)
        var new: [LedgerEvent] = []
        for entry in entries {
            if let owner = assigned[entry.id] {
                if owner != entry.bundle {
                    throw .integrity(Diagnostic(.importRow, at: SourceLocation(path: display),
                        message: Localized(zh: "主体标识 \(entry.id) 已分配给 \(owner)", en: "entity id \(entry.id) already belongs to \(owner)"),
                        help: Localized(zh: "检查登记簿中的主体标识冲突", en: "resolve the entity-id conflict in the registry")))
                }
                continue
            }
            var e = LedgerEvent(seq: 0, clock: clock, actor: Importer.actor, action: .assignEntityID, item: .bundle(entry.bundle), prev: "")
            e.entityID = entry.id
            new.append(e)
        }
        guard !new.isEmpty else { return }
        let (_, text) = Ledger.sealChain(ledger.events + new)
        do { try AtomicFile.write(Data(text.utf8), to: url) } catch {
            throw .writeFailed(display, error)
        }
    }
}
