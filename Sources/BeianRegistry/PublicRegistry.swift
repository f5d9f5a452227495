import BeianDiagnostics
public import BeianModel
import BeianBundle
import BeianStore
public import Foundation

/// Reads the public view of the registry for `beian build`: approved snapshots only, through
/// the ledgers — never the live bundle files, so a pending change is never published.
///
/// Integrity: every ledger is read with `Ledger.open` (sequence, hash chain, each line's hash
/// over its bytes) and every snapshot is checked against the SHA-256 the ledger names, so a
/// damaged ledger or snapshot stops the build (exit 2) instead of being published. Left to
/// `beian verify`: the canonical form of ledger lines (a reformatted line already fails its
/// hash here), the live files of pending submissions, and the registry-wide `entities.jsonl`.
public enum PublicRegistry {
    /// Every filing that has ever been approved under `dir`, sorted by number.
    public static func filings(in dir: String) throws(RegistryError) -> [PublicFiling] {
        var out: [PublicFiling] = []
        for path in RegistryIndex.bundlePaths(in: dir) {
            out += try filings(bundlePath: path)
        }
        return out.sorted { $0.number.integerKey < $1.number.integerKey }
    }

    /// The same filings as `filings(in:)`, read as `view(in:tasks:cache:)` reads them.
    public static func filings(in dir: String, tasks: Int, cache: URL? = nil) async throws(RegistryError) -> [PublicFiling] {
        try await view(in: dir, tasks: tasks, cache: cache).filings
    }

    /// Every approved filing under `dir`, sorted by number, with its `contentKey`: the bundles
    /// read on `tasks` concurrent tasks and, given a `cache` folder, only the bundles whose
    /// ledger changed since the cache was written (see `PublicViewCache`); the shards holding
    /// what changed are then rewritten.
    ///
    /// Bundles are independent (one ledger and its snapshots each), so each task reads every
    /// `tasks`-th bundle into its own array; nothing is shared. On failure the error is the
    /// one of the first failing bundle in path order, as with the serial read.
    public static func view(in dir: String, tasks: Int, cache: URL? = nil) async throws(RegistryError) -> PublicView {
        let folder = OpenFolder(dir)
        let names = candidateNames(folder)
        let base = dir.hasSuffix("/") ? dir : dir + "/"
        let registry = URL(fileURLWithPath: dir).standardizedFileURL.path
        let previous = cache.map { PublicViewCache.read($0, registry: registry) }
        let n = max(1, min(tasks, names.count))
        let parts = await withTaskGroup(of: Part.self) { group in
            for part in 0..<n {
                group.addTask {
                    var out = Part()
                    // Sized for this task's share of the filings the cache last held (plus
                    // room): arrays grown by doubling copied and faulted in twice the memory.
                    let share = (previous?.filingCount ?? 0) / n + 1_024
                    out.filings.reserveCapacity(share)
                    out.summaries.reserveCapacity(share)
                    out.keys.reserveCapacity(share)
                    // Each ledger's path, relative to the open registry folder, built in one buffer.
                    let suffix = Array("/\(BundlePaths.registryDir)/ledger.jsonl".utf8CString)
                    var path: [CChar] = []
                    path.reserveCapacity(256)
                    for i in stride(from: part, to: names.count, by: n) {
                        // The common case, a bundle unchanged since the cache was written: its
                        // filings appended straight from the cache.
                        if let previous {
                            path.removeAll(keepingCapacity: true)
                            for b in names[i].utf8 { path.append(CChar(bitPattern: b)) }
                            path += suffix
                            let start = out.filings.count
                            if let signature = FileStamp.of(cString: path, in: folder.descriptor),
                               previous.appendIfUnchanged(names[i], signature: signature, filings: &out.filings, summaries: &out.summaries) {
                                for k in start..<out.summaries.count {
                                    out.keys.append((out.summaries[k].order.head, out.summaries[k].order.last, Int32(i), Int32(k)))
                                }
                                out.withEntry.append(i)
                                continue
                            }
                        }
                        let r: BundleRead
                        do throws(RegistryError) { r = try read(base + names[i], name: names[i], in: folder, previous: previous) } catch {
                            out.failure = Failure(bundle: i, error: error)
                            return out
                        }
                        for (at, s) in r.summaries.enumerated() {
                            out.keys.append((s.order.head, s.order.last, Int32(i), Int32(out.filings.count + at)))
                        }
                        out.filings += r.filings
                        out.summaries += r.summaries
                        if let entry = r.entry {
                            out.withEntry.append(i)
                            out.fresh.append((i, entry))
                        }
                    }
                    return out
                }
            }
            var parts: [Part] = []
            for await part in group { parts.append(part) }
            return parts
        }
        if let first = parts.compactMap(\.failure).min(by: { $0.bundle < $1.bundle }) { throw first.error }
        if let cache, let previous {
            let fresh = Dictionary(uniqueKeysWithValues: parts.flatMap(\.fresh))
            let withEntry = parts.flatMap(\.withEntry).sorted()
            if !fresh.isEmpty || withEntry.count != previous.count {
                // Records in path order: those read afresh, the others as they were.
                previous.write(to: cache, names: withEntry.map { names[$0] }, record: { fresh[withEntry[$0]] ?? previous.entry(names[withEntry[$0]])! },
                               changed: Set(fresh.keys.map { names[$0] }))
            }
        }
        return PublicView.sortedByNumber(parts, tasks: tasks)
    }

