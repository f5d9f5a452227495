import BeianBundle
import BeianDiagnostics
public import BeianModel
import BeianStore
public import Foundation
import Glibc

/// `.beian-registry/index.sqlite`: what registry-wide commands look up instead of reading every
/// ledger — each bundle's approved entity (name, look-alike keys, credit code), the entity ids,
/// the review queue, and every head `heads.jsonl` recorded for each bundle.
///
/// A cache, derived from the ledgers only and rebuilt from them at will (`beian registry
/// reindex`, or deleting the file). Kept current by the writers: a bundle's row is marked dirty
/// before its ledger is appended to and written afresh after; `heads.jsonl` and `entities.jsonl`
/// are followed by position (the byte offset and the hash of the last event read). Whoever opens
/// it first catches it up: a missing or other-format index is rebuilt, the two registry files
/// are read from the recorded offset (from the start when the event there is not the recorded
/// one), and each dirty bundle is read again from its ledger under its lock. Kept only in a
/// registry that has `.beian-registry/` (a filer's folder gets none). docs/registry.md, "Indexes".
public final class RegistryIndexStore {
    static let format = "beian-registry-index/1"
    static let fileName = "index.sqlite"
    static let relative = ".beian-registry/index.sqlite"
    static let owned = [".beian-registry/index.sqlite", ".beian-registry/index.sqlite-wal", ".beian-registry/index.sqlite-shm"]

    let db: SQLiteDB
    let root: URL
    let display: String
    /// Bundles whose rows a catch-up or rebuild just wrote (for `--timings`-like reports).
    public private(set) var rebuilt = false

    init(db: SQLiteDB, root: URL, display: String) {
        self.db = db
        self.root = root
        self.display = display
    }

    /// The registry's index, caught up with its ledgers; nil when the registry has no
    /// `.beian-registry/` (then callers read the ledgers as before).
    public static func open(root: URL, display: String, clock: Clock = Clock.fromEnvironment()) throws(RegistryError) -> RegistryIndexStore? {
        guard NoFollow.kind(root: root, ".beian-registry") == .folder else { return nil }
        if let at = NoFollow.firstLink(root: root, owned) { throw .integrity(RegistryPaths.linkRefused(PathText.join(display, at))) }
        do throws(SQLiteDB.Failure) {
            let store = RegistryIndexStore(db: try SQLiteDB(path: root.appendingPathComponent(relative).path), root: root, display: display)
            try store.prepare(clock: clock)
            return store
        } catch {
            throw .integrity(failure(display, error))
        }
    }

    /// Makes the next opener rebuild the index (after a bulk write such as `beian import`).
    public static func invalidate(root: URL, display: String) {
        guard NoFollow.kind(root: root, relative) != .missing, NoFollow.firstLink(root: root, owned) == nil,
              let db = try? SQLiteDB(path: root.appendingPathComponent(relative).path) else { return }
        try? db.exec("DELETE FROM meta WHERE key = 'format'")
    }

    static func failure(_ display: String, _ error: SQLiteDB.Failure) -> Diagnostic {
        Diagnostic(.registryIndexStale, at: SourceLocation(path: PathText.join(display, relative)),
                   message: Localized(zh: "无法读写登记簿索引：\(error.message)", en: "cannot read or write the registry index: \(error.message)"),
                   help: Localized(zh: "索引可随时重建：删除该文件或运行 beian registry reindex", en: "the index can always be rebuilt: delete the file or run beian registry reindex"))
    }

    private func prepare(clock: Clock) throws(SQLiteDB.Failure) {
        try db.exec("""
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS bundles(name TEXT PRIMARY KEY, dirty INTEGER NOT NULL, ledger_count INTEGER NOT NULL, ledger_head TEXT NOT NULL,
                entity_name TEXT, name_key TEXT, skeleton TEXT, credit_code TEXT);
            CREATE INDEX IF NOT EXISTS bundles_key ON bundles(name_key);
            CREATE INDEX IF NOT EXISTS bundles_skeleton ON bundles(skeleton);
            CREATE INDEX IF NOT EXISTS bundles_code ON bundles(credit_code);
            CREATE INDEX IF NOT EXISTS bundles_dirty ON bundles(dirty);
            CREATE TABLE IF NOT EXISTS heads(bundle TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, ledger_seq INTEGER, ledger_head TEXT);
            CREATE INDEX IF NOT EXISTS heads_bundle ON heads(bundle);
            CREATE TABLE IF NOT EXISTS entity_ids(id TEXT PRIMARY KEY, bundle TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS entity_ids_bundle ON entity_ids(bundle);
            CREATE TABLE IF NOT EXISTS queue(bundle TEXT NOT NULL, item TEXT NOT NULL, entity TEXT NOT NULL, kind TEXT NOT NULL,
                submitted_at TEXT NOT NULL, submitted_by TEXT NOT NULL, submission TEXT NOT NULL, filer_key TEXT, proposed_key TEXT);
            CREATE INDEX IF NOT EXISTS queue_bundle ON queue(bundle);
            CREATE INDEX IF NOT EXISTS queue_order ON queue(submitted_at, bundle, item);
            """)
        if try meta("format") != Self.format {
            try rebuild(clock: clock)
        } else {
            try catchUp(clock: clock)
        }
    }

