import BeianBundle
import BeianDiagnostics
public import BeianModel
import BeianStore
public import Foundation
import Glibc

extension RegistryIndexStore {
    /// `beian registry reindex`: drops the index and reads every ledger again, under the
    /// registry's lock. Returns how many bundles it indexed.
    public static func reindex(root: URL, display: String, clock: Clock) throws(RegistryError) -> Int {
        try RegistryLock.held(registry: root, display: display) { () throws(RegistryError) in
            guard let store = try open(root: root, display: display, clock: clock) else { return 0 }
            do throws(SQLiteDB.Failure) {
                if !store.rebuilt { try store.rebuild(clock: clock) }
                return try store.db.query("SELECT count(*) FROM bundles").first?[0].int ?? 0
            } catch { throw .integrity(failure(display, error)) }
        }
    }

    /// L613 for each way the index disagrees with the ledgers (`beian verify`), without
    /// changing it. An index merely behind (`heads.jsonl` or `entities.jsonl` longer than it
    /// has read, or a bundle marked dirty) is no disagreement: the next command catches it up.
    /// With each bundle's rows derived from its ledger by `beian verify`'s one pass, in
    /// `RegistryIndex.bundlePaths` order, and `heads.jsonl` and `entities.jsonl` as that pass
    /// read them (each nil when it could not: then its bytes are read here).
    static func disagreements(root: URL, display: String, rows expected: [BundleRows], heads: Ledger? = nil, entities: Ledger? = nil) -> [Diagnostic] {
        guard NoFollow.kind(root: root, relative) != .missing, NoFollow.firstLink(root: root, owned) == nil,
              let db = try? SQLiteDB(path: root.appendingPathComponent(relative).path) else { return [] }
        let store = RegistryIndexStore(db: db, root: root, display: display)
        let shown = PathText.join(display, relative)
        func problem(_ zh: String, _ en: String) -> Diagnostic {
            Diagnostic(.registryIndexStale, at: SourceLocation(path: shown), message: Localized(zh: zh, en: en),
                       help: Localized(zh: "运行 beian registry reindex 从台账重建索引", en: "run beian registry reindex to rebuild it from the ledgers"))
        }
        // Not current (another format, or a registry file rewritten): the next command rebuilds it.
        guard (try? store.meta("format")) == Self.format, (try? store.positionHolds("heads")) == true,
              (try? store.positionHolds("entities")) == true else { return [] }
        var out: [Diagnostic] = []
        var indexed: [String: (dirty: Int, count: Int, head: String, entity: String?, code: String?)] = [:]
        for r in (try? db.query("SELECT name, dirty, ledger_count, ledger_head, entity_name, credit_code FROM bundles")) ?? [] {
            indexed[r[0].text ?? ""] = (r[1].int ?? 0, r[2].int ?? 0, r[3].text ?? "", r[4].text, r[5].text)
        }
        var queued: [String: [String]] = [:]
        for r in (try? db.query("SELECT bundle, item, kind, submission FROM queue ORDER BY bundle, item")) ?? [] {
            queued[r[0].text ?? "", default: []].append("\(r[1].text ?? "") \(r[2].text ?? "") \(r[3].text ?? "")")
        }
        for rows in expected {
            guard let row = indexed[rows.name] else {
                if rows.readable, rows.ledgerCount > 0 {
                    out.append(problem("索引中没有备案包“\(rows.name)”", "the index lacks bundle '\(rows.name)'"))
                }
                continue
            }
            indexed[rows.name] = nil
            guard row.dirty == 0, rows.readable, row.count >= 0 else { continue }
            if row.count != rows.ledgerCount || row.head != rows.ledgerHead {
                out.append(problem("索引记录的备案包“\(rows.name)”台账（\(row.count) 个事件）与台账（\(rows.ledgerCount) 个）不符",
                                   "the index has bundle '\(rows.name)' at \(row.count) events; its ledger has \(rows.ledgerCount)"))
            } else if row.entity != rows.entity?.name || row.code != rows.entity.map({ $0.creditCode.trimmingSpacesAndNewlines.uppercased() }) {
                out.append(problem("索引中备案包“\(rows.name)”的主体名称或信用代码与其已通过的快照不符", "the index's entity name or credit code of bundle '\(rows.name)' is not its approved snapshot's"))
            } else if (queued[rows.name] ?? []) != rows.queueKeys {
                out.append(problem("索引中备案包“\(rows.name)”的待审核事项与台账不符", "the index's review queue rows of bundle '\(rows.name)' are not its ledger's"))
            }
        }
        for name in indexed.keys.sorted() where indexed[name]?.dirty == 0 && indexed[name]?.count ?? 0 > 0 {
            out.append(problem("索引中有不存在的备案包“\(name)”", "the index names bundle '\(name)', which does not exist"))
        }
        out += fileDisagreements(store, heads: heads, entities: entities, problem: problem)
        return out
    }

