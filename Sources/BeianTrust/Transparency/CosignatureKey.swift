import Crypto
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
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, VerifierKey.isValidName(String(parts[0])), parts[1].count == 8,
              let raw = Data(base64Encoded: String(parts[2])), raw.count == 33, raw.first == CosignatureKey.algorithm else { return nil }
        self.init(name: String(parts[0]), publicKey: raw.dropFirst())
        guard keyID == String(parts[1]) else { return nil }
    }

    /// The first four bytes of SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key).
    var keyIDBytes: Data {
        var input = Data(name.utf8)
        input.append(0x0A)
        input.append(CosignatureKey.algorithm)
        input.append(publicKey)
        return Data(SHA256.hash(data: input).prefix(4))
    }

    /// The key id as 8 hex digits (the key's short fingerprint).
    public var keyID: String { keyIDBytes.map { String(format: "%02x", $0) }.joined() }

    public var description: String {
        var raw = Data([CosignatureKey.algorithm])
        raw.append(publicKey)
        return "\(name)+\(keyID)+\(raw.base64EncodedString())"
    }

    func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
