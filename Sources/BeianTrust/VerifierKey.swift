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
        guard let (name, key) = NoteKeyForm.parse(text, type: VerifierKey.ed25519) else { return nil }
        self.init(name: name, publicKey: key)
    }

    /// C2SP: a key name is non-empty and holds no Unicode space and no `+`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("+") && !name.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
    }

    /// The first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
    var keyIDBytes: Data { NoteKeyForm.keyID(name: name, type: VerifierKey.ed25519, publicKey: publicKey) }

    /// The 32-bit key id as 8 hex digits.
    public var keyID: String { keyIDBytes.lowerHex }

    public var description: String { NoteKeyForm.text(name: name, type: VerifierKey.ed25519, publicKey: publicKey) }

    /// True when `signature` is this key's Ed25519 signature of `message`.
    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        NoteKeyForm.isValidSignature(signature, for: message, publicKey: publicKey)
    }
}
