import BeianModel
import BeianStore
import Foundation

/// What the previous `beian build` read from each bundle, so that a rebuild reads and verifies
/// again only the bundles whose ledger changed (SPEC §4: incremental).
///
/// An entry is keyed by the SHA-256 of its bundle's ledger bytes. A ledger names each approved
/// snapshot by its SHA-256, so the same ledger bytes mean the same approved snapshots, hence
/// the same public filings. Any change to a ledger — an approval, a cancellation, one damaged
/// byte — misses, and that bundle is read and verified in full. Snapshots are not hashed again
/// on a hit: what is published is what was verified when it was read; `beian verify` reports a
/// snapshot damaged since.
///
/// Hashing every ledger still reads every ledger; so an entry also records the ledger file's
/// `stat` signature (device, inode, size, modification and status-change times in
/// nanoseconds). When the signature is unchanged the ledger is taken as unchanged without
/// reading it — the trade-off `make` and git's index make. Every write to a file changes its
/// status-change time, which no user can set back; a ledger replaced (beian writes by rename)
/// has a new inode. A signature that differs only costs reading and hashing that ledger.
///
/// The file holds public fields only (the `PublicFiling` allow-list). Its format is private
/// and versioned: `version` and the registry's absolute path, one record per bundle (name,
/// ledger hash, encoded filings), and the SHA-256 of all that. A file of another version or
/// another registry, or whose checksum fails, is an empty cache.
struct PublicViewCache: Sendable {
    /// Bump whenever `PublicRegistry.filings(bundlePath:)` or `PublicFiling` changes.
    static let version = "beian-public-view 2"

    /// One bundle's record: the hash of its ledger and its filings, still encoded (decoded only
    /// when used, by the task that reads that bundle).
    struct Entry: Sendable {
        var ledgerHash: String
        /// `FileSignature` of the ledger file when it had `ledgerHash`.
        var signature: String
        var payload: Data
    }

    var registry: String
    var entries: [String: Entry] = [:]

    init(registry: String) { self.registry = registry }

    /// Reads the cache at `url` for the registry at `registry`; empty when absent or unusable.
    static func read(_ url: URL, registry: String) -> PublicViewCache {
        var cache = PublicViewCache(registry: registry)
        // The file ends with the SHA-256 of what precedes it: a damaged cache would otherwise
        // decode into altered filings.
        guard let file = try? Data(contentsOf: url), file.count > 64 else { return cache }
        let data = file.prefix(file.count - 64)
        guard SHA256Hash.hex(data) == String(decoding: file.suffix(64), as: UTF8.self) else { return cache }
        let entries: [String: Entry]? = data.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            guard r.string() == version, r.string() == registry, let count = r.int() else { return nil }
            var out: [String: Entry] = [:]
            out.reserveCapacity(count)
            for _ in 0..<count {
                guard let name = r.string(), let hash = r.string(), let signature = r.string(), let range = r.bytes() else { return nil }
                out[name] = Entry(ledgerHash: hash, signature: signature, payload: data.subdata(in: range))
            }
            return r.atEnd ? out : nil
        }
        cache.entries = entries ?? [:]
        return cache
    }

    /// The file's bytes: records in the order given (bundle path order, so reproducible).
    static func serialize(registry: String, _ records: [(name: String, entry: Entry)]) -> Data {
        var w = ByteWriter()
        w.string(version)
        w.string(registry)
        w.int(records.count)
        for (name, entry) in records {
            w.string(name)
            w.string(entry.ledgerHash)
            w.string(entry.signature)
            w.int(entry.payload.count)
            w.bytes.append(contentsOf: entry.payload)
        }
        let digest = w.bytes.withUnsafeBytes { SHA256Hash.hex($0) }
        return Data(w.bytes + Array(digest.utf8))
    }

    /// Encodes one bundle's filings.
    static func encode(_ filings: [PublicFiling]) -> Data {
        var w = ByteWriter()
        w.int(filings.count)
        for f in filings {
            for s in [f.number.digits, f.algorithmName, f.type.code, f.role.rawValue, f.entityName, f.entityID,
                      f.region, f.purpose, f.disclosure] { w.string(s) }
            w.date(f.approvedOn)
            w.int(f.status == .cancelled ? 1 : 0)
            if let c = f.cancelledOn { w.int(1); w.date(c) } else { w.int(0) }
            w.strings(f.products)
            w.strings(f.notes)
            w.int(f.history.count)
            for e in f.history { w.date(e.date); w.string(e.note) }
            w.int(f.imported ? 1 : 0)
        }
        return Data(w.bytes)
    }

    /// Decodes one bundle's filings; nil when the bytes are not a valid record.
    static func decode(_ payload: Data) -> [PublicFiling]? {
        payload.withUnsafeBytes { raw -> [PublicFiling]? in
            var r = ByteReader(raw)
            guard let count = r.int() else { return nil }
            var out: [PublicFiling] = []
            out.reserveCapacity(min(count, 1_000))
            for _ in 0..<count {
                guard let digits = r.string(), let number = FilingNumber(published: digits), let name = r.string(),
                      let code = r.string(), let type = AlgorithmType(code: code),
                      let roleName = r.string(), let role = AlgorithmRole(rawValue: roleName),
                      let entityName = r.string(), let entityID = r.string(), let region = r.string(),
                      let purpose = r.string(), let disclosure = r.string(), let approvedOn = r.date(),
                      let status = r.int(), let hasCancel = r.int() else { return nil }
                var cancelledOn: CalendarDate?
                if hasCancel == 1 { guard let c = r.date() else { return nil }; cancelledOn = c }
                guard let products = r.strings(), let notes = r.strings(), let events = r.int() else { return nil }
                var history: [PublicEvent] = []
                for _ in 0..<events {
                    guard let date = r.date(), let note = r.string() else { return nil }
                    history.append(PublicEvent(date: date, note: note))
                }
                guard let imported = r.int() else { return nil }
                out.append(PublicFiling(number: number, algorithmName: name, type: type, role: role, entityName: entityName,
                                        entityID: entityID, region: region, products: products, purpose: purpose,
                                        disclosure: disclosure, approvedOn: approvedOn, status: status == 1 ? .cancelled : .active,
                                        cancelledOn: cancelledOn, notes: notes, history: history, imported: imported == 1))
            }
            return r.atEnd ? out : nil
        }
    }
}

extension ByteWriter {
    mutating func date(_ d: CalendarDate) {
        int(d.year); int(d.month); int(d.day)
    }
}

extension ByteReader {
    mutating func date() -> CalendarDate? {
        guard let y = int(), let m = int(), let d = int() else { return nil }
        return CalendarDate(year: y, month: m, day: d)
    }
}
