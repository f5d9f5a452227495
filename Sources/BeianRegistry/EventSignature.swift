public import BeianTrust
import Foundation

/// Ed25519 signatures of ledger events (SPEC §7: every decision is signed by a reviewer key).
///
/// The signed message is `beian ledger event v1` and a newline, then the event's canonical
/// JSON (sorted keys, as in the ledger) with `hash` empty and no `signature` — so `seq`,
/// `prev` (the chain), the item, the decision and the signer's own key are all signed, and the
/// event's `hash` then covers the signature.
public enum EventSignature {
    static let domain = "beian ledger event v1\n"

    /// The bytes a signer signs.
    static func message(_ event: LedgerEvent) -> Data {
        var e = event
        e.hash = ""
        e.signature = nil
        return Data((domain + Ledger.canonical(e)).utf8)
    }

    /// `event` with `signer` and `signature` set by `key` (call after `seq` and `prev` are final).
    static func sign(_ event: LedgerEvent, with key: SigningKey) -> LedgerEvent {
        var e = event
        e.signer = key.verifierKey.description
        e.signature = key.sign(message(e)).base64EncodedString()
        return e
    }

    /// The key that validly signed `event`, or nil (unsigned, malformed, or a bad signature).
    public static func signer(of event: LedgerEvent) -> VerifierKey? {
        guard let text = event.signer, let key = VerifierKey(text), let sig = event.signature.flatMap({ Data(base64Encoded: $0) }),
              key.isValidSignature(sig, for: message(event)) else { return nil }
        return key
    }
}