    /// What one reading task gave: its bundles' filings and summaries (in its reading order),
    /// each filing's sort key (number, then bundle and place: path order for equal numbers),
    /// which bundles have a cache record and which of those were read afresh.
    struct Part: Sendable {
        var filings: [PublicFiling] = []
        var summaries: [FilingSummary] = []
        var keys: [(head: UInt64, last: UInt8, bundle: Int32, at: Int32)] = []
        var withEntry: [Int] = []
        var fresh: [(Int, PublicViewCache.Entry)] = []
        var failure: Failure?
    }

    /// The name of every visible entry of `dir`, sorted: a superset of
    /// `RegistryIndex.bundlePaths` without its two `stat`s per bundle. An entry that is no
    /// bundle has no ledger, hence no filings.
    static func candidateNames(_ folder: OpenFolder) -> [String] {
        folder.names().filter { !$0.hasPrefix(".") }.sorted()
    }

    /// What reading one bundle gave: its filings and their summaries and, when a cache is in
    /// use, its new cache entry (to be written).
    struct BundleRead: Sendable {
        var filings: [PublicFiling]
        /// Made by the task that reads the bundle (so on all cores), or read from the cache.
        var summaries: [FilingSummary]
        var entry: PublicViewCache.Entry?

        /// A bundle read in full, without a cache.
        init(filings: [PublicFiling]) {
            self.filings = filings
            summaries = filings.map { FilingSummary($0) }
        }

        init(filings: [PublicFiling], summaries: [FilingSummary], entry: PublicViewCache.Entry?) {
            self.filings = filings
            self.summaries = summaries
            self.entry = entry
        }
    }

    /// Reads one bundle whose ledger's stamp is not the cached one (`view` takes the others
    /// straight from the cache, `PublicViewCache.appendIfUnchanged`): from `previous` when the
    /// ledger's bytes hash to the cached hash (a touched but unchanged file), else in full
    /// (ledger verified, snapshots checked against their hashes). `name` is the last part of
    /// `path`, an entry of `folder`.
    static func read(_ path: String, name: String, in folder: OpenFolder, previous: PublicViewCache?) throws(RegistryError) -> BundleRead {
        guard let previous else { return BundleRead(filings: try filings(bundlePath: path)) }
        let ledgerInBundle = BundlePaths.registryDir + "/ledger.jsonl"
        let ledger = path + "/" + ledgerInBundle
        // No ledger yet (a draft bundle) has nothing public; an unreadable one, the full read reports.
        guard let signature = FileStamp.of(name + "/" + ledgerInBundle, in: folder.descriptor) else {
            return BundleRead(filings: try filings(bundlePath: path))
        }
        guard let bytes = FileManager.default.contents(atPath: ledger) else {
            return BundleRead(filings: try filings(bundlePath: path))
        }
        let hash = SHA256Hash.hex(bytes)
        if var hit = previous.entry(name), hit.ledgerHash == hash, let cached = PublicViewCache.decode(hit.payload) {
            hit.signature = signature
            return BundleRead(filings: cached.filings, summaries: cached.summaries, entry: hit)
        }
        let filings = try filings(bundlePath: path)
        let summaries = filings.map { FilingSummary($0) }
        return BundleRead(filings: filings, summaries: summaries,
                          entry: .init(ledgerHash: hash, signature: signature, payload: PublicViewCache.encode(filings, summaries: summaries)))
    }

