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
/// The cache is a folder of `shardCount` files; a bundle's record lives in the shard its name
/// hashes to, so an approval rewrites one shard (~1/64 of the cache), not all of it. Each file
/// holds public fields only (the `PublicFiling` allow-list). Its format is private and
/// versioned: `version`, the registry's absolute path and the shard's number, one record per
/// bundle (name, ledger hash, signature, encoded filings with their `contentKey`s), and the
/// SHA-256 of all that. A shard of another version, registry or number, or whose checksum
/// fails, is empty: its bundles are read in full and the shard written again.
struct PublicViewCache: Sendable {
    /// Bump whenever `PublicRegistry.filings(bundlePath:)`, `PublicFiling` or its
    /// `contentKey` changes.
    static let version = "beian-public-view 3"
    static let shardCount = 64

    /// One bundle's record: the hash of its ledger and its filings, still encoded (decoded only
    /// when used, by the task that reads that bundle).
    struct Entry: Sendable {
        var ledgerHash: String
        /// `FileSignature` of the ledger file when it had `ledgerHash`.
        var signature: String
        /// A slice of the shard file's bytes (not copied).
        var payload: Data
    }

    var registry: String
    var entries: [String: Entry] = [:]
    /// How many records each shard file held (a shard that loses one is rewritten).
    var counts = [Int](repeating: 0, count: shardCount)

    init(registry: String) { self.registry = registry }

    /// The shard a bundle's record lives in: FNV-1a of its name.
    static func shard(of name: String) -> Int {
        var h: UInt32 = 0x811C_9DC5
        for b in name.utf8 { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        return Int(h % UInt32(shardCount))
    }

    static func shardURL(_ folder: URL, _ shard: Int) -> URL {
        folder.appendingPathComponent(String(format: "%02d", shard))
    }

    /// Reads the cache folder at `url` for the registry at `registry`; what is absent or
    /// unusable is empty.
    static func read(_ url: URL, registry: String) -> PublicViewCache {
        var cache = PublicViewCache(registry: registry)
        // Shards read on all cores (checksums and parsing are most of the time).
        let shards = Concurrent.map(shardCount, tasks: ProcessInfo.processInfo.activeProcessorCount) { shard in
            readShard(shardURL(url, shard), registry: registry, shard: shard)
        }
        cache.entries.reserveCapacity(40_000)
        for (shard, records) in shards.enumerated() {
            guard let records else { continue }
            cache.counts[shard] = records.count
            for (name, entry) in records { cache.entries[name] = entry }
        }
        return cache
    }

    private static func readShard(_ url: URL, registry: String, shard: Int) -> [(String, Entry)]? {
        // The file ends with the SHA-256 of what precedes it: a damaged cache would otherwise
        // decode into altered filings.
        guard let file = try? Data(contentsOf: url), file.count > 64 else { return nil }
        let data = file.prefix(file.count - 64)
        guard SHA256Hash.hex(data) == String(decoding: file.suffix(64), as: UTF8.self) else { return nil }
        return data.withUnsafeBytes { raw -> [(String, Entry)]? in
            var r = ByteReader(raw)
            guard r.string() == version, r.string() == registry, r.int() == shard, let count = r.int() else { return nil }
            var out: [(String, Entry)] = []
            out.reserveCapacity(min(count, 100_000))
            for _ in 0..<count {
                guard let name = r.string(), let hash = r.string(), let signature = r.string(), let range = r.bytes() else { return nil }
                out.append((name, Entry(ledgerHash: hash, signature: signature,
                                        payload: data[(data.startIndex + range.lowerBound)..<(data.startIndex + range.upperBound)])))
            }
            return r.atEnd ? out : nil
        }
    }

    /// Writes the shards whose records changed: `records` is every bundle's record in bundle
    /// path order (so each shard's bytes are reproducible), `changed` the names read afresh.
    /// A shard that cannot be written costs the next build time, nothing else.
    func write(to url: URL, _ records: [(name: String, entry: Entry)], changed: Set<String>) {
        var byShard = [[(name: String, entry: Entry)]](repeating: [], count: Self.shardCount)
        for r in records { byShard[Self.shard(of: r.name)].append(r) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
            try? FileManager.default.removeItem(at: url)  // the single file of an older version
        }
        for (shard, list) in byShard.enumerated() where list.count != counts[shard] || list.contains(where: { changed.contains($0.name) }) {
            try? AtomicFile.write(Self.serialize(registry: registry, shard: shard, list), to: Self.shardURL(url, shard), durable: false)
        }
    }

    /// One shard file's bytes.
    static func serialize(registry: String, shard: Int, _ records: [(name: String, entry: Entry)]) -> Data {
        var w = ByteWriter()
        w.string(version)
        w.string(registry)
        w.int(shard)
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

    /// Encodes one bundle's filings, each with its `contentKey`.
    static func encode(_ filings: [PublicFiling], keys: [UInt64]) -> Data {
        var w = ByteWriter()
        w.int(filings.count)
        for (f, key) in zip(filings, keys) {
            w.word(key)
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

    /// Decodes one bundle's filings and their keys; nil when the bytes are not a valid record.
    static func decode(_ payload: Data) -> (filings: [PublicFiling], keys: [UInt64])? {
        payload.withUnsafeBytes { raw -> ([PublicFiling], [UInt64])? in
            var r = ByteReader(raw)
            guard let count = r.int() else { return nil }
            var out: [PublicFiling] = []
            out.reserveCapacity(min(count, 1_000))
            var keys: [UInt64] = []
            keys.reserveCapacity(min(count, 1_000))
            for _ in 0..<count {
                guard let key = r.word(), let digits = r.string(), let number = FilingNumber(exactDigits: digits), let name = r.string(),
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
                keys.append(key)
                out.append(PublicFiling(number: number, algorithmName: name, type: type, role: role, entityName: entityName,
                                        entityID: entityID, region: region, products: products, purpose: purpose,
                                        disclosure: disclosure, approvedOn: approvedOn, status: status == 1 ? .cancelled : .active,
                                        cancelledOn: cancelledOn, notes: notes, history: history, imported: imported == 1))
            }
            return r.atEnd ? (out, keys) : nil
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

