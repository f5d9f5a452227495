import Crypto
public import Foundation

/// The Merkle tree hash of RFC 9162 §2.1 (Certificate Transparency 2.0), over SHA-256:
/// a leaf is hashed as SHA-256(0x00 ‖ leaf), an inner node as SHA-256(0x01 ‖ left ‖ right),
/// and a list of n > 1 leaves splits at the largest power of two below n. The empty tree's
/// hash is SHA-256 of nothing. The same root any RFC 9162 / tlog implementation computes.
public enum MerkleTree {
    /// SHA-256(0x00 ‖ leaf).
    public static func leafHash<Bytes: Collection<UInt8>>(_ leaf: Bytes) -> Data {
        var h = SHA256()
        h.update(data: [0x00])
        h.update(data: Array(leaf))
        return Data(h.finalize())
    }

    /// The root over leaf hashes (each 32 bytes), in order.
    public static func root(_ leafHashes: [Data]) -> Data {
        guard !leafHashes.isEmpty else { return Data(SHA256.hash(data: Data())) }
        // Bottom up, level by level: pairing from the left and carrying an odd last node up
        // unchanged gives exactly the recursive split at the largest power of two.
        var level = leafHashes
        while level.count > 1 {
            var next: [Data] = []
            next.reserveCapacity((level.count + 1) / 2)
            var i = 0
            while i + 1 < level.count {
                next.append(node(level[i], level[i + 1]))
                i += 2
            }
            if i < level.count { next.append(level[i]) }
            level = next
        }
        return level[0]
    }

    /// SHA-256(0x01 ‖ left ‖ right).
    public static func node(_ left: Data, _ right: Data) -> Data {
        var h = SHA256()
        h.update(data: [0x01])
        h.update(data: left)
        h.update(data: right)
        return Data(h.finalize())
    }
}