    /// L613 when the index's heads or entity ids are not those of `heads.jsonl` or
    /// `entities.jsonl`, for each file the index has read to its end.
    private static func fileDisagreements(_ store: RegistryIndexStore, heads: Ledger?, entities: Ledger?,
                                          problem: (String, String) -> Diagnostic) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (file, key, ledger) in [(".beian-registry/heads.jsonl", "heads", heads), (".beian-registry/entities.jsonl", "entities", entities)] {
            let (events, end) = completeLines(ledger, file: store.root.appendingPathComponent(file))
            guard (try? store.meta("\(key).offset")).flatMap({ $0 }).flatMap({ Int($0) }) == end else { continue }
            var lines: [String] = []
            var indexedLines: [String] = []
            for e in events {
                if key == "heads", e.action == .head || e.action == .adopt { lines.append("\(e.item.description) \(e.seq) \(e.ledgerSeq ?? -1) \(e.ledgerHead ?? "")") }
                if key == "entities", e.action == .assignEntityID, let id = e.entityID { lines.append("\(id) \(e.item)") }
            }
            let sql = key == "heads" ? "SELECT bundle, seq, ledger_seq, ledger_head FROM heads" : "SELECT id, bundle FROM entity_ids"
            for r in (try? store.db.query(sql)) ?? [] {
                indexedLines.append(key == "heads" ? "\(r[0].text ?? "") \(r[1].int ?? 0) \(r[2].int ?? -1) \(r[3].text ?? "")" : "\(r[0].text ?? "") \(r[1].text ?? "")")
            }
            if Set(lines) != Set(indexedLines) || (key == "heads" && lines.count != indexedLines.count) {
                out.append(problem("索引与 \(file) 不符", "the index disagrees with \(file)"))
            }
        }
        return out
    }

    /// The events of a registry-wide file's complete lines (those ending in a newline) and the
    /// byte offset where they end: from `ledger` when `verify` read it already (fully checked,
    /// so each line is its event's canonical bytes), else from the file (lines that do not
    /// decode are skipped).
    static func completeLines(_ ledger: Ledger?, file: URL) -> (events: [LedgerEvent], end: Int) {
        if let ledger {
            switch ledger.tail {
            case .clean: return (ledger.events, ledger.byteSize)
            case .torn(let n): return (ledger.events, ledger.byteSize - n)
            case .unterminated:
                // The last event lacks its newline: not a complete line yet.
                let last = ledger.events.last.map { Ledger.canonical($0).utf8.count } ?? 0
                return (Array(ledger.events.dropLast()), ledger.byteSize - last)
            }
        }
        let data = bytes(file, from: 0)
        let end = (data.lastIndex(of: 0x0A) ?? -1) + 1
        return (data.prefix(end).split(separator: 0x0A).compactMap { LedgerLine.decodeAny($0) }, end)
    }
}
