import BeianStore
import BeianTrust
import Foundation

/// The portal's append-only log (SPEC §8, issue 30): every version of every public record, in
/// the order the registry published them. The signed checkpoint is this log's size and RFC 9162
/// root, so each checkpoint provably extends every earlier one (consistency proofs), and each
/// record is provably in it (inclusion proofs).
///
/// An entry is one line of 87 bytes, `<21-digit filing id> <hex record hash>\n`, the record hash
/// being the filing's leaf hash in `records.txt`, SHA-256(0x00 ‖ record.json); a filing no longer
/// published gets 64 zeros as its hash. A build appends, in ascending id, an entry for each
/// filing whose record hash is not the last one the log holds for it: a new approval, an approved
/// change, a cancellation. Nothing is ever removed or reordered: the log of a build is the
/// previous build's log plus what changed. Replaying the log (the last entry of each id) gives
/// exactly the records published now (`records.txt`).
///
/// The log is kept in the site (`.beian-log`: the entries and, for each build that appended,
/// the log's size after it) and published as C2SP tlog-tiles under `transparency/tile/`; a
/// build without a previous site starts a new log — which a witness refuses to cosign, and
/// `verify-site --since` rejects, since it does not extend what was published.
package struct PortalLog: Sendable {
    package static let fileName = ".beian-log"
    package static let header = Array("beian-portal-log 1\n".utf8)
    package static let entrySize = 87
    package static let withdrawn = [UInt8](repeating: 0x30, count: 64)

    /// The entries laid end to end, `entrySize` bytes each.
    private(set) var entries: [UInt8] = []
    /// The log's size after each build that appended to it, ascending.
    private(set) var batches: [Int] = []

    package var count: Int { entries.count / Self.entrySize }

    package func entry(_ i: Int) -> ArraySlice<UInt8> { entries[(i * Self.entrySize)..<((i + 1) * Self.entrySize)] }

    /// The log size after the build that appended entry `i`: the tree its inclusion proof is for.
    package func batchEnd(of i: Int) -> Int {
        var lo = 0, hi = batches.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if batches[mid] > i { hi = mid } else { lo = mid + 1 }
        }
        return batches[lo]
    }

    /// The log a previous build left in `root`; empty when there is none or it is not well formed.
    package static func read(siteAt root: String) -> PortalLog {
        guard let data = MappedFile.bytes(root + "/" + fileName) else { return PortalLog() }
        return parse(Array(data)) ?? PortalLog()
    }

    package static func parse(_ bytes: [UInt8]) -> PortalLog? {
        guard bytes.starts(with: header), let nl = bytes[header.count...].firstIndex(of: 0x0A) else { return nil }
        let line = String(decoding: bytes[header.count..<nl], as: UTF8.self).split(separator: " ")
        guard line.first == "batches" else { return nil }
        var log = PortalLog()
        for s in line.dropFirst() {
            guard let n = Int(s), n > (log.batches.last ?? 0) else { return nil }
            log.batches.append(n)
        }
        log.entries = Array(bytes[(nl + 1)...])
        guard log.entries.count % entrySize == 0, log.count == (log.batches.last ?? 0) else { return nil }
        for i in 0..<log.count where !isEntry(log.entry(i)) { return nil }
        return log
    }

    package func serialized() -> [UInt8] {
        Self.header + Array(("batches" + batches.map { " \($0)" }.joined() + "\n").utf8) + entries
    }

    /// `<21 digits> <64 lower-case hex>\n`.
    package static func isEntry(_ e: ArraySlice<UInt8>) -> Bool {
        guard e.count == entrySize else { return false }
        let b = e.startIndex
        for i in 0..<21 where !(0x30...0x39).contains(e[b + i]) { return false }
        guard e[b + 21] == 0x20, e[b + 86] == 0x0A else { return false }
        for i in 22..<86 where !((0x30...0x39).contains(e[b + i]) || (0x61...0x66).contains(e[b + i])) { return false }
        return true
    }

    /// Appends an entry for each of `current` (ids ascending, with their record hashes) whose
    /// hash is not the log's last for that id, and a withdrawal for each id the log holds that
    /// is no longer current. Returns the indices of the entries appended.
    package mutating func append(current: [(id: ArraySlice<UInt8>, hash: ArraySlice<UInt8>)]) -> Range<Int> {
        let start = count
        var last: [ArraySlice<UInt8>: ArraySlice<UInt8>] = [:]
        last.reserveCapacity(count)
        for i in 0..<count {
            let e = entry(i)
            last[e.prefix(21)] = e.dropFirst(22).prefix(64)
        }
        let hex = Array("0123456789abcdef".utf8)
        var listed = Set<ArraySlice<UInt8>>()
        listed.reserveCapacity(current.count)
        var additions: [(id: [UInt8], hex: [UInt8])] = []
        for (id, hash) in current {
            listed.insert(id)
            var h: [UInt8] = []
            h.reserveCapacity(64)
            for b in hash { h.append(hex[Int(b >> 4)]); h.append(hex[Int(b & 0x0F)]) }
            if let old = last[id], old.elementsEqual(h) { continue }
            additions.append((Array(id), h))
        }
        for (id, hash) in last where !listed.contains(id) && !hash.elementsEqual(Self.withdrawn) {
            additions.append((Array(id), Self.withdrawn))
        }
        additions.sort { $0.id.lexicographicallyPrecedes($1.id) }
        for a in additions {
            entries += a.id
            entries.append(0x20)
            entries += a.hex
            entries.append(0x0A)
        }
        if count > start { batches.append(count) }
        return start..<count
    }

    /// Every entry's leaf hash, SHA-256(0x00 ‖ entry), laid end to end.
    package func leafHashes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count * 32)
        for i in 0..<count { out += MerkleTree.leafHash(entry(i)) }
        return out
    }

    /// For each id, the index of its last entry.
    package func lastIndex() -> [ArraySlice<UInt8>: Int] {
        var out: [ArraySlice<UInt8>: Int] = [:]
        out.reserveCapacity(count)
        for i in 0..<count { out[entry(i).prefix(21)] = i }
        return out
    }
}

