import CSQLite
import Foundation

/// A minimal handle on the system SQLite, for the registry's index (`RegistryIndexStore`):
/// statements with text and integer parameters, rows read as text or integers. One handle per
/// command, never shared between threads.
final class SQLiteDB {
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    enum Value {
        case text(String)
        case int(Int)
        case null
    }

    private let db: OpaquePointer
    private var cache: [String: OpaquePointer] = [:]

    /// Opens (creating) the database at `path` (`:memory:` for one in memory), in WAL mode,
    /// waiting up to 10 s for another writer.
    init(path: String) throws(Failure) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW
        guard sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let handle { sqlite3_close(handle) }
            throw Failure(message: message)
        }
        db = handle
        sqlite3_busy_timeout(db, 10_000)
        if path != ":memory:" { try exec("PRAGMA journal_mode=WAL") }
        try exec("PRAGMA synchronous=NORMAL")
    }

    deinit {
        for (_, s) in cache { sqlite3_finalize(s) }
        sqlite3_close(db)
    }

    func exec(_ sql: String) throws(Failure) {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(db, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "error"
            sqlite3_free(error)
            throw Failure(message: "\(message) (\(sql.prefix(60)))")
        }
    }

    /// Runs `sql` with `params`; returns every row.
    @discardableResult
    func query(_ sql: String, _ params: [Value] = []) throws(Failure) -> [[Value]] {
        let stmt = try prepared(sql)
        defer { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (i, p) in params.enumerated() {
            let at = Int32(i + 1)
            switch p {
            case .text(let s): sqlite3_bind_text(stmt, at, s, -1, transient)
            case .int(let n): sqlite3_bind_int64(stmt, at, Int64(n))
            case .null: sqlite3_bind_null(stmt, at)
            }
        }
        var rows: [[Value]] = []
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw Failure(message: String(cString: sqlite3_errmsg(db))) }
            var row: [Value] = []
            for c in 0..<sqlite3_column_count(stmt) {
                switch sqlite3_column_type(stmt, c) {
                case SQLITE_INTEGER: row.append(.int(Int(sqlite3_column_int64(stmt, c))))
                case SQLITE_NULL: row.append(.null)
                default: row.append(.text(String(cString: sqlite3_column_text(stmt, c))))
                }
            }
            rows.append(row)
        }
        return rows
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: all of it or none.
    func transaction<T>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        try exec("BEGIN IMMEDIATE")
        do {
            let out = try body()
            try exec("COMMIT")
            return out
        } catch {
            try? exec("ROLLBACK")
            throw error
        }
    }

    private func prepared(_ sql: String) throws(Failure) -> OpaquePointer {
        if let s = cache[sql] { return s }
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw Failure(message: "\(String(cString: sqlite3_errmsg(db))) (\(sql.prefix(60)))")
        }
        cache[sql] = stmt
        return stmt
    }
}

extension SQLiteDB.Value {
    var text: String? { if case .text(let s) = self { s } else { nil } }
    var int: Int? { if case .int(let n) = self { n } else { nil } }
}