    // MARK: Reading

    /// Every head recorded for `bundle` in `heads.jsonl`, in order (as `RegistryHeads.all` gives).
    func recordedHeads(_ bundle: String, clock: Clock) throws(SQLiteDB.Failure) -> [LedgerEvent] {
        try db.query("SELECT seq, action, ledger_seq, ledger_head FROM heads WHERE bundle = ? ORDER BY seq", [.text(bundle)]).map { row in
            var e = LedgerEvent(seq: row[0].int ?? 0, clock: clock, actor: "", action: LedgerEvent.Action(rawValue: row[1].text ?? "") ?? .head, item: .bundle(bundle), prev: "")
            e.ledgerSeq = row[2].int
            e.ledgerHead = row[3].text
            return e
        }
    }

    /// The approved entities of other bundles whose name key, skeleton or credit code equals
    /// this one's: the only ones `entityNameFindings` can report.
    func entities(matching name: String, creditCode: String, except bundle: String) throws(SQLiteDB.Failure) -> [RegisteredEntity] {
        let code = creditCode.trimmingSpacesAndNewlines.uppercased()
        let haveIDs = try meta("entities.present") == "1"
        let rows = try db.query("""
            SELECT name, entity_name, credit_code FROM bundles
            WHERE entity_name IS NOT NULL AND name <> ? AND (name_key = ? OR skeleton = ? OR (credit_code = ? AND ? <> ''))
              AND (? = 0 OR name IN (SELECT bundle FROM entity_ids)) ORDER BY name
            """, [.text(bundle), .text(name.isEmpty ? "\u{1}" : NameKey.key(name)), .text(name.isEmpty ? "\u{1}" : NameKey.skeleton(name)),
                  .text(code), .text(code), .int(haveIDs ? 1 : 0)])
        return rows.map { RegisteredEntity(bundle: PathText.join(display, $0[0].text ?? ""), name: $0[1].text ?? "", creditCode: $0[2].text ?? "") }
    }

    /// The id `entities.jsonl` assigned to `bundle`, if any.
    func entityID(of bundle: String) throws(SQLiteDB.Failure) -> String? {
        try db.query("SELECT id FROM entity_ids WHERE bundle = ? LIMIT 1", [.text(bundle)]).first?[0].text
    }

    /// True when `id` is taken.
    func isTaken(_ id: String) throws(SQLiteDB.Failure) -> Bool {
        try !db.query("SELECT 1 FROM entity_ids WHERE id = ?", [.text(id)]).isEmpty
    }

    /// The review queue, oldest first (as `RegistryIndex.queue` orders it).
    /// The queue, oldest first: its first `limit` rows (all when nil) and how many there are.
    func queue(limit: Int? = nil) throws(SQLiteDB.Failure) -> (entries: [RegistryIndex.QueueEntry], total: Int) {
        let total = try db.query("SELECT count(*) FROM queue").first?[0].int ?? 0
        let rows = try db.query("SELECT bundle, entity, item, kind, submitted_at, submitted_by, submission, filer_key, proposed_key FROM queue ORDER BY submitted_at, bundle, item LIMIT ?",
                                [.int(limit ?? -1)])
        return (rows.map { r in
            RegistryIndex.QueueEntry(bundle: PathText.join(display, r[0].text ?? ""), entity: r[1].text ?? "", item: r[2].text ?? "", kind: RegistryIndex.QueueKind(rawValue: r[3].text ?? "") ?? .new,
                                     submittedAt: r[4].text ?? "", submittedBy: r[5].text ?? "", submission: r[6].text ?? "",
                                     filerKey: r[7].text, proposedKey: r[8].text)
        }, total)
    }

    /// The bundles that could not be read when indexed (as displayed).
    func unreadable() throws(SQLiteDB.Failure) -> [String] {
        try db.query("SELECT name FROM bundles WHERE ledger_count = -1 ORDER BY name").compactMap { $0[0].text.map { PathText.join(display, $0) } }
    }

    // MARK: Writing

    /// Marks `bundle` as being written: until `refresh`, its rows are read again from its ledger.
    func markDirty(_ bundle: String) throws(SQLiteDB.Failure) {
        try db.query("INSERT INTO bundles(name, dirty, ledger_count, ledger_head) VALUES(?, 1, 0, '') ON CONFLICT(name) DO UPDATE SET dirty = 1", [.text(bundle)])
    }

