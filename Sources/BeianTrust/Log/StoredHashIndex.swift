/// The numbering of every hash a log stores, as Go's `golang.org/x/mod/sumdb/tlog` defines it:
/// the hashes of a growing log are laid out in the order they become known — leaf 0, leaf 1,
/// their parent, leaf 2, leaf 3, their parent, the parent of both, … — so the index of a hash
/// never changes as the log grows. Tiles and proofs name hashes by these indices.
public enum Tlog {
    /// The index of the hash at `level` (0 = leaves) and position `n` within that level:
    /// the hash of leaves `n·2^level ..< (n+1)·2^level`. (Go: `StoredHashIndex`.)
    public static func storedHashIndex(level: Int, n: Int) -> Int {
        precondition(level >= 0 && level < 63 && n >= 0, "a stored hash's level and position are not negative")
        // The last leaf under that hash, then every hash stored before it and up to it.
        var n = n
        for _ in 0..<level { n = 2 * n + 1 }
        var i = 0
        while n > 0 {
            i += n
            n >>= 1
        }
        return i + level
    }

    /// The level and position of the hash with stored index `index`, the inverse of
    /// `storedHashIndex(level:n:)`. (Go: `SplitStoredHashIndex`.)
    public static func splitStoredHashIndex(_ index: Int) -> (level: Int, n: Int) {
        precondition(index >= 0, "a stored hash index is not negative")
        // Leaf n's index is at most 2n, so start near index/2 and walk forward.
        var n = index / 2
        var indexN = storedHashIndex(level: 0, n: n)
        precondition(indexN <= index, "stored hash index arithmetic")
        while true {
            // The next leaf comes after the leaf itself and one hash per level it completes.
            let x = indexN + 1 + (n + 1).trailingZeroBitCount
            if x > index { break }
            n += 1
            indexN = x
        }
        let level = index - indexN
        return (level, n >> level)
    }

    /// How many hashes a log of `size` leaves stores. (Go: `StoredHashCount`.)
    public static func storedHashCount(size: Int) -> Int {
        guard size > 0 else { return 0 }
        var count = storedHashIndex(level: 0, n: size - 1) + 1
        var i = UInt(size - 1)
        while i & 1 != 0 {
            count += 1
            i >>= 1
        }
        return count
    }

    /// The largest power of two below `n` (n > 1) and its log2: where RFC 9162 splits a tree.
    static func maxpow2(_ n: Int) -> (k: Int, level: Int) {
        var l = 0
        while 1 << (l + 1) < n { l += 1 }
        return (1 << l, l)
    }

    /// The stored indices of the complete subtrees that make up leaves `lo ..< hi`, largest first.
    static func subTreeIndex(_ lo: Int, _ hi: Int, _ need: inout [Int]) {
        var lo = lo
        while lo < hi {
            let (k, level) = maxpow2(hi - lo + 1)
            precondition(lo & (k - 1) == 0, "subtree arithmetic")
            need.append(storedHashIndex(level: level, n: lo >> level))
            lo += k
        }
    }
}
