public import Foundation

/// A witness's public key for C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature),
/// written `name+keyid+base64(0x04 ‖ public key)`: the signed-note verifier key form with
/// signature type 0x04 (cosignature/v1, Ed25519) instead of 0x01, so a witness key can never
/// be taken for a key that signs notes, nor the other way round.
public struct CosignatureKey: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let publicKey: Data

    /// The signature type byte of cosignature/v1.
    static let algorithm: UInt8 = 0x04

    public init(name: String, publicKey: Data) {
        self.name = name
        self.publicKey = publicKey
    }

    /// Parses `name+keyid+base64(0x04 ‖ key)`; nil when malformed, when the id does not match,
    /// or when the type byte is not 0x04.
    public init?(_ text: String) {
        guard let (name, key) = NoteKeyForm.parse(text, type: CosignatureKey.algorithm) else { return nil }
        self.init(name: name, publicKey: key)
    }

    /// The first four bytes of SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key).
    var keyIDBytes: Data { NoteKeyForm.keyID(name: name, type: CosignatureKey.algorithm, publicKey: publicKey) }

    /// The key id as 8 hex digits (the key's short fingerprint).
    public var keyID: String { keyIDBytes.lowerHex }

    public var description: String { NoteKeyForm.text(name: name, type: CosignatureKey.algorithm, publicKey: publicKey) }

    func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        NoteKeyForm.isValidSignature(signature, for: message, publicKey: publicKey)
    }
}
