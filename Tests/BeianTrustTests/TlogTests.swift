import Crypto
import Foundation
import Testing
@testable import BeianTrust

/// The log published as C2SP tlog-tiles (SPEC §11): stored hash indices as Go's `tlog`
/// numbers them, tile paths as C2SP names them, tiles whose hashes give the tree's root,
/// and inclusion and consistency proofs checked by RFC 9162's own verification algorithms
/// (written out below, independently of the port of Go's code under test).
@Suite struct TlogTests {
    /// Leaf hashes of `n` distinct records, end to end.
    static func leafHashes(_ n: Int) -> [UInt8] {
        var flat: [UInt8] = []
        flat.reserveCapacity(n * 32)
        for i in 0..<n { flat += Array(MerkleTree.leafHash(Array("record \(i)".utf8))) }
        return flat
    }

    static func leaf(_ flat: [UInt8], _ i: Int) -> [UInt8] { Array(flat[(i * 32)..<(i * 32 + 32)]) }

    /// A reader over the tiles `TlogTiles` made; a missing path throws.
    struct Missing: Error {}
    static func reader(_ tiles: [(path: String, bytes: [UInt8])]) -> Tlog.TileReader {
        let byPath = Dictionary(uniqueKeysWithValues: tiles.map { ($0.path, $0.bytes) })
        return { path in
            guard let bytes = byPath[path] else { throw Missing() }
            return bytes
        }
    }

    static func root(_ flat: [UInt8]) -> [UInt8] { Array(MerkleTree.root(flat: flat)) }

    // MARK: stored hash indices

    @Test func storedHashIndicesNumberHashesInTheOrderTheyBecomeKnown() {
        // leaf 0, leaf 1, their parent, leaf 2, leaf 3, their parent, the parent of both, leaf 4…
        let order: [(Int, Int)] = [(0, 0), (0, 1), (1, 0), (0, 2), (0, 3), (1, 1), (2, 0), (0, 4)]
        for (i, (level, n)) in order.enumerated() {
            #expect(Tlog.storedHashIndex(level: level, n: n) == i)
            #expect(Tlog.splitStoredHashIndex(i) == (level, n))
        }
        for i in 0..<5000 {
            let (level, n) = Tlog.splitStoredHashIndex(i)
            #expect(Tlog.storedHashIndex(level: level, n: n) == i)
        }
        #expect([0, 1, 2, 3, 4, 5, 8].map { Tlog.storedHashCount(size: $0) } == [0, 1, 3, 4, 7, 8, 15])
    }

    // MARK: tile paths

    @Test func tilePathsAreC2SPs() throws {
        #expect(Tile(level: 0, n: 0, width: 256)?.path == "tile/0/000")
        #expect(Tile(level: 0, n: 1_234_067, width: 256)?.path == "tile/0/x001/x234/067")
        #expect(Tile(level: 1, n: 0, width: 7)?.path == "tile/1/000.p/7")
        #expect(Tile(level: 2, n: 1000, width: 255)?.path == "tile/2/x001/000.p/255")
        #expect(TlogTiles.entryBundlePath(n: 1_234_067, width: 256) == "tile/entries/x001/x234/067")
        #expect(TlogTiles.entryBundlePath(n: 0, width: 1) == "tile/entries/000.p/1")
        for path in ["tile/0/000", "tile/0/x001/x234/067", "tile/1/000.p/7", "tile/3/x999/999.p/1"] {
            #expect(Tile(path: path)?.path == path)
        }
        for bad in ["tile/0/1234", "tile/0/x1/234", "tile/0/00a", "tile/0/000.p/256", "tile/0/000.p/0", "tile/0/000.p/007",
                    "tile/8/000", "tile/00/000", "tile/-1/000", "tile/0/x000/000/", "tile/0/001/234", "tile/8/0/000",
                    "tile/0/x999/x999/x999/x999/x999/x999/999", "tile/entries/000", "tiles/0/000", "tile/0/"] {
            #expect(Tile(path: bad) == nil, "\(bad)")
        }
        #expect(Tile(level: 0, n: 0, width: 0) == nil && Tile(level: 0, n: 0, width: 257) == nil && Tile(level: 0, n: -1, width: 1) == nil)
    }

