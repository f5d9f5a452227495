/// A tile of a C2SP tlog-tiles log (https://c2sp.org/tlog-tiles): up to 256 consecutive
/// hashes of one level of the tiling, 32 bytes each, laid end to end. Level 0 holds leaf
/// hashes; a hash in level L+1 is the Merkle root of one full tile of level L (so tiling level
/// L holds the tree's hashes at Merkle height 8·L). Tile N of a level covers its hashes
/// `256·N ..< 256·N + W`; W = 256 is a full tile, anything less a partial one.
///
/// The same `Tile` as Go's `tlog.Tile` with height 8, but named by C2SP's paths, not Go's
/// `tile/8/L/…`: `tile/<L>/<N>` with N in zero-padded groups of three digits, all but the last
/// prefixed `x` (`x001/x234/067`), and `.p/<W>` after a partial tile's N.
public struct Tile: Sendable, Hashable, CustomStringConvertible {
    /// C2SP fixes the tile height at 8: 256 hashes.
    public static let height = 8
    /// Hashes in a full tile.
    public static let fullWidth = 1 << height
    /// Bytes in one hash.
    public static let hashSize = 32

    /// The tiling level (0 = leaf hashes).
    public let level: Int
    /// The tile's number within its level.
    public let n: Int
    /// How many hashes it holds, 1…256.
    public let width: Int

    /// A tile; nil when the numbers are out of range (levels 0…7 cover any log below 2^63 leaves).
    public init?(level: Int, n: Int, width: Int) {
        guard (0...7).contains(level), n >= 0, (1...Tile.fullWidth).contains(width) else { return nil }
        self.level = level
        self.n = n
        self.width = width
    }

    init(unchecked level: Int, n: Int, width: Int) {
        self.level = level
        self.n = n
        self.width = width
    }

    /// Its C2SP path, e.g. `tile/0/x001/234` or `tile/1/000.p/7`.
    public var path: String { "tile/\(level)/" + Tile.encodeN(n, width: width) }

    public var description: String { path }

    /// Its bytes' expected length.
    public var byteCount: Int { width * Tile.hashSize }

    /// The full tile at the same place (the partial one's bytes are a prefix of it).
    public var full: Tile { Tile(unchecked: level, n: n, width: Tile.fullWidth) }

    /// Parses a C2SP hash tile path; nil unless `path` is exactly what `path` would print
    /// (no leading zeros beyond the groups, no `.p/256`, no `.p/0`).
    public init?(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "tile", let level = Int(parts[1]), String(level) == parts[1],
              let (n, width) = Tile.decodeN(parts[2...]), let tile = Tile(level: level, n: n, width: width),
              tile.path == path else { return nil }
        self = tile
    }

    /// `x001/x234/067` for 1,234,067, with `.p/<W>` when `width` < 256.
    static func encodeN(_ n: Int, width: Int) -> String {
        var n = n
        var text = threeDigits(n % 1000)
        while n >= 1000 {
            n /= 1000
            text = "x" + threeDigits(n % 1000) + "/" + text
        }
        return width == fullWidth ? text : text + ".p/\(width)"
    }

    private static func threeDigits(_ v: Int) -> String {
        v < 10 ? "00\(v)" : v < 100 ? "0\(v)" : "\(v)"
    }

    /// The N and W of a path's tail; nil when malformed (the caller checks the round trip).
    static func decodeN(_ groups: ArraySlice<Substring>) -> (n: Int, width: Int)? {
        var groups = Array(groups)
        var width = fullWidth
        if groups.count >= 2, groups[groups.count - 2].hasSuffix(".p") {
            guard let w = Int(groups[groups.count - 1]), w >= 1, w < fullWidth else { return nil }
            width = w
            groups[groups.count - 2] = groups[groups.count - 2].dropLast(2)
            groups.removeLast()
        }
        // At most six groups (18 digits): no overflow.
        guard !groups.isEmpty, groups.count <= 6 else { return nil }
        var n = 0
        for (i, group) in groups.enumerated() {
            let digits = i == groups.count - 1 ? group : group.hasPrefix("x") ? group.dropFirst() : ""
            guard digits.count == 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(digits) else { return nil }
            n = n * 1000 + v
        }
        return (n, width)
    }

    /// The tile holding the stored hash `index`, and where in the tile's bytes the data it is
    /// computed from lies: a hash at a Merkle height that is not a multiple of 8 is the root
    /// of a run of hashes in the tile below. (Go: `tileForIndex`.)
    static func forIndex(_ index: Int) -> (tile: Tile, start: Int, end: Int) {
        var (level, n) = Tlog.splitStoredHashIndex(index)
        let tileLevel = level / height
        level -= tileLevel * height  // the level within the tile
        let tileN = (n << level) >> height
        n -= (tileN << height) >> level  // n within the tile at that level
        let width = (n + 1) << level
        return (Tile(unchecked: tileLevel, n: tileN, width: width), (n << level) * hashSize, ((n + 1) << level) * hashSize)
    }

    /// The tile at `self`'s place `k` levels up, with the width a tree of `size` leaves has
    /// there; nil when that tree has no hash there yet. (Go: `tileParent`.)
    func parent(_ k: Int, size: Int) -> Tile? {
        let level = self.level + k
        let n = self.n >> (k * Tile.height)
        let max = size >> (level * Tile.height)
        var width = Tile.fullWidth
        if n << Tile.height + width >= max {
            if n << Tile.height >= max { return nil }
            width = max - n << Tile.height
        }
        return Tile(unchecked: level, n: n, width: width)
    }

    /// The stored hash `index` from this tile's bytes. (Go: `HashFromTile`.)
    func hash(at index: Int, in data: [UInt8]) throws(TlogError) -> [UInt8] {
        guard data.count >= byteCount else { throw .tileWrongSize(path: path, bytes: data.count, expected: byteCount) }
        let (t, start, end) = Tile.forIndex(index)
        guard t.level == level, t.n == n, t.width <= width else {
            throw .internalInconsistency("stored hash \(index) is in \(t.path), not \(path)")
        }
        return Tile.subtreeHash(data[start..<end])
    }

    /// The Merkle root of a power-of-two run of hashes (the whole run when it is one hash).
    static func subtreeHash(_ data: ArraySlice<UInt8>) -> [UInt8] {
        var count = data.count / hashSize
        var level = Array(data)
        while count > 1 {
            for p in 0..<(count / 2) {
                let h = Tlog.nodeHash(level[(p * 64)..<(p * 64 + 32)], level[(p * 64 + 32)..<(p * 64 + 64)])
                level.replaceSubrange((p * 32)..<(p * 32 + 32), with: h)
            }
            count /= 2
        }
        return Array(level.prefix(hashSize))
    }
}
