import Foundation
import Testing
@testable import BeianTrust

/// C2SP tlog-cosignature `cosignature/v1` (SPEC §11): a witness's line on a checkpoint,
/// against a vector made by Go's crypto/ed25519 (Tests/go-interop, `-cosign-seed`).
@Suite struct CosignatureTests {
    /// The witness key: seed bytes 1…32. Go printed its cosignature key and the line below.
    static let seed = Data(1...32)
    static let goKey = "witness.example.org/w1+943db5a3+BHm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk"
    static let text = "beian.example.cn/registry\n3\nqpK1hXTrCbWpE4w0C3IIzFqgTNPCgkzxDDUgpRTnWTY=\ntime 2026-12-07T00:00:00Z\n"
    static let time: UInt64 = 1_796_601_600
    static let goLine = "\u{2014} witness.example.org/w1 lD21owAAAABrFfcAc+G4phZPj6NT4p5qfBrQay+MJr+8p88Fgp+soY/r3rw7vK1eFLLaMirFjkqxW1GUgX7fWgvyDhjloTv+lWy9Cg==\n"

    static func witness() throws -> SigningKey { try SigningKey(name: "witness.example.org/w1", kind: .witness, seed: seed) }

    @Test func signsAsGoDoesByteForByte() throws {
        let key = try Self.witness()
        #expect(key.cosignatureKey.description == Self.goKey)
        #expect(CosignatureKey(Self.goKey) == key.cosignatureKey)
        #expect(Cosignature.line(checkpointText: Self.text, time: Self.time, key: key) == Self.goLine)
        // Key id ‖ 8-byte big-endian time ‖ signature.
        let raw = try #require(Data(base64Encoded: String(Self.goLine.split(separator: " ")[2].dropLast())))
        #expect(raw.count == 76 && raw.prefix(4) == Data([0x94, 0x3d, 0xb5, 0xa3]))
        #expect(raw.dropFirst(4).prefix(8) == Data([0, 0, 0, 0, 0x6b, 0x15, 0xf7, 0x00]))
    }

    @Test func verifiesTheWitnessLineAmongOthersAndRefusesChanges() throws {
        let key = try #require(CosignatureKey(Self.goKey))
        let registry = SigningKey(name: "beian.example.cn/registry", kind: .registry)
        let note = SignedNote.sign(Self.text, with: registry)
        let cosigned = try Cosignature.sign(noteText: note, time: Self.time, key: Self.witness()).get()
        #expect(cosigned == note + Self.goLine)
        #expect(Cosignature.verify(noteText: cosigned, key: key) == .success(Self.time))
        // The registry's signature still verifies with the line appended.
        #expect(try SignedNote.open(cosigned, verifiedBy: registry.verifierKey).get() == Self.text)
        // Changed text, changed time, another witness, no line at all.
        #expect(Cosignature.verify(noteText: cosigned.replacingOccurrences(of: "\n3\n", with: "\n4\n"), key: key) == .failure(.badCosignature))
        let line = Self.goLine.split(separator: " ")
        var raw = try #require(Data(base64Encoded: String(line[2].dropLast())))
        raw[11] ^= 1
        #expect(Cosignature.verify(noteText: note + "\(line[0]) \(line[1]) \(raw.base64EncodedString())\n", key: key) == .failure(.badCosignature))
        let other = SigningKey(name: "witness.example.org/w1", kind: .witness)
        #expect(Cosignature.verify(noteText: cosigned, key: other.cosignatureKey) == .failure(.noCosignatureByKey))
        #expect(Cosignature.verify(noteText: note, key: key) == .failure(.noCosignatureByKey))
        #expect(Cosignature.verify(noteText: Self.text, key: key) == .failure(.malformed("no blank line before the signatures")))
        // A plain note signature by the same Ed25519 key is no cosignature (another key id).
        let plain = try SigningKey(name: "witness.example.org/w1", kind: .registry, seed: Self.seed)
        #expect(Cosignature.verify(noteText: SignedNote.sign(Self.text, with: plain), key: key) == .failure(.noCosignatureByKey))
    }

    @Test func cosignatureKeysAreNotNoteKeys() throws {
        let key = try Self.witness()
        #expect(VerifierKey(Self.goKey) == nil, "type 0x04 is not a note verifier key")
        #expect(CosignatureKey(key.verifierKey.description) == nil, "type 0x01 is not a cosignature key")
        #expect(CosignatureKey(Self.goKey.replacingOccurrences(of: "943db5a3", with: "943db5a4")) == nil)
        #expect(key.cosignatureKey.keyID != key.verifierKey.keyID)
        // A witness's key file says so, and reads back.
        #expect(key.fileText.contains("public: \(Self.goKey)\n"))
        #expect(try KeyFile.parse(key.fileText, path: "w.key").get().cosignatureKey == key.cosignatureKey)
        #expect(key.publicKeyText == Self.goKey && key.fingerprint == "943db5a3")
    }
}
