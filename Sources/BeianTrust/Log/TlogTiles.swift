import Crypto

/// What a log of n entries publishes as C2SP tlog-tiles (https://c2sp.org/tlog-tiles), made
/// from plain values: the hash tiles from the leaf hashes, the entry bundles from the entries.
/// The caller writes them as static files under the log's prefix, beside its checkpoint.
///
/// For the portal build:
///
///     let tiles = TlogTiles.tiles(leafHashes: flat)          // [(path: "tile/0/000", bytes)]
///     let bundles = try TlogTiles.entryBundles(entries)      // [(path: "tile/entries/000", bytes)]
///
/// and for a verifier, `Tlog.treeHash(size:reader:)`, `Tlog.proveRecord`/`checkRecord` and
/// `Tlog.proveTree`/`checkTree` read them back through a closure `(path) throws -> [UInt8]`.
public enum TlogTiles {
    /// Every tile a log of `leafHashes.count / 32` leaves publishes: each level's full tiles
    /// and its rightmost partial tile (none when the level's hash count is a multiple of 256),
    /// level by level, in order. `leafHashes` are the RFC 9162 leaf hashes, 32 bytes each,
    /// end to end (as `MerkleTree.root(flat:)` takes them).
    ///
    /// With `since`, only the tiles that a log of `since` leaves had not published yet: new
    /// full tiles, and each level's partial tile when it grew (what an incremental build must
    /// write; the older files stay as they are, full tiles never change).
    public static func tiles(leafHashes: [UInt8], since oldSize: Int = 0) -> [(path: String, bytes: [UInt8])] {
        precondition(leafHashes.count % Tile.hashSize == 0, "leaf hashes are 32 bytes each")
        var out: [(path: String, bytes: [UInt8])] = []
        var level = leafHashes
        var count = leafHashes.count / Tile.hashSize
        var l = 0
        let tileBytes = Tile.fullWidth * Tile.hashSize
        while count > 0 {
            let full = count / Tile.fullWidth
            let old = l * Tile.height < Int.bitWidth - 1 ? oldSize >> (l * Tile.height) : 0
            var next = [UInt8](repeating: 0, count: full * Tile.hashSize)
            level.withUnsafeBytes { from in
                next.withUnsafeMutableBytes { to in
                    for t in 0..<full {
                        let tile = UnsafeRawBufferPointer(rebasing: from[(t * tileBytes)..<((t + 1) * tileBytes)])
                        if (t + 1) * Tile.fullWidth > old {
                            out.append((Tile(unchecked: l, n: t, width: Tile.fullWidth).path, Array(tile)))
                        }
                        fullTileRoot(tile, into: UnsafeMutableRawBufferPointer(rebasing: to[(t * Tile.hashSize)..<((t + 1) * Tile.hashSize)]))
                    }
                }
            }
            let rest = count % Tile.fullWidth
            if rest > 0, count > old {
                out.append((Tile(unchecked: l, n: full, width: rest).path, Array(level[(full * tileBytes)...])))
            }
            level = next
            count = full
            l += 1
        }
        return out
    }

