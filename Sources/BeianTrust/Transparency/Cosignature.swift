public import Foundation

/// C2SP tlog-cosignature `cosignature/v1` (https://c2sp.org/tlog-cosignature): a witness's
/// statement that it checked a checkpoint extends every one it cosigned before. It is one
/// more signature line on the checkpoint's signed note,
///
///     — <witness name> base64(key id ‖ 8-byte big-endian time ‖ 64-byte Ed25519 signature)
///
/// where the key id is `CosignatureKey`'s and the signature is over
/// `cosignature/v1\ntime <unix seconds>\n` followed by the checkpoint's text.
public enum Cosignature {
    /// The bytes a witness signs for `checkpointText` at `time` (seconds since 1970, UTC).
    public static func message(checkpointText: String, time: UInt64) -> Data {
        Data("cosignature/v1\ntime \(time)\n\(checkpointText)".utf8)
    }

    /// The cosignature line (`— name base64…\n`) of `checkpointText` by a witness key at `time`.
    public static func line(checkpointText: String, time: UInt64, key: SigningKey) -> String {
        precondition(key.kind == .witness, "cosignatures are made with witness keys")
        var raw = key.cosignatureKey.keyIDBytes
        withUnsafeBytes(of: time.bigEndian) { raw.append(contentsOf: $0) }
        raw.append(key.sign(message(checkpointText: checkpointText, time: time)))
        return SignedNote.signaturePrefix + key.name + " " + raw.base64EncodedString() + "\n"
    }

    /// `note` (a signed note whose text is a checkpoint) with the witness's cosignature line
    /// appended. The note's text is not checked here: a witness checks it first.
    public static func sign(noteText note: String, time: UInt64, key: SigningKey) -> Result<String, SignedNote.Problem> {
        switch SignedNote.parse(note) {
        case .failure(let problem): .failure(problem)
        case .success(let parsed): .success(note + line(checkpointText: parsed.text, time: time, key: key))
        }
    }

    /// Why a cosignature was not accepted.
    public enum Problem: Error, Sendable, Equatable {
        /// Not a signed note at all.
        case malformed(String)
        /// No cosignature line by the key's name and id.
        case noCosignatureByKey
        /// A line by the key's name and id that is not a valid cosignature of the text.
        case badCosignature
    }

    /// The time of `key`'s valid cosignature on the note `note` (a signed checkpoint), or why
    /// there is none. Other signers' lines are ignored.
    public static func verify(noteText note: String, key: CosignatureKey) -> Result<UInt64, Problem> {
        let parsed: (text: String, signatures: [(name: String, raw: Data)])
        switch SignedNote.parse(note) {
        case .success(let p): parsed = p
        case .failure(.malformed(let why)): return .failure(.malformed(why))
        case .failure: return .failure(.malformed("not a signed note"))
        }
        let wantID = key.keyIDBytes
        var sawKey = false
        for (name, raw) in parsed.signatures {
            guard name == key.name, raw.prefix(4) == wantID else { continue }
            sawKey = true
            guard raw.count == 4 + 8 + 64 else { continue }
            let time = raw.dropFirst(4).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            if key.isValidSignature(raw.suffix(64), for: message(checkpointText: parsed.text, time: time)) { return .success(time) }
        }
        return .failure(sawKey ? .badCosignature : .noCosignatureByKey)
    }
}
