/// A witness's rule (C2SP tlog-witness, SPEC §11): cosign a checkpoint only if it extends the
/// last one cosigned — the same tree, or a larger one with a consistency proof, read from the
/// new checkpoint's tiles and checked against both roots. Pure: the caller reads the files,
/// keeps the state and writes the cosignature.
public enum Witness {
    /// Why a checkpoint does not extend the last one cosigned.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// The checkpoint is of another log (its origin).
        case otherLog(origin: String, expected: String)
        /// Smaller than the last one cosigned: history would go backwards.
        case smaller(size: Int, last: Int)
        /// The same size as the last one cosigned but another root: a fork.
        case forked(size: Int)
        /// Larger, but the consistency proof could not be made from the tiles or does not verify.
        case notConsistent(TlogError)

        public var description: String {
            switch self {
            case .otherLog(let origin, let expected): "the checkpoint is of the log “\(origin)”, not “\(expected)”"
            case .smaller(let size, let last): "the checkpoint has \(size) entries, fewer than the \(last) of the last one cosigned"
            case .forked(let size): "the checkpoint has the \(size) entries of the last one cosigned but another root: the log forked"
            case .notConsistent(let error): "the checkpoint is not shown to extend the last one cosigned: \(error)"
            }
        }
    }

    /// The consistency proof that `new` extends `last` (empty when there is nothing to prove:
    /// no checkpoint cosigned yet, an empty last tree, or the same tree), read through `tiles`
    /// from the new checkpoint's tiles; the refusal otherwise.
    public static func check(_ new: Checkpoint, extends last: Checkpoint?, tiles: Tlog.TileReader) -> Result<[[UInt8]], Refusal> {
        guard let last else { return .success([]) }
        guard new.origin == last.origin else { return .failure(.otherLog(origin: new.origin, expected: last.origin)) }
        guard new.size >= last.size else { return .failure(.smaller(size: new.size, last: last.size)) }
        if new.size == last.size { return new.root == last.root ? .success([]) : .failure(.forked(size: new.size)) }
        // Every tree extends the empty one (whose root a signed checkpoint already vouched for).
        guard last.size > 0 else { return .success([]) }
        do {
            let proof = try Tlog.proveTree(old: last.size, new: new.size, newRoot: Array(new.root), reader: tiles)
            try Tlog.checkTree(proof: proof, new: new.size, newRoot: Array(new.root), old: last.size, oldRoot: Array(last.root))
            return .success(proof)
        } catch {
            return .failure(.notConsistent(error))
        }
    }
}
