/// Why a log's tiles, entries or proofs were not accepted. Tiles and proofs come from
/// mirrors a verifier does not control: every problem is one of these, never a crash.
public enum TlogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Sizes or indices that do not fit (an entry beyond the tree, an old tree larger than the new).
    case invalidInput(String)
    /// The tile could not be read (missing, unreadable); `reason` is the reader's own.
    case tileUnreadable(path: String, reason: String)
    /// The tile's bytes are not `expected` long (a short, long or wrong-width tile).
    case tileWrongSize(path: String, bytes: Int, expected: Int)
    /// The tile's hashes do not lead to the tree's root (a changed hash, or a tile of another log).
    case tileInconsistent(path: String)
    /// The proof does not prove the claim against the given roots.
    case proofFailed(String)
    /// An entry is too long for an entry bundle (2-byte length prefix).
    case entryTooLong(index: Int, bytes: Int)
    /// An entry bundle is malformed (a length running past the end, too many or too few entries).
    case bundleMalformed(path: String, reason: String)
    /// A bug in this code, reported instead of trapping.
    case internalInconsistency(String)

    public var description: String {
        switch self {
        case .invalidInput(let why): "invalid input: \(why)"
        case .tileUnreadable(let path, let reason): "\(path): cannot be read: \(reason)"
        case .tileWrongSize(let path, let bytes, let expected): "\(path): \(bytes) bytes, expected \(expected) (\(expected / Tile.hashSize) hashes of 32 bytes)"
        case .tileInconsistent(let path): "\(path): its hashes do not lead to the checkpoint's root (changed or from another log)"
        case .proofFailed(let why): "the proof does not verify: \(why)"
        case .entryTooLong(let index, let bytes): "entry \(index) is \(bytes) bytes; an entry bundle holds entries of at most 65535"
        case .bundleMalformed(let path, let reason): "\(path): \(reason)"
        case .internalInconsistency(let why): "internal error: \(why)"
        }
    }
}