    /// Writes `record`'s rows afresh (after its write) and catches up the registry files.
    func refresh(_ record: BundleRecord) throws(SQLiteDB.Failure) {
        let rows = BundleRows(record: record)
        try db.transaction { () throws(SQLiteDB.Failure) in try write(rows) }
        try catchUp(clock: record.clock, dirtyToo: false)
    }

    // MARK: Catching up and rebuilding

    /// Reads what changed since the index was last written (see the type).
    func catchUp(clock: Clock, dirtyToo: Bool = true) throws(SQLiteDB.Failure) {
        // A registry file rewritten below what the index read (a registry restored from a
        // backup, or edited): the ledgers may have gone back with it, so everything is read again.
        let heads = try positionHolds("heads"), entities = try positionHolds("entities")
        if !heads || !entities {
            try rebuild(clock: clock)
            return
        }
        try follow(".beian-registry/heads.jsonl", key: "heads") { (e) throws(SQLiteDB.Failure) in
            guard e.action == .head || e.action == .adopt else { return }
            try db.query("INSERT INTO heads(bundle, seq, action, ledger_seq, ledger_head) VALUES(?, ?, ?, ?, ?)",
                         [.text(e.item.description), .int(e.seq), .text(e.action.rawValue), e.ledgerSeq.map { .int($0) } ?? .null, e.ledgerHead.map { .text($0) } ?? .null])
        } reset: { () throws(SQLiteDB.Failure) in try db.exec("DELETE FROM heads") }
        try follow(".beian-registry/entities.jsonl", key: "entities") { (e) throws(SQLiteDB.Failure) in
            try db.query("INSERT OR REPLACE INTO meta(key, value) VALUES('entities.present', '1')")
            guard e.action == .assignEntityID, let id = e.entityID else { return }
            try db.query("INSERT OR REPLACE INTO entity_ids(id, bundle) VALUES(?, ?)", [.text(id), .text(e.item.description)])
        } reset: { () throws(SQLiteDB.Failure) in try db.exec("DELETE FROM entity_ids; DELETE FROM meta WHERE key = 'entities.present'") }
        guard dirtyToo else { return }
        for row in try db.query("SELECT name FROM bundles WHERE dirty = 1") {
            guard let name = row[0].text else { continue }
            let path = PathText.join(display, name)
            let paths = RegistryPaths(bundlePath: path)
            // Only under the bundle's lock, taken without waiting: a bundle being written now is
            // left to its writer, who refreshes the row (this process too, if it is the writer).
            guard NoFollow.kind(root: paths.dir, "lock") != .missing else { continue }
            guard let lock = FileLock.ifFree(paths.bundleLock) else { continue }
            defer { lock.unlock() }
            guard try db.query("SELECT dirty FROM bundles WHERE name = ?", [.text(name)]).first?[0].int == 1 else { continue }
            let rows = BundleRows(path: path, name: name, clock: clock)
            try db.transaction { () throws(SQLiteDB.Failure) in try write(rows) }
        }
    }

    /// Drops everything and reads every ledger again.
    func rebuild(clock: Clock) throws(SQLiteDB.Failure) {
        rebuilt = true
        let paths = RegistryIndex.bundlePaths(in: display)
        let names = paths.map { URL(fileURLWithPath: $0).lastPathComponent }
        let tasks = ProcessInfo.processInfo.activeProcessorCount
        let rows = Concurrent.map(paths.count, tasks: tasks) { i in BundleRows(path: paths[i], name: names[i], clock: clock) }
        try db.transaction { () throws(SQLiteDB.Failure) in
            try db.exec("DELETE FROM bundles; DELETE FROM queue; DELETE FROM heads; DELETE FROM entity_ids; DELETE FROM meta;")
            for r in rows { try write(r) }
            try db.query("INSERT INTO meta(key, value) VALUES('format', ?)", [.text(Self.format)])
        }
        try catchUp(clock: clock, dirtyToo: false)
    }

