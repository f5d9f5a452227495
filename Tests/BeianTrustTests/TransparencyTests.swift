import Foundation
import Testing
@testable import BeianTrust

/// The formats the portal's signed head is made of (SPEC §8), each against vectors published
/// by other implementations, so that other tools can check a beian portal too.
@Suite struct TransparencyTests {
    static func hex(_ d: Data) -> String { d.map { String(format: "%02x", $0) }.joined() }

    // MARK: RFC 8785 canonical JSON

    @Test func canonicalJSONSortsByUTF16AndEscapesLikeECMAScript() {
        // RFC 8785 §3.2.3: members sorted by UTF-16 code units (U+1F600's D83D sorts before
        // U+FB33, which a sort by scalars would reverse).
        let keys = ["\u{20AC}", "\r", "\u{FB33}", "1", "\u{1F600}", "\u{80}", "\u{F6}"]
        let object = CanonicalJSON.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, .string("")) }))
        let text = String(decoding: object.bytes, as: UTF8.self)
        #expect(text == "{\"\\r\":\"\",\"1\":\"\",\"\u{80}\":\"\",\"\u{F6}\":\"\",\"\u{20AC}\":\"\",\"\u{1F600}\":\"\",\"\u{FB33}\":\"\"}")
        // RFC 8785 §3.2.2.2's string and literals.
        let sample = CanonicalJSON.object([
            "string": .string("\u{20AC}$\u{0F}\nA'B\"\\\\\"/"),
            "literals": .array([.null, .bool(true), .bool(false)]),
        ])
        #expect(String(decoding: sample.bytes, as: UTF8.self)
                == #"{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}"#)
        // Every C0 control in its short or \u00xx form; U+2028 and '<' stay as they are.
        #expect(String(decoding: CanonicalJSON.string("\u{08}\t\u{0C}\r\u{01}\u{1F}\u{2028}<").bytes, as: UTF8.self)
                == "\"\\b\\t\\f\\r\\u0001\\u001f\u{2028}<\"")
        #expect(String(decoding: CanonicalJSON.array([.integer(-3), .integer(0)]).bytes, as: UTF8.self) == "[-3,0]")
    }

    // MARK: RFC 9162 Merkle tree hash

    /// The leaves of RFC 6962's test data (also Go's `tlog` and Trillian's tests) and the
    /// published roots of their first 1…8.
    static let leaves: [[UInt8]] = [[], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
                                    Array(0x50...0x57), Array(0x60...0x6F)]
    static let roots = ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"]

    @Test func merkleRootsMatchThePublishedVectors() {
        #expect(Self.hex(MerkleTree.root([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        for n in 1...8 {
            #expect(Self.hex(MerkleTree.root(Self.leaves.prefix(n).map { MerkleTree.leafHash($0) })) == Self.roots[n - 1], "\(n) leaves")
        }
    }

    /// RFC 9162's recursive definition, to compare the level-by-level one with at every size.
    static func reference(_ hashes: ArraySlice<Data>) -> Data {
        if hashes.count == 1 { return hashes.first! }
        var k = 1
        while k * 2 < hashes.count { k *= 2 }
        let mid = hashes.startIndex + k
        return MerkleTree.node(reference(hashes[..<mid]), reference(hashes[mid...]))
    }

    @Test func merkleRootIsTheRecursiveSplitAtEverySize() {
        let hashes = (0..<70).map { MerkleTree.leafHash(Array("record \($0)".utf8)) }
        for n in 1...70 {
            #expect(MerkleTree.root(Array(hashes.prefix(n))) == Self.reference(hashes.prefix(n)[...]), "\(n)")
            #expect(MerkleTree.root(flat: hashes.prefix(n).flatMap { Array($0) }) == Self.reference(hashes.prefix(n)[...]), "flat, \(n)")
        }
        #expect(MerkleTree.root(flat: []) == MerkleTree.root([]))
        // Order matters: two leaves swapped give another root.
        var swapped = hashes
        swapped.swapAt(3, 4)
        #expect(MerkleTree.root(swapped) != MerkleTree.root(hashes))
    }

    // MARK: C2SP signed notes

    /// golang.org/x/mod/sumdb/note's example: the key, the text and the published note.
    static let goKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let goText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let goNote = goText + "\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

    @Test func readsAndWritesGoSumdbNotesByteForByte() throws {
        let key = try #require(VerifierKey(Self.goKey))
        #expect(try SignedNote.open(Self.goNote, verifiedBy: key).get() == Self.goText)
        // Go's private key `PRIVATE+KEY+PeterNeumann+c74f20a3+AYEK…` is 0x01 and the seed:
        // Ed25519 is deterministic, so signing gives Go's note exactly.
        let seed = try #require(Data(base64Encoded: "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")).dropFirst()
        let signer = try SigningKey(name: "PeterNeumann", kind: .registry, seed: Data(seed))
        #expect(signer.verifierKey == key)
        #expect(SignedNote.sign(Self.goText, with: signer) == Self.goNote)
    }

    @Test func refusesAlteredNotesAndOtherKeys() throws {
        let key = try #require(VerifierKey(Self.goKey))
        let altered = Self.goNote.replacingOccurrences(of: "cryptography", with: "cryptographY")
        #expect(SignedNote.open(altered, verifiedBy: key).failure == .badSignature)
        let other = SigningKey(name: "PeterNeumann", kind: .registry)  // same name, another key: another id
        #expect(SignedNote.open(Self.goNote, verifiedBy: other.verifierKey).failure == .noSignatureByKey)
        #expect(SignedNote.open(Self.goText, verifiedBy: key).failure == .malformed("no blank line before the signatures"))
        // A second signer's line (a witness's cosignature) does not get in the way.
        let witness = SigningKey(name: "witness.example", kind: .registry)
        let cosigned = SignedNote.sign(Self.goText, with: witness).replacingOccurrences(of: Self.goText + "\n", with: Self.goNote)
        #expect(try SignedNote.open(cosigned, verifiedBy: key).get() == Self.goText)
        #expect(try SignedNote.open(cosigned, verifiedBy: witness.verifierKey).get() == Self.goText)
    }

    @Test func checkpointsRoundTripAndRefuseMalformedBodies() throws {
        let root = MerkleTree.root([MerkleTree.leafHash([1])])
        let c = Checkpoint(origin: "beian.example.cn/registry", size: 1, root: root, extensions: ["time 2026-12-02T00:00:00Z"])
        #expect(c.text == "beian.example.cn/registry\n1\n\(root.base64EncodedString())\ntime 2026-12-02T00:00:00Z\n")
        #expect(Checkpoint(text: c.text) == c)
        #expect(Checkpoint(text: c.text)?.time == "2026-12-02T00:00:00Z")
        for bad in ["", "o\n1\n", "o\n01\n\(root.base64EncodedString())\n", "o\n-1\n\(root.base64EncodedString())\n",
                    "o\n1\nAAAA\n", "o\n1\n\(root.base64EncodedString())"] {
            #expect(Checkpoint(text: bad) == nil, "\(bad.debugDescription)")
        }
    }
}