/// Every perfect subtree's hash of a tree held in memory, level by level (the build has all of
/// the log's leaf hashes): an inclusion proof is then O(log² n) lookups and a few hashes, where
/// proving through the tiles rehashes a tile per level (at 100,000 filings, minutes for a build
/// from nothing).
package struct MerkleLevels: Sendable {
    /// `levels[l]`: the hashes of leaves `i·2^l ..< (i+1)·2^l`, 32 bytes each, end to end.
    private var levels: [[UInt8]]

    package init(leafHashes: [UInt8]) {
        levels = [leafHashes]
        while levels[levels.count - 1].count >= 64 {
            let below = levels[levels.count - 1]
            var next = [UInt8]()
            next.reserveCapacity(below.count / 64 * 32)
            for p in 0..<(below.count / 64) { next += MerkleTree.node(Data(below[(p * 64)..<(p * 64 + 32)]), Data(below[(p * 64 + 32)..<(p * 64 + 64)])) }
            levels.append(next)
        }
    }

    /// RFC 9162 MTH of leaves `lo ..< hi`.
    package func hash(_ lo: Int, _ hi: Int) -> [UInt8] {
        let n = hi - lo
        if n & (n - 1) == 0, lo % n == 0 {
            let l = n.trailingZeroBitCount, i = lo / n
            return Array(levels[l][(i * 32)..<(i * 32 + 32)])
        }
        var k = 1
        while k << 1 < n { k <<= 1 }
        return Array(MerkleTree.node(Data(hash(lo, lo + k)), Data(hash(lo + k, hi))))
    }

    /// RFC 9162 PATH(m, D[lo:hi]): the inclusion proof of leaf `m`, from the leaf up.
    package func path(_ m: Int, _ lo: Int, _ hi: Int) -> [[UInt8]] {
        let n = hi - lo
        guard n > 1 else { return [] }
        var k = 1
        while k << 1 < n { k <<= 1 }
        return m < lo + k ? path(m, lo, lo + k) + [hash(lo + k, hi)] : path(m, lo + k, hi) + [hash(lo, lo + k)]
    }
}
