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
/// bundle (name, ledger hash, stamp, each filing's `FilingSummary` and encoded record), and a
/// 64-bit checksum of all that (`Checksum64`: it tells a damaged file, it is no seal — the
/// cache sits beside the output, writable by whoever builds). A shard of another version,
/// registry or number, or whose checksum fails, is empty: its bundles are read in full and the
/// shard written again. Shards are mapped, not copied into memory.
struct PublicViewCache: Sendable {
    /// Bump whenever `PublicRegistry.filings(bundlePath:)`, `PublicFiling` or its
    /// `contentKey` changes.
    static let version = "beian-public-view 9"  // 7: each history step's public changes; 8: summaries carry role, province, cancellation day; 9: products' hosts, each step's kind
    static let shardCount = 64

    /// One bundle's record: the hash of its ledger and its filings, still encoded (decoded only
    /// when used, by the task that reads that bundle).
    struct Entry: Sendable {
        /// The ledger's SHA-256, hex (a slice of the shard file, or the hash of a fresh read).
        var ledgerHashBytes: Data
        /// `FileStamp` of the ledger file when it had `ledgerHash`.
        var signature: FileStamp
        /// A slice of the shard file's bytes (not copied).
        var payload: Data

        init(ledgerHash: String, signature: FileStamp, payload: Data) {
            ledgerHashBytes = Data(ledgerHash.utf8)
            self.signature = signature
            self.payload = payload
        }

        init(ledgerHashBytes: Data, signature: FileStamp, payload: Data) {
            self.ledgerHashBytes = ledgerHashBytes
            self.signature = signature
            self.payload = payload
        }

        var ledgerHash: String { String(decoding: ledgerHashBytes, as: UTF8.self) }
    }

    /// Where a record starts: its shard and offset in that shard's bytes.
    struct Location: Sendable {
        var shard: Int32
        var offset: Int32
    }

    var registry: String
    /// Each shard's checked bytes (nil: absent or unusable).
    var shards = [Data?](repeating: nil, count: shardCount)
    /// Records by `StableHash` of the bundle name. Integers only, so reading and dropping the
    /// index of 35,000 bundles allocates and frees next to nothing; `entry(_:)` parses a
    /// record when it is asked for, and checks its name.
    var index: [UInt64: Location] = [:]
    /// How many records each shard file held (a shard that loses one is rewritten).
    var counts = [Int](repeating: 0, count: shardCount)
    /// How many filings the records hold: what a rebuild's arrays are sized for.
    var filingCount = 0

    init(registry: String) { self.registry = registry }

    /// How many bundles have a record.
    var count: Int { index.count }

    static func nameKey(_ name: UnsafeRawBufferPointer) -> UInt64 {
        var h = StableHash()
        h.add(bytes: name)
        return h.state
    }

    static func nameKey(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { nameKey(UnsafeRawBufferPointer($0)) }
    }