    private func write(_ r: BundleRows) throws(SQLiteDB.Failure) {
        try db.query("DELETE FROM queue WHERE bundle = ?", [.text(r.name)])
        guard r.readable else {
            // Unreadable now (`verify` says why): no queue rows, no entity; not dirty, so that a
            // damaged bundle is not read on every command.
            try db.query("INSERT OR REPLACE INTO bundles(name, dirty, ledger_count, ledger_head) VALUES(?, 0, -1, '')", [.text(r.name)])
            return
        }
        let entity: [SQLiteDB.Value] = r.entity.map { [.text($0.name), .text(NameKey.key($0.name)), .text(NameKey.skeleton($0.name)), .text($0.creditCode.trimmingSpacesAndNewlines.uppercased())] }
            ?? [.null, .null, .null, .null]
        try db.query("INSERT OR REPLACE INTO bundles(name, dirty, ledger_count, ledger_head, entity_name, name_key, skeleton, credit_code) VALUES(?, 0, ?, ?, ?, ?, ?, ?)",
                     [.text(r.name), .int(r.ledgerCount), .text(r.ledgerHead)] + entity)
        for q in r.queue {
            try db.query("INSERT INTO queue(bundle, item, entity, kind, submitted_at, submitted_by, submission, filer_key, proposed_key) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [.text(r.name), .text(q.item), .text(q.entity), .text(q.kind.rawValue), .text(q.submittedAt), .text(q.submittedBy), .text(q.submission),
                          q.filerKey.map { .text($0) } ?? .null, q.proposedKey.map { .text($0) } ?? .null])
        }
    }

    /// Follows a registry-wide JSON Lines file from the offset recorded under `key`: each new
    /// complete line goes to `apply`; when the event at that offset is not the one recorded
    /// (the file was replaced or rewritten), `reset` and read it from the start. Only the bytes
    /// from just before the offset are read.
    private func follow(_ relative: String, key: String, apply: (LedgerEvent) throws(SQLiteDB.Failure) -> Void, reset: () throws(SQLiteDB.Failure) -> Void) throws(SQLiteDB.Failure) {
        let offset = Int(try meta("\(key).offset") ?? "0") ?? 0
        let last = try meta("\(key).last") ?? ""
        let url = root.appendingPathComponent(relative)
        var base = max(0, offset - 65_536)
        var data = Self.bytes(url, from: base)
        var start = offset
        if offset > base + data.count || (offset > 0 && lastHash(in: data, endingAt: offset - base) != last) {
            start = 0
            if base > 0 { base = 0; data = Self.bytes(url, from: 0) }
        }
        let end = base + (data.lastIndex(of: 0x0A).map { $0 - data.startIndex + 1 } ?? 0)
        if start == offset && end <= start { return }
        try db.transaction { () throws(SQLiteDB.Failure) in
            if start == 0 { try reset() }
            var lastSeen = start == 0 ? "" : last
            var i = data.startIndex + (start - base)
            let stop = data.startIndex + (end - base)
            while i < stop {
                let nl = data[i..<stop].firstIndex(of: 0x0A) ?? stop
                if let e = LedgerLine.decodeAny(data[i..<nl]) {
                    try apply(e)
                    lastSeen = e.hash
                }
                i = nl + 1
            }
            try setMeta("\(key).offset", String(end))
            try setMeta("\(key).last", lastSeen)
        }
    }

    /// True when the event the index recorded at its offset into a registry file is still there.
    func positionHolds(_ key: String) throws(SQLiteDB.Failure) -> Bool {
        let offset = Int(try meta("\(key).offset") ?? "0") ?? 0
        guard offset > 0 else { return true }
        let base = max(0, offset - 65_536)
        let data = Self.bytes(root.appendingPathComponent(".beian-registry/\(key).jsonl"), from: base)
        let last = try meta("\(key).last") ?? ""
        return offset <= base + data.count && lastHash(in: data, endingAt: offset - base) == last
    }

    /// The bytes of a regular file from `offset` to its end (never through a link); empty when none.
    static func bytes(_ url: URL, from offset: Int) -> Data {
        let fd = Glibc.open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return Data() }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) > offset else { return Data() }
        var buf = [UInt8](repeating: 0, count: Int(st.st_size) - offset)
        var got = 0
        while got < buf.count {
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, $0.count - got, off_t(offset + got)) }
            guard n > 0 else { break }
            got += n
        }
        return Data(buf[..<got])
    }

    /// The `hash` of the event whose line ends (with its newline) at `offset` into `data`.
    private func lastHash(in data: Data, endingAt offset: Int) -> String? {
        guard offset >= 1, offset <= data.count else { return nil }
        let at = data.startIndex + offset
        guard data[at - 1] == 0x0A else { return nil }
        let lineStart = (data[data.startIndex..<(at - 1)].lastIndex(of: 0x0A) ?? (data.startIndex - 1)) + 1
        return LedgerLine.decodeAny(data[lineStart..<(at - 1)])?.hash
    }

    func meta(_ key: String) throws(SQLiteDB.Failure) -> String? {
        try db.query("SELECT value FROM meta WHERE key = ?", [.text(key)]).first?[0].text
    }

    private func setMeta(_ key: String, _ value: String) throws(SQLiteDB.Failure) {
        try db.query("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", [.text(key), .text(value)])
    }
}