    // MARK: tiles

    @Test func aLogPublishesItsFullTilesAndTheRightmostPartialOnePerLevel() {
        func paths(_ n: Int) -> [String] { TlogTiles.tiles(leafHashes: Self.leafHashes(n)).map(\.path) }
        #expect(paths(0) == [])
        #expect(paths(1) == ["tile/0/000.p/1"])
        #expect(paths(255) == ["tile/0/000.p/255"])
        #expect(paths(256) == ["tile/0/000", "tile/1/000.p/1"])
        #expect(paths(257) == ["tile/0/000", "tile/0/001.p/1", "tile/1/000.p/1"])
        #expect(paths(512) == ["tile/0/000", "tile/0/001", "tile/1/000.p/2"])
        let big = paths(65537)
        #expect(big.count == 256 + 1 + 1 + 1)
        #expect(Array(big.suffix(3)) == ["tile/0/256.p/1", "tile/1/000", "tile/2/000.p/1"])
        // Each tile holds its hashes: level 0 the leaf hashes themselves, level 1 the roots of full level-0 tiles.
        let flat = Self.leafHashes(600)
        let tiles = TlogTiles.tiles(leafHashes: flat)
        #expect(tiles.map(\.path) == ["tile/0/000", "tile/0/001", "tile/0/002.p/88", "tile/1/000.p/2"])
        #expect(tiles[1].bytes == Array(flat[(256 * 32)..<(512 * 32)]))
        #expect(tiles[2].bytes == Array(flat[(512 * 32)...]))
        #expect(tiles[3].bytes == Self.root(Array(flat[0..<(256 * 32)])) + Self.root(Array(flat[(256 * 32)..<(512 * 32)])))
        #expect(tiles.allSatisfy { Tile(path: $0.path)?.byteCount == $0.bytes.count })
    }

