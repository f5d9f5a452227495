extension Tlog {
    // MARK: inclusion (RFC 9162 §2.1.3)

    /// The inclusion proof of leaf `index` in the tree of `size` leaves with root `root`,
    /// from its tiles (each checked on the way, see `readHashes`): the sibling hashes from
    /// the leaf up. (Go: `ProveRecord`.)
    public static func proveRecord(index: Int, size: Int, root: [UInt8], reader read: TileReader) throws(TlogError) -> [[UInt8]] {
        guard size > 0, index >= 0, index < size else { throw .invalidInput("leaf \(index) is not in a tree of \(size)") }
        var indexes: [Int] = []
        leafProofIndex(0, size, index, &indexes)
        guard !indexes.isEmpty else { return [] }
        var hashes = try readHashes(indexes, size: size, root: root, reader: read)[...]
        let proof = leafProof(0, size, index, &hashes)
        guard hashes.isEmpty else { throw .internalInconsistency("inclusion proof arithmetic") }
        return proof
    }

    /// Checks that `proof` proves the leaf with hash `leafHash` is leaf `index` of the tree
    /// of `size` leaves with root `root`; throws `.proofFailed` when it does not.
    /// (Go: `CheckRecord`.)
    public static func checkRecord(proof: [[UInt8]], size: Int, root: [UInt8], index: Int, leafHash: [UInt8]) throws(TlogError) {
        guard size > 0, index >= 0, index < size else { throw .invalidInput("leaf \(index) is not in a tree of \(size)") }
        guard leafHash.count == Tile.hashSize, root.count == Tile.hashSize, proof.allSatisfy({ $0.count == Tile.hashSize }) else {
            throw .invalidInput("hashes are 32 bytes")
        }
        guard let computed = runRecordProof(proof[...], 0, size, index, leafHash) else {
            throw .proofFailed("an inclusion proof of leaf \(index) in a tree of \(size) has \(inclusionProofLength(index, size)) hashes, not \(proof.count)")
        }
        guard computed == root else { throw .proofFailed("leaf \(index) with this proof gives another root than the tree of \(size)") }
    }

    static func inclusionProofLength(_ index: Int, _ size: Int) -> Int {
        var length = 0
        var lo = 0, hi = size
        while hi - lo > 1 {
            let (k, _) = maxpow2(hi - lo)
            if index < lo + k { hi = lo + k } else { lo += k }
            length += 1
        }
        return length
    }

    static func leafProofIndex(_ lo: Int, _ hi: Int, _ n: Int, _ need: inout [Int]) {
        if lo + 1 == hi { return }
        let (k, _) = maxpow2(hi - lo)
        if n < lo + k {
            leafProofIndex(lo, lo + k, n, &need)
            subTreeIndex(lo + k, hi, &need)
        } else {
            subTreeIndex(lo, lo + k, &need)
            leafProofIndex(lo + k, hi, n, &need)
        }
    }

    static func leafProof(_ lo: Int, _ hi: Int, _ n: Int, _ hashes: inout ArraySlice<[UInt8]>) -> [[UInt8]] {
        if lo + 1 == hi { return [] }
        let (k, _) = maxpow2(hi - lo)
        var p: [[UInt8]]
        let th: [UInt8]
        if n < lo + k {
            p = leafProof(lo, lo + k, n, &hashes)
            th = subTreeHash(lo + k, hi, &hashes)
        } else {
            th = subTreeHash(lo, lo + k, &hashes)
            p = leafProof(lo + k, hi, n, &hashes)
        }
        p.append(th)
        return p
    }

    /// The root the proof leads to, or nil when it has the wrong number of hashes.
    static func runRecordProof(_ p: ArraySlice<[UInt8]>, _ lo: Int, _ hi: Int, _ n: Int, _ leafHash: [UInt8]) -> [UInt8]? {
        if lo + 1 == hi { return p.isEmpty ? leafHash : nil }
        guard let last = p.last else { return nil }
        let (k, _) = maxpow2(hi - lo)
        if n < lo + k {
            guard let th = runRecordProof(p.dropLast(), lo, lo + k, n, leafHash) else { return nil }
            return nodeHash(th, last)
        }
        guard let th = runRecordProof(p.dropLast(), lo + k, hi, n, leafHash) else { return nil }
        return nodeHash(last, th)
    }

    /// The hash of the complete subtrees of `lo ..< hi`, taking theirs from the front of `hashes`.
    static func subTreeHash(_ lo: Int, _ hi: Int, _ hashes: inout ArraySlice<[UInt8]>) -> [UInt8] {
        var numTree = 0
        var lo = lo
        while lo < hi {
            lo += maxpow2(hi - lo + 1).k
            numTree += 1
        }
        let trees = hashes.prefix(numTree)
        hashes = hashes.dropFirst(numTree)
        var h = trees.last!
        for t in trees.dropLast().reversed() { h = nodeHash(t, h) }
        return h
    }

    // MARK: consistency (RFC 9162 §2.1.4)

    /// The consistency proof that the tree of `old` leaves is a prefix of the tree of `new`
    /// leaves with root `newRoot`, from the new tree's tiles (each checked, see
    /// `readHashes`); 0 < old ≤ new. (Go: `ProveTree`.)
    public static func proveTree(old: Int, new: Int, newRoot: [UInt8], reader read: TileReader) throws(TlogError) -> [[UInt8]] {
        guard old >= 1, old <= new else { throw .invalidInput("a consistency proof goes from 1 ≤ old ≤ new, not \(old) → \(new)") }
        var indexes: [Int] = []
        treeProofIndex(0, new, old, &indexes)
        guard !indexes.isEmpty else { return [] }
        var hashes = try readHashes(indexes, size: new, root: newRoot, reader: read)[...]
        let proof = treeProof(0, new, old, &hashes)
        guard hashes.isEmpty else { throw .internalInconsistency("consistency proof arithmetic") }
        return proof
    }

    /// Checks that `proof` proves the tree of `old` leaves with root `oldRoot` is a prefix of
    /// the tree of `new` leaves with root `newRoot`; throws `.proofFailed` when it does not.
    /// (Go: `CheckTree`.)
    public static func checkTree(proof: [[UInt8]], new: Int, newRoot: [UInt8], old: Int, oldRoot: [UInt8]) throws(TlogError) {
        guard old >= 1, old <= new else { throw .invalidInput("a consistency proof goes from 1 ≤ old ≤ new, not \(old) → \(new)") }
        guard newRoot.count == Tile.hashSize, oldRoot.count == Tile.hashSize, proof.allSatisfy({ $0.count == Tile.hashSize }) else {
            throw .invalidInput("hashes are 32 bytes")
        }
        guard let (oh, th) = runTreeProof(proof[...], 0, new, old, oldRoot) else {
            throw .proofFailed("a consistency proof from \(old) to \(new) cannot have \(proof.count) hashes")
        }
        guard oh == oldRoot, th == newRoot else {
            throw .proofFailed("the tree of \(old) is not a prefix of the tree of \(new) with these roots")
        }
    }

    static func treeProofIndex(_ lo: Int, _ hi: Int, _ n: Int, _ need: inout [Int]) {
        if n == hi {
            if lo != 0 { subTreeIndex(lo, hi, &need) }
            return
        }
        let (k, _) = maxpow2(hi - lo)
        if n <= lo + k {
            treeProofIndex(lo, lo + k, n, &need)
            subTreeIndex(lo + k, hi, &need)
        } else {
            subTreeIndex(lo, lo + k, &need)
            treeProofIndex(lo + k, hi, n, &need)
        }
    }

    static func treeProof(_ lo: Int, _ hi: Int, _ n: Int, _ hashes: inout ArraySlice<[UInt8]>) -> [[UInt8]] {
        if n == hi {
            return lo == 0 ? [] : [subTreeHash(lo, hi, &hashes)]
        }
        let (k, _) = maxpow2(hi - lo)
        var p: [[UInt8]]
        let th: [UInt8]
        if n <= lo + k {
            p = treeProof(lo, lo + k, n, &hashes)
            th = subTreeHash(lo + k, hi, &hashes)
        } else {
            th = subTreeHash(lo, lo + k, &hashes)
            p = treeProof(lo + k, hi, n, &hashes)
        }
        p.append(th)
        return p
    }

    /// The old and new roots the proof leads to, or nil when it has the wrong number of hashes.
    static func runTreeProof(_ p: ArraySlice<[UInt8]>, _ lo: Int, _ hi: Int, _ n: Int, _ old: [UInt8]) -> (old: [UInt8], new: [UInt8])? {
        if n == hi {
            if lo == 0 { return p.isEmpty ? (old, old) : nil }
            return p.count == 1 ? (p.first!, p.first!) : nil
        }
        guard let last = p.last else { return nil }
        let (k, _) = maxpow2(hi - lo)
        if n <= lo + k {
            guard let (oh, th) = runTreeProof(p.dropLast(), lo, lo + k, n, old) else { return nil }
            return (oh, nodeHash(th, last))
        }
        guard let (oh, th) = runTreeProof(p.dropLast(), lo + k, hi, n, old) else { return nil }
        return (nodeHash(last, oh), nodeHash(last, th))
    }
}
