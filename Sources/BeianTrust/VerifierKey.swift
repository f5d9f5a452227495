import Crypto
public import Foundation

/// A public key as text, in the C2SP signed-note verifier-key form `name+keyid+base64`, so
/// that other tools (Go's sumdb `note` package, Sigstore clients) can read beian's keys too.
///
/// `keyid` is the first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), in hex; the
/// base64 part encodes 0x01 (the Ed25519 algorithm byte) followed by the 32-byte public key.
/// The key id doubles as the short fingerprint `beian key show` prints.
public struct VerifierKey: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let publicKey: Data

    static let ed25519: UInt8 = 0x01

    public init(name: String, publicKey: Data) {
        self.name = name
        self.publicKey = publicKey
    }

    /// Parses `name+keyid+base64`; nil when malformed, when the id does not match, or when
    /// the key is not Ed25519.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, VerifierKey.isValidName(String(parts[0])), parts[1].count == 8,
              let raw = Data(base64Encoded: String(parts[2])), raw.count == 33, raw.first == VerifierKey.ed25519 else { return nil }
        self.init(name: String(parts[0]), publicKey: raw.dropFirst())
        guard keyID == String(parts[1]) else { return nil }
    }

    /// C2SP: a key name is non-empty and holds no Unicode space and no `+`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("+") && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
    }

    /// The 32-bit key id as 8 hex digits.
    public var keyID: String {
        var input = Data(name.utf8)
        input.append(0x0A)
        input.append(VerifierKey.ed25519)
        input.append(publicKey)
        return SHA256.hash(data: input).prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    public var description: String {
        var raw = Data([VerifierKey.ed25519])
        raw.append(publicKey)
        return "\(name)+\(keyID)+\(raw.base64EncodedString())"
    }

    /// True when `signature` is this key's Ed25519 signature of `message`.
    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