    @Test func anIncrementalBuildWritesOnlyTheTilesThatChanged() {
        let flat = Self.leafHashes(1000)
        let all = TlogTiles.tiles(leafHashes: flat)
        #expect(TlogTiles.tiles(leafHashes: flat, since: 1000).isEmpty)
        #expect(TlogTiles.tiles(leafHashes: flat, since: 0).map(\.path) == all.map(\.path))
        let since600 = TlogTiles.tiles(leafHashes: flat, since: 600)
        #expect(since600.map(\.path) == ["tile/0/002", "tile/0/003.p/232", "tile/1/000.p/3"])
        // What the old log published plus what changed is what the new log publishes, tile for tile.
        var merged = Dictionary(uniqueKeysWithValues: TlogTiles.tiles(leafHashes: Array(flat[0..<(600 * 32)])).map { ($0.path, $0.bytes) })
        for t in since600 { merged[t.path] = t.bytes }
        for t in all { #expect(merged[t.path] == t.bytes, "\(t.path)") }
        #expect(TlogTiles.tiles(leafHashes: flat, since: 768).map(\.path) == ["tile/0/003.p/232"])
    }

    @Test func theTreeHashFromTheTilesIsTheMerkleRootAtEverySize() throws {
        var sizes = Array(1...300) + [511, 512, 513, 767, 768, 1000, 65535, 65536, 65537, 70000]
        sizes.append(256 * 256 + 256 * 3 + 5)
        let flat = Self.leafHashes(70000)
        for n in sizes {
            let prefix = Array(flat[0..<(n * 32)])
            let read = Self.reader(TlogTiles.tiles(leafHashes: prefix))
            #expect(try Tlog.treeHash(size: n, reader: read) == Self.root(prefix), "\(n)")
        }
        #expect(try Tlog.treeHash(size: 0, reader: { _ in throw Missing() }) == Array(MerkleTree.root([])))
    }

    // MARK: proofs, checked with RFC 9162's verification algorithms

    /// RFC 9162 §2.1.3.2: verifying an inclusion proof.
    static func rfcVerifyInclusion(index: Int, size: Int, leaf: [UInt8], proof: [[UInt8]], root: [UInt8]) -> Bool {
        guard index < size else { return false }
        var fn = index, sn = size - 1, r = leaf
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = Tlog.nodeHash(p, r)
                if fn & 1 == 0 { while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 } }
            } else {
                r = Tlog.nodeHash(r, p)
            }
            fn >>= 1; sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// RFC 9162 §2.1.4.2: verifying a consistency proof.
    static func rfcVerifyConsistency(first: Int, second: Int, firstHash: [UInt8], secondHash: [UInt8], proof: [[UInt8]]) -> Bool {
        if first == second { return proof.isEmpty && firstHash == secondHash }
        var proof = proof
        if first & (first - 1) == 0 { proof.insert(firstHash, at: 0) }
        guard let c0 = proof.first else { return false }
        var fn = first - 1, sn = second - 1
        while fn & 1 == 1 { fn >>= 1; sn >>= 1 }
        var fr = c0, sr = c0
        for c in proof.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = Tlog.nodeHash(c, fr); sr = Tlog.nodeHash(c, sr)
                if fn & 1 == 0 { while fn & 1 == 0 && fn != 0 { fn >>= 1; sn >>= 1 } }
            } else {
                sr = Tlog.nodeHash(sr, c)
            }
            fn >>= 1; sn >>= 1
        }
        return fr == firstHash && sr == secondHash && sn == 0
    }

    @Test func inclusionProofsFromTilesAreRFC9162Proofs() throws {
        let flat = Self.leafHashes(70000)
        for n in [1, 2, 3, 7, 255, 256, 257, 300, 513, 65536, 70000] {
            let prefix = Array(flat[0..<(n * 32)])
            let root = Self.root(prefix)
            let read = Self.reader(TlogTiles.tiles(leafHashes: prefix))
            var indices = Set([0, n - 1, n / 2, min(255, n - 1), min(256, n - 1), (n * 7) / 11])
            if n <= 300 { indices.formUnion(0..<n) }
            for i in indices.sorted() {
                let proof = try Tlog.proveRecord(index: i, size: n, root: root, reader: read)
                let leaf = Self.leaf(flat, i)
                #expect(Self.rfcVerifyInclusion(index: i, size: n, leaf: leaf, proof: proof, root: root), "\(i) of \(n)")
                try Tlog.checkRecord(proof: proof, size: n, root: root, index: i, leafHash: leaf)
                // Another leaf, another index or another root: refused.
                let other = Self.leaf(flat, (i + 1) % 70000)
                #expect(throws: TlogError.self) { try Tlog.checkRecord(proof: proof, size: n, root: root, index: i, leafHash: other) }
                #expect(throws: TlogError.self) { try Tlog.checkRecord(proof: proof, size: n, root: Array(repeating: 0, count: 32), index: i, leafHash: leaf) }
                if n > 1 {
                    #expect(throws: TlogError.self) { try Tlog.checkRecord(proof: proof, size: n, root: root, index: (i + 1) % n, leafHash: leaf) }
                }
            }
        }
    }

    @Test func consistencyProofsFromTilesAreRFC9162Proofs() throws {
        let flat = Self.leafHashes(70000)
        let pairs = [(1, 1), (1, 2), (3, 7), (4, 8), (6, 8), (1, 256), (255, 256), (256, 256), (256, 257), (257, 600),
                     (100, 65536), (65536, 65537), (1000, 70000), (65537, 70000), (69999, 70000), (1, 70000)]
        for (m, n) in pairs {
            let new = Array(flat[0..<(n * 32)])
            let oldRoot = Self.root(Array(flat[0..<(m * 32)])), newRoot = Self.root(new)
            let proof = try Tlog.proveTree(old: m, new: n, newRoot: newRoot, reader: Self.reader(TlogTiles.tiles(leafHashes: new)))
            #expect(Self.rfcVerifyConsistency(first: m, second: n, firstHash: oldRoot, secondHash: newRoot, proof: proof), "\(m) → \(n)")
            try Tlog.checkTree(proof: proof, new: n, newRoot: newRoot, old: m, oldRoot: oldRoot)
            // A different old tree (one leaf changed) is not a prefix.
            var forked = Array(flat[0..<(m * 32)])
            forked[0] ^= 1
            #expect(throws: TlogError.self) { try Tlog.checkTree(proof: proof, new: n, newRoot: newRoot, old: m, oldRoot: Self.root(forked)) }
            if !proof.isEmpty {
                #expect(throws: TlogError.self) { try Tlog.checkTree(proof: Array(proof.dropLast()), new: n, newRoot: newRoot, old: m, oldRoot: oldRoot) }
                #expect(throws: TlogError.self) { try Tlog.checkTree(proof: proof + [proof[0]], new: n, newRoot: newRoot, old: m, oldRoot: oldRoot) }
            }
        }
        #expect(throws: TlogError.invalidInput("a consistency proof goes from 1 ≤ old ≤ new, not 5 → 4")) {
            try Tlog.proveTree(old: 5, new: 4, newRoot: Self.root(Self.leafHashes(4)), reader: { _ in [] })
        }
        #expect(throws: TlogError.self) { try Tlog.checkTree(proof: [], new: 4, newRoot: [], old: 0, oldRoot: []) }
    }

    // MARK: hostile tiles

    @Test func hostileTilesGiveClearErrorsNeverACrash() throws {
        let flat = Self.leafHashes(70000)
        let root = Self.root(flat)
        let tiles = TlogTiles.tiles(leafHashes: flat)
        func prove(_ change: (inout [String: [UInt8]]) -> Void) -> TlogError? {
            var byPath = Dictionary(uniqueKeysWithValues: tiles.map { ($0.path, $0.bytes) })
            change(&byPath)
            let snapshot = byPath
            do {
                _ = try Tlog.proveRecord(index: 1000, size: 70000, root: root, reader: { path in
                    guard let b = snapshot[path] else { throw Missing() }
                    return b
                })
                return nil
            } catch { return error }
        }
        #expect(prove { _ in } == nil)
        // 70,000 leaves: the top tiles tile/2/000.p/1, tile/1/001.p/17 and tile/0/273.p/112 give
        // the root; leaf 1000 is in tile/0/003, checked against tile/1/000's hash of it, which
        // is checked against tile/2/000.p/1's.
        let top = "tile/2/000.p/1, tile/1/001.p/17, tile/0/273.p/112"
        #expect(prove { $0["tile/0/003"]?.removeLast() } == .tileWrongSize(path: "tile/0/003", bytes: 8191, expected: 8192))
        #expect(prove { $0["tile/0/003"]? += [0] } == .tileWrongSize(path: "tile/0/003", bytes: 8193, expected: 8192))
        #expect(prove { $0["tile/0/003"] = [] } == .tileWrongSize(path: "tile/0/003", bytes: 0, expected: 8192))
        #expect(prove { $0["tile/0/003"]?[5] ^= 1 } == .tileInconsistent(path: "tile/0/003"))
        #expect(prove { $0["tile/1/000"]?[40] ^= 1 } == .tileInconsistent(path: "tile/1/000"))
        #expect(prove { $0["tile/1/001.p/17"]?[40] ^= 1 } == .tileInconsistent(path: top))
        #expect(prove { $0["tile/0/273.p/112"]?[0] ^= 1 } == .tileInconsistent(path: top))
        #expect(prove { $0["tile/1/001.p/17"]?.removeLast(32) } == .tileWrongSize(path: "tile/1/001.p/17", bytes: 512, expected: 544))
        #expect(prove { $0["tile/0/003"] = nil } == .tileUnreadable(path: "tile/0/003", reason: "Missing()"))
        // The tiles of another log of the same size.
        let other = TlogTiles.tiles(leafHashes: Array(Self.leafHashes(70001).dropFirst(32)))
        #expect(prove { byPath in byPath = Dictionary(uniqueKeysWithValues: other.map { ($0.path, $0.bytes) }) } == .tileInconsistent(path: top))
        // A partial tile gone once the full one replaced it (the log grew to 70,400, so tile/0/273
        // is full): the full tile's prefix is read.
        var grown = Dictionary(uniqueKeysWithValues: TlogTiles.tiles(leafHashes: Self.leafHashes(70400)).map { ($0.path, $0.bytes) })
        #expect(grown["tile/0/273.p/112"] == nil && grown["tile/0/273"] != nil)
        grown["tile/1/001.p/17"] = tiles.first { $0.path == "tile/1/001.p/17" }?.bytes
        let proof = try Tlog.proveRecord(index: 69999, size: 70000, root: root, reader: { path in
            guard let b = grown[path] else { throw Missing() }
            return b
        })
        try Tlog.checkRecord(proof: proof, size: 70000, root: root, index: 69999, leafHash: Self.leaf(flat, 69999))
        #expect(throws: TlogError.invalidInput("leaf 70000 is not in a tree of 70000")) {
            try Tlog.proveRecord(index: 70000, size: 70000, root: root, reader: Self.reader(tiles))
        }
        #expect(throws: TlogError.invalidInput("a root is 32 bytes, not 3")) {
            try Tlog.proveRecord(index: 5, size: 70000, root: [1, 2, 3], reader: Self.reader(tiles))
        }
    }

    // MARK: entry bundles

    @Test func entryBundlesPrefixEachEntryWithItsLength() throws {
        let entries = (0..<600).map { Array("entry \($0)".utf8) } + [[], Array(repeating: 7, count: 65535)]
        let bundles = try TlogTiles.entryBundles(entries)
        #expect(bundles.map(\.path) == ["tile/entries/000", "tile/entries/001", "tile/entries/002.p/90"])
        #expect(Array(bundles[0].bytes.prefix(9)) == [0, 7] + Array("entry 0".utf8))
        #expect(Array(bundles[2].bytes.suffix(65537 + 2).prefix(4)) == [0, 0, 0xFF, 0xFF])
        var back: [[UInt8]] = []
        for (i, b) in bundles.enumerated() {
            back += try TlogTiles.entries(inBundle: b.bytes, width: i < 2 ? 256 : 90, path: b.path)
        }
        #expect(back == entries)
        #expect(try TlogTiles.entryBundle(of: 513, size: 602) == ("tile/entries/002.p/90", 90, 1))
        #expect(try TlogTiles.entryBundles(entries, since: 512).map(\.path) == ["tile/entries/002.p/90"])
        #expect(throws: TlogError.entryTooLong(index: 3, bytes: 65536)) {
            try TlogTiles.entryBundles([[], [], [], Array(repeating: 0, count: 65536)])
        }
        let one = bundles[2]
        #expect(throws: TlogError.bundleMalformed(path: one.path, reason: "89 entries, expected 90")) {
            try TlogTiles.entries(inBundle: Array(one.bytes.dropLast(65537)), width: 90, path: one.path)
        }
        #expect(throws: TlogError.self) { try TlogTiles.entries(inBundle: Array(one.bytes.dropLast()), width: 90, path: one.path) }
        #expect(throws: TlogError.bundleMalformed(path: one.path, reason: "more than 89 entries")) {
            try TlogTiles.entries(inBundle: one.bytes, width: 89, path: one.path)
        }
        #expect(throws: TlogError.bundleMalformed(path: "x", reason: "a length prefix is cut off at byte 0")) {
            try TlogTiles.entries(inBundle: [0], width: 1, path: "x")
        }
    }

    // MARK: speed (measured, not asserted: SPEC §6 measures with benchmarks)

    @Test func tilesOfAHundredThousandLeaves() {
        let flat = Self.leafHashes(100_000)
        let clock = ContinuousClock()
        var tiles: [(path: String, bytes: [UInt8])] = []
        let took = clock.measure { tiles = TlogTiles.tiles(leafHashes: flat) }
        #expect(tiles.count == 391 + 2 + 1)  // 390 full and 1 partial; 1 and 1; 1 partial
        print("tlog: the tiles of 100,000 leaves took \(took)")
    }
}