    /// A bundle that could not be read: its index in path order, and why.
    struct Failure: Error {
        var bundle: Int
        var error: RegistryError
    }

    /// The public fields an approved change of an algorithm item can change (its entity's name
    /// and region change with the entity item: `entityChanges`).
    static let algorithmFields: [PublicField] = [.algorithmName, .type, .role, .products, .purpose, .disclosure]

    /// `filing` with the algorithm's public fields of an approved snapshot; nil when the
    /// snapshot has none.
    static func publicVersion(_ snap: PublicSnapshot, of filing: PublicFiling) -> PublicFiling? {
        if let imported = snap.imported { return imported }
        guard let a = snap.algorithm, let type = a.algorithmType, let role = a.algorithmRole else { return nil }
        var f = filing
        (f.algorithmName, f.type, f.role, f.products, f.hosts) = (a.name, type, role, snap.publicProducts ?? [], snap.publicHosts ?? [])
        (f.purpose, f.disclosure) = (a.purpose, a.disclosure)
        return f
    }

    /// Every approved change of the entity item that changed its public fields (主体名称,
    /// 注册地), with its ledger sequence: a step of the history of each of its filings approved
    /// before it. Only the public fields are compared: a new address, credit code or contact
    /// makes no step.
    static func entityChanges(_ state: ItemState?, reader: PublicSnapshotReader) throws(RegistryError) -> [(seq: Int, event: PublicEvent)] {
        let versions = (state?.events ?? []).filter {
            [.approve, .record, .importRecord].contains($0.action) && $0.snapshot != nil && $0.seq != state?.cancelledAt?.seq
        }
        // One version (most bundles, every imported one): nothing to compare, no snapshot to read.
        guard versions.count > 1 else { return [] }
        var out: [(seq: Int, event: PublicEvent)] = []
        var previous: Entity?
        for event in versions {
            guard let hash = event.snapshot, let entity = try reader.read(hash).entity else { continue }
            defer { previous = entity }
            guard let old = previous else { continue }
            let changes = [PublicChange.value(.entityName, old.name, entity.name), PublicChange.value(.region, old.region, entity.region)]
                .compactMap { $0 }
            if !changes.isEmpty { out.append((event.seq, PublicEvent(date: event.date, note: event.note ?? PublicNote.entityChanged.text, kind: .changed, changes: changes))) }
        }
        return out
    }

