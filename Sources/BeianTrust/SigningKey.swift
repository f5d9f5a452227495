import Crypto
public import Foundation

/// A private Ed25519 key with its holder's name and kind, as kept in a key file.
public struct SigningKey: Sendable {
    /// Who holds a key (SPEC §7): a filer (one or more per entity), a reviewer (one per
    /// person), the registry (signs receipts and the portal's head), the project's release
    /// manager (signs a release's SHA256SUMS, scripts/release and docs/release.md; SPEC §14).
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case filer, reviewer, registry, release
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
        public: \(verifierKey)

        """
    }
}