    /// The record of the bundle `name`; nil when there is none.
    func entry(_ name: String) -> Entry? {
        guard let at = index[Self.nameKey(name)], let data = shards[Int(at.shard)] else { return nil }
        return data.withUnsafeBytes { raw -> Entry? in
            var r = ByteReader(raw)
            r.offset = Int(at.offset)
            guard let n = r.bytes(), UnsafeRawBufferPointer(rebasing: raw[n]).elementsEqual(name.utf8), let hash = r.bytes() else { return nil }
            var words: [UInt64] = []
            words.reserveCapacity(7)
            for _ in 0..<7 { guard let w = r.word() else { return nil }; words.append(w) }
            guard let signature = FileStamp(words: words), let range = r.bytes() else { return nil }
            let base = data.startIndex
            return Entry(ledgerHashBytes: data[(base + hash.lowerBound)..<(base + hash.upperBound)], signature: signature,
                         payload: data[(base + range.lowerBound)..<(base + range.upperBound)])
        }
    }

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
        cache.index.reserveCapacity(shards.reduce(0) { $0 + ($1?.records.count ?? 0) })
        for (shard, read) in shards.enumerated() {
            guard let read else { continue }
            cache.shards[shard] = read.data
            cache.counts[shard] = read.records.count
            cache.filingCount += read.filings
            for (key, offset) in read.records { cache.index[key] = Location(shard: Int32(shard), offset: offset) }
        }
        return cache
    }

    /// One shard's bytes (its checksum checked) and where each record starts, by name key.
    private static func readShard(_ url: URL, registry: String, shard: Int) -> (data: Data, records: [(UInt64, Int32)], filings: Int)? {
        // The file ends with a checksum of what precedes it (8 bytes, little-endian): a damaged
        // cache would otherwise decode into altered filings. Mapped, not copied.
        guard let file = MappedFile.bytes(url.path), file.count < Int(Int32.max), let data = Checksum64.checked(file) else { return nil }
        var filings = 0
        let records = data.withUnsafeBytes { raw -> [(UInt64, Int32)]? in
            var r = ByteReader(raw)
            guard r.string() == version, r.string() == registry, r.int() == shard, let count = r.int() else { return nil }
            var out: [(UInt64, Int32)] = []
            out.reserveCapacity(min(count, 100_000))
            for _ in 0..<count {
                let start = r.offset
                guard let name = r.bytes(), r.bytes() != nil, raw.count - r.offset >= 56 else { return nil }
                r.offset += 56  // the stamp's seven words
                guard let payload = r.bytes() else { return nil }
                var p = ByteReader(UnsafeRawBufferPointer(rebasing: raw[payload]))
                filings += p.int() ?? 0
                out.append((nameKey(UnsafeRawBufferPointer(rebasing: raw[name])), Int32(start)))
            }
            return r.atEnd ? out : nil
        }
        return records.map { (data, $0, filings) }
    }

    /// Writes the shards whose records changed: `names` are the bundles that have a record, in
    /// path order (so each shard's bytes are reproducible), `record(i)` gives the record of
    /// `names[i]` (asked only for the shards written), `changed` the names read afresh. A
    /// shard that cannot be written costs the next build time, nothing else.
    func write(to url: URL, names: [String], record: (Int) -> Entry, changed: Set<String>) {
        // Which shards changed (a record read afresh, or a count that moved), from the names
        // alone; only their records are gathered and only they are written.
        var counts = [Int](repeating: 0, count: Self.shardCount)
        var dirty = [Bool](repeating: false, count: Self.shardCount)
        var shardOf = [Int]()
        shardOf.reserveCapacity(names.count)
        for name in names {
            let k = Self.shard(of: name)
            shardOf.append(k)
            counts[k] += 1
        }
        for name in changed { dirty[Self.shard(of: name)] = true }
        for k in 0..<Self.shardCount where counts[k] != self.counts[k] { dirty[k] = true }
        guard dirty.contains(true) else { return }
        var byShard = [[(name: String, entry: Entry)]](repeating: [], count: Self.shardCount)
        for (i, name) in names.enumerated() where dirty[shardOf[i]] { byShard[shardOf[i]].append((name, record(i))) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
            try? FileManager.default.removeItem(at: url)  // the single file of an older version
        }
        for (shard, list) in byShard.enumerated() where dirty[shard] {
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
            w.int(entry.ledgerHashBytes.count)
            w.bytes.append(contentsOf: entry.ledgerHashBytes)
            for word in entry.signature.words { w.word(word) }
            w.int(entry.payload.count)
            w.bytes.append(contentsOf: entry.payload)
        }
        return Checksum64.appended(to: w.bytes)
    }

    /// When the record of the bundle `name` carries the stamp `signature` (its ledger is as it
    /// was), appends that bundle's filings and summaries, as `decode` does, and returns true;
    /// else false, with nothing appended. What a rebuild does for all but the changed bundles:
    /// no `Entry`, no array of its own.
    func appendIfUnchanged(_ name: String, signature: FileStamp,
                           filings: inout [PublicFiling], summaries: inout [FilingSummary]) -> Bool {
        guard let at = index[Self.nameKey(name)], let data = shards[Int(at.shard)] else { return false }
        return data.withUnsafeBytes { raw -> Bool in
            var r = ByteReader(raw)
            r.offset = Int(at.offset)
            guard let n = r.bytes(), UnsafeRawBufferPointer(rebasing: raw[n]).elementsEqual(name.utf8), r.bytes() != nil,
                  r.word() == signature.device, r.word() == signature.inode, r.word() == UInt64(bitPattern: signature.size),
                  r.word() == UInt64(bitPattern: signature.modified), r.word() == UInt64(bitPattern: signature.modifiedNanos),
                  r.word() == UInt64(bitPattern: signature.changed), r.word() == UInt64(bitPattern: signature.changedNanos),
                  let payload = r.bytes() else { return false }
            return Self.decode(raw, range: payload, in: data, filings: &filings, summaries: &summaries)
        }
    }

    /// One filing's record, as `encode` wrote it.
    @Sendable static func decodeFiling(_ record: Data) -> PublicFiling? {
        record.withUnsafeBytes { raw -> PublicFiling? in
            var r = ByteReader(raw)
            guard let digits = r.string(), let number = FilingNumber(exactDigits: digits), let name = r.string(),
                  let code = r.string(), let type = AlgorithmType(code: code),
                  let roleName = r.string(), let role = AlgorithmRole(rawValue: roleName),
                  let entityName = r.string(), let entityID = r.string(), let region = r.string(),
                  let purpose = r.string(), let disclosure = r.string(), let approvedOn = r.date(),
                  let status = r.int(), let hasCancel = r.int() else { return nil }
            var cancelledOn: CalendarDate?
            if hasCancel == 1 { guard let c = r.date() else { return nil }; cancelledOn = c }
            guard let products = r.strings(), let hosts = r.strings(), let notes = r.strings(), let events = r.int(), events <= raw.count else { return nil }
            var history: [PublicEvent] = []
            for _ in 0..<events {
                guard let date = r.date(), let note = r.string(), let kind = r.int(), kind >= 0, kind < PublicEventKind.allCases.count,
                      let count = r.int(), count <= raw.count else { return nil }
                var changes: [PublicChange] = []
                for _ in 0..<count {
                    guard let field = r.int(), field >= 0, field < PublicField.allCases.count,
                          let old = r.strings(), let new = r.strings() else { return nil }
                    changes.append(PublicChange(field: PublicField.allCases[field], old: old, new: new))
                }
                history.append(PublicEvent(date: date, note: note, kind: PublicEventKind.allCases[kind], changes: changes))
            }
            guard let imported = r.int(), r.atEnd else { return nil }
            return PublicFiling(number: number, algorithmName: name, type: type, role: role, entityName: entityName,
                                entityID: entityID, region: region, products: products, hosts: hosts, purpose: purpose,
                                disclosure: disclosure, approvedOn: approvedOn, status: status == 1 ? .cancelled : .active,
                                cancelledOn: cancelledOn, notes: notes, history: history, imported: imported == 1)
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

