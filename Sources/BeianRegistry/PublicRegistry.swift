import BeianDiagnostics
public import BeianModel
import BeianBundle
import BeianStore
import Foundation

/// Reads the public view of the registry for `beian build`: approved snapshots only, through
/// the ledgers — never the live bundle files, so a pending change is never published.
public enum PublicRegistry {
    /// Every filing that has ever been approved under `dir`, sorted by number.
    public static func filings(in dir: String) throws(RegistryError) -> [PublicFiling] {
        var out: [PublicFiling] = []
        for path in RegistryIndex.bundlePaths(in: dir) {
            out += try filings(bundlePath: path)
        }
        return out.sorted { $0.number < $1.number }
    }

    /// The public filings of one bundle.
    public static func filings(bundlePath: String) throws(RegistryError) -> [PublicFiling] {
        let root = URL(fileURLWithPath: bundlePath).standardizedFileURL
        let paths = RegistryPaths(bundle: root, bundleDisplay: bundlePath)
        guard FileManager.default.fileExists(atPath: paths.ledger.path) else { return [] }
        let ledger: Ledger
        do { ledger = try Ledger.open(paths.ledger, displayPath: paths.ledgerDisplay) } catch { throw .integrity(error) }
        let states = ItemState.replay(ledger.events)
        let reader = SnapshotReader(paths: paths)
        let entityState = states[.entity]
        let entity = try entityState?.lastApproval?.snapshot.map { h throws(RegistryError) in try reader.read(h) }?.entity
        let entityNotes = (entityState?.events ?? []).filter { $0.action == .approve }.compactMap(\.note)
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
                                      entityID: number.entityID, region: e.region, products: snap.publicProducts ?? [],
                                      purpose: a.purpose, disclosure: a.disclosure, approvedOn: first.date,
                                      history: [PublicEvent(date: first.date, note: "备案通过")])
                filing.notes = entityNotes
            }
            if let e = entity, !filing.imported || e.name != filing.entityName {
                if filing.imported, e.name != filing.entityName { filing.notes.append("原主体名称“\(filing.entityName)”变更为“\(e.name)”") }
                filing.entityName = e.name
                filing.region = e.region
            }
            for event in state.events where event.action == .approve && event.seq > first.seq && event.seq <= approval.seq {
                let note = event.note ?? "备案信息变更"
                filing.history.append(PublicEvent(date: event.date, note: note))
                if !filing.notes.contains(note) { filing.notes.append(note) }
            }
            if state.status == .cancelled, let c = state.cancelledAt {
                filing.status = .cancelled
                filing.cancelledOn = c.date
                if !filing.history.contains(where: { $0.note == "已注销" }) { filing.history.append(PublicEvent(date: c.date, note: "已注销")) }
                if !filing.notes.contains("已注销") { filing.notes.append("已注销") }
            }
            out.append(filing)
        }
        return out
    }
}

/// Reads snapshots by hash, checking each against its name.
struct SnapshotReader {
    var paths: RegistryPaths

    func read(_ hash: String) throws(RegistryError) -> Snapshot {
        let url = paths.snapshot(hash)
        guard let data = try? Data(contentsOf: url), SHA256Hash.hex(data) == hash,
              let snap = try? JSONDecoder().decode(Snapshot.self, from: data) else {
            throw .integrity(Diagnostic(.snapshotBroken, at: SourceLocation(path: paths.snapshotDisplay(hash)),
                message: Localized(zh: "快照缺失或与台账记录的哈希不符", en: "snapshot missing or not matching the hash in the ledger"),
                help: Localized(zh: "运行 beian verify；从备份或版本库恢复 .beian/", en: "run beian verify; restore .beian/ from a backup or from git")))
        }
        return snap
    }
}
