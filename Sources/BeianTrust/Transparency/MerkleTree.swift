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

    /// The root over leaf hashes laid end to end, 32 bytes each (no object per hash: the
    /// portal's head is remade at every build over 100,000 leaves). The same as `root(_:)`.
    public static func root(flat leaves: [UInt8]) -> Data {
        precondition(leaves.count % 32 == 0, "leaf hashes are 32 bytes each")
        guard !leaves.isEmpty else { return Data(SHA256.hash(data: Data())) }
        var level = leaves
        var count = leaves.count / 32
        var next = [UInt8](repeating: 0, count: (count + 1) / 2 * 32)
        while count > 1 {
            let pairs = count / 2
            level.withUnsafeBytes { from in
                next.withUnsafeMutableBytes { to in
                    for p in 0..<pairs {
                        var h = SHA256()
                        h.update(data: [0x01])
                        h.update(bufferPointer: UnsafeRawBufferPointer(rebasing: from[(p * 64)..<(p * 64 + 64)]))
                        h.finalize().withUnsafeBytes { d in
                            UnsafeMutableRawBufferPointer(rebasing: to[(p * 32)..<(p * 32 + 32)]).copyMemory(from: d)
                        }
                    }
                    if count % 2 == 1 {
                        UnsafeMutableRawBufferPointer(rebasing: to[(pairs * 32)..<(pairs * 32 + 32)])
                            .copyMemory(from: UnsafeRawBufferPointer(rebasing: from[((count - 1) * 32)..<(count * 32)]))
                    }
                }
            }
            count = (count + 1) / 2
            swap(&level, &next)
        }
        return Data(level[0..<32])
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