    /// The Merkle root of one full tile's 256 hashes, written to `out` (32 bytes): 255 inner
    /// nodes, computed in a scratch buffer without allocating per hash.
    static func fullTileRoot(_ tile: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        // One 65-byte input buffer (0x01 ‖ left ‖ right) reused for every node: a single
        // update per hash and no allocation (this loop is most of a portal build's log time).
        withUnsafeTemporaryAllocation(byteCount: Tile.fullWidth / 2 * Tile.hashSize + 65, alignment: 1) { buffer in
            let scratch = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(Tile.fullWidth / 2 * Tile.hashSize)])
            let input = UnsafeMutableRawBufferPointer(rebasing: buffer[(Tile.fullWidth / 2 * Tile.hashSize)...])
            input[0] = 0x01
            var from = tile
            var count = Tile.fullWidth
            while count > 1 {
                for p in 0..<(count / 2) {
                    UnsafeMutableRawBufferPointer(rebasing: input[1..<65]).copyMemory(from: UnsafeRawBufferPointer(rebasing: from[(p * 64)..<(p * 64 + 64)]))
                    var h = SHA256()
                    h.update(bufferPointer: UnsafeRawBufferPointer(input))
                    h.finalize().withUnsafeBytes { d in
                        UnsafeMutableRawBufferPointer(rebasing: scratch[(p * 32)..<(p * 32 + 32)]).copyMemory(from: d)
                    }
                }
                from = UnsafeRawBufferPointer(scratch)
                count /= 2
            }
            out.copyMemory(from: UnsafeRawBufferPointer(rebasing: scratch[0..<Tile.hashSize]))
        }
    }

    /// The largest entry an entry bundle holds (its length is a 2-byte prefix).
    public static let maxEntryBytes = 0xFFFF

    /// The entry bundles of a log of `entries`: bundle N holds entries 256·N ..< 256·N + W,
    /// each as a 2-byte big-endian length and the entry's bytes, at `tile/entries/<N>` (full)
    /// or `tile/entries/<N>.p/<W>` (the rightmost, partial). With `since`, only the bundles a
    /// log of `since` entries had not published yet. Throws for an entry over 65,535 bytes.
    public static func entryBundles(_ entries: [[UInt8]], since oldSize: Int = 0) throws(TlogError) -> [(path: String, bytes: [UInt8])] {
        if let i = entries.firstIndex(where: { $0.count > maxEntryBytes }) { throw .entryTooLong(index: i, bytes: entries[i].count) }
        var out: [(path: String, bytes: [UInt8])] = []
        var start = 0
        while start < entries.count {
            let end = min(start + Tile.fullWidth, entries.count)
            if end > oldSize {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(entries[start..<end].reduce(0) { $0 + 2 + $1.count })
                for e in entries[start..<end] {
                    bytes.append(UInt8(e.count >> 8))
                    bytes.append(UInt8(e.count & 0xFF))
                    bytes.append(contentsOf: e)
                }
                out.append((entryBundlePath(n: start / Tile.fullWidth, width: end - start), bytes))
            }
            start = end
        }
        return out
    }

    /// `tile/entries/<N>[.p/<W>]`.
    public static func entryBundlePath(n: Int, width: Int) -> String {
        precondition(n >= 0 && (1...Tile.fullWidth).contains(width), "an entry bundle holds 1…256 entries")
        return "tile/entries/" + Tile.encodeN(n, width: width)
    }

    /// The entries of a bundle's bytes, which must hold exactly `width` of them; `path` names
    /// it in errors.
    public static func entries(inBundle bytes: [UInt8], width: Int, path: String) throws(TlogError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            guard out.count < width else { throw .bundleMalformed(path: path, reason: "more than \(width) entries") }
            guard i + 2 <= bytes.count else { throw .bundleMalformed(path: path, reason: "a length prefix is cut off at byte \(i)") }
            let length = Int(bytes[i]) << 8 | Int(bytes[i + 1])
            guard i + 2 + length <= bytes.count else {
                throw .bundleMalformed(path: path, reason: "entry \(out.count) says \(length) bytes, past the end at byte \(i)")
            }
            out.append(Array(bytes[(i + 2)..<(i + 2 + length)]))
            i += 2 + length
        }
        guard out.count == width else { throw .bundleMalformed(path: path, reason: "\(out.count) entries, expected \(width)") }
        return out
    }

    /// The entries `index` belongs to: its bundle's path in a log of `size` entries, and its
    /// position in the bundle.
    public static func entryBundle(of index: Int, size: Int) throws(TlogError) -> (path: String, width: Int, position: Int) {
        guard index >= 0, index < size else { throw .invalidInput("entry \(index) is not in a log of \(size)") }
        let n = index / Tile.fullWidth
        let width = min(Tile.fullWidth, size - n * Tile.fullWidth)
        return (entryBundlePath(n: n, width: width), width, index % Tile.fullWidth)
    }
}
