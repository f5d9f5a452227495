import Crypto
public import Foundation

/// A private Ed25519 key with its holder's name and kind, as kept in a key file.
public struct SigningKey: Sendable {
    /// Who holds a key (SPEC §7): a filer (one or more per entity), a reviewer (one per
    /// person), the registry (signs receipts and the portal's head), a witness (cosigns the
    /// registry's checkpoints, C2SP tlog-cosignature; SPEC §11).
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case filer, reviewer, registry, witness
    }

    public let name: String
    public let kind: Kind
    /// The 32-byte Ed25519 private key (the key type itself is not `Sendable`).
    let seed: Data
    var key: Curve25519.Signing.PrivateKey { (try? Curve25519.Signing.PrivateKey(rawRepresentation: seed))! }

    /// A new random key.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
        seed = Curve25519.Signing.PrivateKey().rawRepresentation
    }

    init(name: String, kind: Kind, seed: Data) throws {
        self.name = name
        self.kind = kind
        self.seed = try Curve25519.Signing.PrivateKey(rawRepresentation: seed).rawRepresentation
    }

    public var verifierKey: VerifierKey { VerifierKey(name: name, publicKey: key.publicKey.rawRepresentation) }

    /// The key as a witness's cosignature verifier key (`name+keyid+base64(0x04 ‖ key)`).
    public var cosignatureKey: CosignatureKey { CosignatureKey(name: name, publicKey: key.publicKey.rawRepresentation) }

    /// The public key as others are given it: a witness's as its cosignature key, every other
    /// kind's as a signed-note verifier key.
    public var publicKeyText: String { kind == .witness ? cosignatureKey.description : verifierKey.description }

    /// The public key's short fingerprint (the key id of `publicKeyText`).
    public var fingerprint: String { kind == .witness ? cosignatureKey.keyID : verifierKey.keyID }

    /// The Ed25519 signature of `message`.
    public func sign(_ message: Data) -> Data {
        (try? key.signature(for: message)) ?? Data()
    }

    /// The key file's text: a header line, then `name`, `kind` and the 32-byte seed in base64.
    public var fileText: String {
        """
        \(KeyFile.header)
        name: \(name)
        kind: \(kind.rawValue)
        seed: \(key.rawRepresentation.base64EncodedString())
        public: \(publicKeyText)

        """
    }
}
