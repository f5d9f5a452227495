import Crypto
import Foundation

/// The C2SP key text `name+keyid+base64(type ‖ public key)` shared by note verifier keys (type
/// 0x01, `VerifierKey`) and witness cosignature keys (type 0x04, `CosignatureKey`): one parser
/// and one key id, so the two forms differ in their type byte only.
enum NoteKeyForm {
    /// Splits and checks `name+keyid+base64`: nil when malformed, when the type byte is not
    /// `type`, or when the key id does not match.
    static func parse(_ text: String, type: UInt8) -> (name: String, publicKey: Data)? {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, VerifierKey.isValidName(String(parts[0])), parts[1].count == 8,
              let raw = Data(base64Encoded: String(parts[2])), raw.count == 33, raw.first == type else { return nil }
        let name = String(parts[0]), key = Data(raw.dropFirst())
        guard keyID(name: name, type: type, publicKey: key).lowerHex == String(parts[1]) else { return nil }
        return (name, key)
    }

    /// The first four bytes of SHA-256(name ‖ "\n" ‖ type ‖ public key).
    static func keyID(name: String, type: UInt8, publicKey: Data) -> Data {
        var input = Data(name.utf8)
        input.append(0x0A)
        input.append(type)
        input.append(publicKey)
        return Data(SHA256.hash(data: input).prefix(4))
    }

    /// `name+keyid+base64(type ‖ public key)`.
    static func text(name: String, type: UInt8, publicKey: Data) -> String {
        var raw = Data([type])
        raw.append(publicKey)
        return "\(name)+\(keyID(name: name, type: type, publicKey: publicKey).lowerHex)+\(raw.base64EncodedString())"
    }

    /// True when `signature` is the Ed25519 signature of `message` by `publicKey`.
    static func isValidSignature(_ signature: Data, for message: Data, publicKey: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

extension Data {
    /// Lower-case hex, two digits a byte.
    var lowerHex: String { map { String(format: "%02x", $0) }.joined() }
}
