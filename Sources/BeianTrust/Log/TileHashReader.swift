import Crypto

extension Tlog {
    /// Reads a tile's bytes by its C2SP path (`tile/0/x001/234.p/7`). It throws when the
    /// file is missing or unreadable; what it returns is checked, never trusted.
    public typealias TileReader = (_ path: String) throws -> [UInt8]

    /// SHA-256(0x01 ‖ left ‖ right): an inner node of RFC 9162's tree.
    static func nodeHash(_ left: ArraySlice<UInt8>, _ right: ArraySlice<UInt8>) -> [UInt8] {
        var h = SHA256()
        h.update(data: [0x01])
        left.withUnsafeBytes { h.update(bufferPointer: $0) }
        right.withUnsafeBytes { h.update(bufferPointer: $0) }
        return Array(h.finalize())
    }

    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] { nodeHash(left[...], right[...]) }

    /// Reads one tile through `read`, falling back to the full tile when a partial one is
    /// gone (C2SP: a partial tile's bytes are a prefix of the full one, which may replace it).
    static func readTile(_ tile: Tile, _ read: TileReader) throws(TlogError) -> [UInt8] {
        func attempt(_ t: Tile) throws(TlogError) -> [UInt8] {
            let bytes: [UInt8]
            do { bytes = try read(t.path) } catch { throw .tileUnreadable(path: t.path, reason: String(describing: error)) }
            guard bytes.count == t.byteCount else { throw .tileWrongSize(path: t.path, bytes: bytes.count, expected: t.byteCount) }
            return bytes
        }
        do {
            return try attempt(tile)
        } catch {
            guard tile.width < Tile.fullWidth, case .tileUnreadable = error,
                  let full = try? attempt(tile.full) else { throw error }
            return Array(full.prefix(tile.byteCount))
        }
    }

    /// The stored hashes at `indexes` of the tree of `size` leaves and root `root`, read from
    /// its tiles and proved to belong to that tree: the tiles that hold the tree's top are
    /// checked against `root`, and every other tile read against the hash its parent tile
    /// holds for it. (Go: `TileHashReader(tree, tr).ReadHashes`.)
    public static func readHashes(_ indexes: [Int], size: Int, root: [UInt8], reader read: TileReader) throws(TlogError) -> [[UInt8]] {
        try checkSizes(size)
        guard size > 0 else { throw .invalidInput("an empty tree has no hashes") }
        guard root.count == Tile.hashSize else { throw .invalidInput("a root is 32 bytes, not \(root.count)") }
        var plan = try TilePlan(size: size)
        for x in indexes { try plan.addIndex(x) }

        var data: [[UInt8]] = []
        data.reserveCapacity(plan.tiles.count)
        for tile in plan.tiles { data.append(try readTile(tile, read)) }
        try plan.checkTop(data, root: root)
        try plan.checkBelowTop(data)

        var hashes: [[UInt8]] = []
        hashes.reserveCapacity(indexes.count)
        for (i, x) in indexes.enumerated() {
            let j = plan.indexTileOrder[i]
            hashes.append(try plan.tiles[j].hash(at: x, in: data[j]))
        }
        return hashes
    }

    /// The tiles `readHashes` reads, in the order it checks them: first those holding the
    /// tree's top, then for each wanted hash the tiles between it and a tile already listed.
    struct TilePlan {
        let size: Int
        var tiles: [Tile] = []
        var tileOrder: [Tile: Int] = [:]
        /// The complete subtrees that make up the tree, and the tile holding each.
        var stx: [Int] = []
        var stxTileOrder: [Int] = []
        /// How many of `tiles` hold the top (they are checked against the root).
        var topTiles = 0
        /// For each wanted hash, the tile holding it.
        var indexTileOrder: [Int] = []

        init(size: Int) throws(TlogError) {
            self.size = size
            subTreeIndex(0, size, &stx)
            for x in stx {
                guard let tile = Tile.forIndex(x).tile.parent(0, size: size) else { throw .internalInconsistency("no tile for subtree \(x)") }
                if let j = tileOrder[tile] {
                    stxTileOrder.append(j)
                    continue
                }
                stxTileOrder.append(tiles.count)
                tileOrder[tile] = tiles.count
                tiles.append(tile)
            }
            topTiles = tiles.count
        }

        /// Lists the tile holding stored hash `x` and the full tiles between it and a tile
        /// already listed, so that each can be checked against its parent.
        mutating func addIndex(_ x: Int) throws(TlogError) {
            guard x >= 0, x < storedHashIndex(level: 0, n: size) else { throw .invalidInput("stored hash \(x) is not in a tree of \(size)") }
            let tile = Tile.forIndex(x).tile
            var k = 0
            while true {
                guard let p = tile.parent(k, size: size) else { throw .invalidInput("stored hash \(x) is not in a tree of \(size)") }
                if let j = tileOrder[p] {
                    if k == 0 { indexTileOrder.append(j) }
                    break
                }
                k += 1
            }
            k -= 1
            while k >= 0 {
                guard let p = tile.parent(k, size: size), p.width == Tile.fullWidth else {
                    throw .internalInconsistency("tile arithmetic for \(size), \(x)")
                }
                tileOrder[p] = tiles.count
                if k == 0 { indexTileOrder.append(tiles.count) }
                tiles.append(p)
                k -= 1
            }
        }

        /// The top tiles against the root.
        func checkTop(_ data: [[UInt8]], root: [UInt8]) throws(TlogError) {
            var th = try tiles[stxTileOrder[stx.count - 1]].hash(at: stx[stx.count - 1], in: data[stxTileOrder[stx.count - 1]])
            for i in stride(from: stx.count - 2, through: 0, by: -1) {
                th = nodeHash(try tiles[stxTileOrder[i]].hash(at: stx[i], in: data[stxTileOrder[i]]), th)
            }
            guard th == root else {
                throw .tileInconsistent(path: tiles[0..<topTiles].map(\.path).joined(separator: ", "))
            }
        }

        /// Each further tile against its parent, parents first. (Go starts this loop at the
        /// number of subtrees rather than of top tiles, which can leave a tile unchecked; its
        /// proofs are checked against the roots afterwards anyway. Here every tile is checked.)
        func checkBelowTop(_ data: [[UInt8]]) throws(TlogError) {
            for i in topTiles..<tiles.count {
                let tile = tiles[i]
                guard let p = tile.parent(1, size: size), let j = tileOrder[p] else {
                    throw .internalInconsistency("lost the parent of \(tile.path)")
                }
                let want = try p.hash(at: storedHashIndex(level: p.level * Tile.height, n: tile.n), in: data[j])
                guard want == Tile.subtreeHash(data[i][...]) else { throw .tileInconsistent(path: tile.path) }
            }
        }
    }

    /// The root of the tree of the first `size` leaves, from the tiles alone (nothing checked:
    /// compare it with a signed checkpoint's root). The empty tree's root is SHA-256 of
    /// nothing, as `MerkleTree.root` gives. (Go: `TreeHash` over the tiles.)
    public static func treeHash(size: Int, reader read: TileReader) throws(TlogError) -> [UInt8] {
        try checkSizes(size)
        guard size > 0 else { return Array(SHA256.hash(data: [UInt8]())) }
        var stx: [Int] = []
        subTreeIndex(0, size, &stx)
        var read_: [Tile: [UInt8]] = [:]
        var hashes: [[UInt8]] = []
        for x in stx {
            guard let tile = Tile.forIndex(x).tile.parent(0, size: size) else { throw .internalInconsistency("no tile for subtree \(x)") }
            if read_[tile] == nil { read_[tile] = try readTile(tile, read) }
            hashes.append(try tile.hash(at: x, in: read_[tile]!))
        }
        var th = hashes[hashes.count - 1]
        for i in stride(from: hashes.count - 2, through: 0, by: -1) { th = nodeHash(hashes[i], th) }
        return th
    }
}