    /// The public filings of one bundle. (Changing what this returns for the same ledger and
    /// snapshots? Bump `PublicViewCache.version`.)
    public static func filings(bundlePath: String) throws(RegistryError) -> [PublicFiling] {
        let root = URL(fileURLWithPath: bundlePath).standardizedFileURL
        let paths = RegistryPaths(bundle: root, bundleDisplay: bundlePath)
        // A bundle folder, `.beian` or its snapshots reached through a link (say, to another
        // bundle's) is refused: nothing of it is published.
        if let at = NoFollow.firstLink(root: root, ["", BundlePaths.registryDir, "\(BundlePaths.registryDir)/snapshots"]) {
            throw .integrity(RegistryPaths.linkRefused(at.isEmpty ? bundlePath : PathText.join(bundlePath, at)))
        }
        // No ledger (a bundle never submitted) opens as an empty ledger: nothing public.
        let ledger: Ledger
        do { ledger = try Ledger.open(paths.ledger, displayPath: paths.ledgerDisplay, canonicalForm: false) } catch { throw .integrity(error) }
        let states = ItemState.replay(ledger.events)
        let reader = PublicSnapshotReader(paths: paths)
        let entityState = states[.entity]
        let entity = try entityState?.lastApproval?.snapshot.map { h throws(RegistryError) in try reader.read(h) }?.entity
        let entityNotes = (entityState?.events ?? []).filter { $0.action == .approve }.compactMap(\.note)
        let entitySteps = try entityChanges(entityState, reader: reader)
        var out: [PublicFiling] = []
        for (ref, state) in states.sorted(by: { $0.key < $1.key }) {
            guard case .algorithm = ref, let number = state.number, let approval = state.lastApproval,
                  let first = state.firstApproval, let hash = approval.snapshot else { continue }
            let snap = try reader.read(hash)
            var filing: PublicFiling
            if let imported = snap.imported {
                filing = imported
            } else {
                guard let a = snap.algorithm, let type = a.algorithmType, let role = a.algorithmRole, let e = entity else { continue }
                filing = PublicFiling(number: number, algorithmName: a.name, type: type, role: role, entityName: e.name,
                                      entityID: number.entityID, region: e.region, products: snap.publicProducts ?? [], hosts: snap.publicHosts ?? [],
                                      purpose: a.purpose, disclosure: a.disclosure, approvedOn: first.date,
                                      history: [PublicEvent(date: first.date, note: PublicNote.filed, kind: .filed)])
                filing.notes = entityNotes
            }
            if let e = entity, !filing.imported || e.name != filing.entityName {
                if filing.imported, e.name != filing.entityName { filing.notes.append(PublicNote.entityRenamed(old: filing.entityName, new: e.name).text) }
                filing.entityName = e.name
                filing.region = e.region
            }
            // Approved changes, the algorithm's and its entity's (renames, a new region) since
            // this filing's first approval, in ledger order; each names the public fields it
            // changed, old → new, against the version approved before it.
            var steps: [(seq: Int, event: PublicEvent)] = entitySteps.filter { $0.seq > first.seq }
            var before: PublicSnapshot? = first.snapshot == hash ? snap : try first.snapshot.map { h throws(RegistryError) in try reader.read(h) }
            for event in state.events where event.action == .approve && event.seq > first.seq && event.seq <= approval.seq {
                let note = event.note ?? PublicNote.filingChanged.text
                let now: PublicSnapshot? = event.snapshot == hash ? snap : try event.snapshot.map { h throws(RegistryError) in try reader.read(h) }
                var changes: [PublicChange] = []
                if let b = before, let n = now, let old = Self.publicVersion(b, of: filing), let new = Self.publicVersion(n, of: filing) {
                    changes = PublicChange.between(old, new, fields: Self.algorithmFields)
                }
                if now != nil { before = now }
                steps.append((event.seq, PublicEvent(date: event.date, note: note, kind: .changed, changes: changes)))
                if !filing.notes.contains(note) { filing.notes.append(note) }
            }
            filing.history += steps.sorted { $0.seq < $1.seq }.map(\.event)
            if state.status == .cancelled, let c = state.cancelledAt {
                filing.status = .cancelled
                filing.cancelledOn = c.date
                // The regulator's own cancellation (a typed `revoke`, of the filing or its entity)
                // says so, with the reviewer's public note; its reason is the filer's, never published.
                let cancelled: PublicNote = state.cancelledByRegulator ? .regulatorCancelled : .cancelled
                if !filing.history.contains(where: { $0.publicNote == cancelled }) { filing.history.append(PublicEvent(date: c.date, note: cancelled, kind: .cancelled)) }
                if !filing.notes.contains(cancelled.text) { filing.notes.append(cancelled.text) }
                if state.cancelledByRegulator, let note = c.note, !filing.notes.contains(note) { filing.notes.append(note) }
            }
            // 主体注销: every filing of the entity says so (the entity page is kept and marked).
            if let e = entityState, e.status == .cancelled, let c = e.cancelledAt {
                filing.history.append(PublicEvent(date: c.date, note: PublicNote.entityCancelled, kind: .cancelled))
                if !filing.notes.contains(PublicNote.entityCancelled.text) { filing.notes.append(PublicNote.entityCancelled.text) }
            }
            out.append(filing)
        }
        return out
    }
}
