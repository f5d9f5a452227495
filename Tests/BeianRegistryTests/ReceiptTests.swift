import BeianRegistry
import BeianTestSupport
import BeianTrust
import Foundation
import Testing

/// Receipts (回执, SPEC §7): the registry signs one per decision; the filer, on its own copy
/// of the bundle, imports them against the registry key it pinned and sees numbers and
/// reasons offline. A receipt altered by one byte, signed by another key, or about another
/// entity is refused (exit 2) and nothing is written.
@Suite(.serialized) struct ReceiptTests {
    @Test func theFilerLearnsTheOutcomeFromReceiptsAlone() throws {
        let s = try Scratch()
        let k = try TrustTests.Keys(s)
        try TrustTests.initialize(s, k)
        // The filer's machine: its own copy of the bundle, submitted there too.
        let filer = ScratchFolders.register(s.root.deletingLastPathComponent().appendingPathComponent("filer-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: filer, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: s.path("xc"), to: filer.appendingPathComponent("xc"))
        var r = try CLI.run(["submit", "xc"] + attest, cwd: filer)
        #expect(r.status == 0)
        r = try CLI.run(["registry", "pin", "xc", k.registryPublic], cwd: filer)
        #expect(r.status == 0, "\(r.stdout)")

        // The registry decides.
        r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        r = try CLI.run(["review", "approve", "xc", "entity", "--key", k.reviewer], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        try CLI.run(["review", "approve", "xc", "product:app", "--key", k.reviewer], cwd: s.root)  // a linked product is reviewed
        r = try CLI.run(["review", "approve", "xc", "algorithm:feed", "--key", k.reviewer], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        let number = try #require(r.stdout.firstMatch(of: /网信算备\d{21}号/).map { String($0.0) })
        r = try CLI.run(["review", "reject", "xc", "algorithm:search", "--key", k.reviewer, "--reason", "公示内容缺少运行机制"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        let out = s.root.deletingLastPathComponent().appendingPathComponent("receipts-\(UUID().uuidString)")
        ScratchFolders.register(out)
        // Only the registry key signs receipts.
        r = try CLI.run(["receipt", "issue", "xc", "--key", k.reviewer, "--out", out.path], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S713]"), "\(r.stdout)")
        r = try CLI.run(["receipt", "issue", "xc", "--key", k.registry, "--out", out.path], cwd: s.root)
        #expect(r.status == 0 && r.stdout.contains("wrote 4 receipts"), "\(r.stdout)")
        r = try CLI.run(["receipt", "issue", "xc", "--key", k.registry, "--out", out.path], cwd: s.root)
        #expect(r.stdout.contains("wrote 0 receipts"), "issuing again changes nothing: \(r.stdout)")
        let receipts = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().map { out.appendingPathComponent($0).path }
        #expect(receipts.count == 4)  // entity, product:app (reviewed: linked), algorithm:feed, algorithm:search

        // Hostile receipts first: each refused with exit 2, the filer's ledger untouched.
        let ledger = filer.appendingPathComponent("xc/.beian/ledger.jsonl")
        let before = try Data(contentsOf: ledger)
        let approval = try #require(receipts.first { $0.contains("algorithm-feed") })
        var bytes = try Data(contentsOf: URL(fileURLWithPath: approval))
        let at = try #require(String(decoding: bytes, as: UTF8.self).range(of: number)).lowerBound
        let offset = String(decoding: bytes, as: UTF8.self).utf8.distance(from: String(decoding: bytes, as: UTF8.self).startIndex, to: at) + 12
        bytes[offset] = bytes[offset] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        let forged = filer.appendingPathComponent("forged.receipt.json")
        try bytes.write(to: forged)
        r = try CLI.run(["receipt", "import", "xc", forged.path], cwd: filer)
        #expect(r.status == 2 && r.stdout.contains("error[L608]") && r.stdout.contains("not validly signed by the pinned registry key"), "\(r.stdout)")
        // Signed by another key: naming it as the registry, or naming the pinned key.
        var genuine = try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: URL(fileURLWithPath: approval)))
        let forger = SigningKey(name: "forger", kind: .registry)
        for claimed in [forger.verifierKey.description, k.registryPublic] {
            genuine.registryKey = claimed
            genuine.signature = nil
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            genuine.signature = forger.sign(Data("beian receipt v1\n".utf8) + (try encoder.encode(genuine))).base64EncodedString()
            try encoder.encode(genuine).write(to: forged)
            r = try CLI.run(["receipt", "import", "xc", forged.path], cwd: filer)
            #expect(r.status == 2 && r.stdout.contains("not validly signed by the pinned registry key"), "\(r.stdout)")
        }
        // Signed by the registry, but naming no item: refused as such (typed `item`, same message).
        var itemless = try JSONDecoder().decode(Receipt.self, from: Data(contentsOf: URL(fileURLWithPath: approval)))
        let registryKey = try KeyFile.read(k.registry).get()
        itemless.item = "thing:x"
        itemless.signature = nil
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        itemless.signature = registryKey.sign(Data("beian receipt v1\n".utf8) + (try encoder.encode(itemless))).base64EncodedString()
        try encoder.encode(itemless).write(to: forged)
        r = try CLI.run(["receipt", "import", "xc", forged.path], cwd: filer)
        #expect(r.status == 2 && r.stdout.contains("error[L608]") && r.stdout.contains("the receipt's item is not recognised"), "\(r.stdout)")
        // About another entity: the filer's copy with another credit code.
        let entity = filer.appendingPathComponent("xc/entity.yaml")
        let original = try String(contentsOf: entity, encoding: .utf8)
        try original.replacingOccurrences(of: "91110108MA01TE7X01", with: "91110108MA01TE7X14").write(to: entity, atomically: true, encoding: .utf8)
        r = try CLI.run(["receipt", "import", "xc"] + receipts, cwd: filer)
        #expect(r.status == 2 && r.stdout.contains("is for another entity"), "\(r.stdout)")
        try original.write(to: entity, atomically: true, encoding: .utf8)
        #expect(try Data(contentsOf: ledger) == before)

        // The genuine receipts: numbers and reasons, offline.
        r = try CLI.run(["receipt", "import", "xc"] + receipts, cwd: filer)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("algorithm:feed: approved, filing number \(number)"), "\(r.stdout)")
        #expect(r.stdout.contains("algorithm:search: rejected: 公示内容缺少运行机制"), "\(r.stdout)")
        r = try CLI.run(["receipt", "import", "xc"] + receipts, cwd: filer)
        #expect(r.status == 0 && r.stdout.contains("4 receipts already imported"), "\(r.stdout)")
        r = try CLI.run(["status", "xc", "--json"], cwd: filer)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let feed = try #require(rows.first { $0["item"] as? String == "algorithm:feed" })
        let search = try #require(rows.first { $0["item"] as? String == "algorithm:search" })
        #expect(feed["number"] as? String == number && feed["status"] as? String == "已通过")
        #expect(search["status"] as? String == "未通过" && search["reason"] as? String == "公示内容缺少运行机制")
        // Nothing was edited after the submission: an approval learnt from a receipt (which
        // names no files) leaves every item as submitted, not "unsubmitted edits".
        #expect(rows.allSatisfy { $0["unsubmitted_edits"] as? Bool == false }, "\(rows)")
        r = try CLI.run(["drafts", "xc"], cwd: filer)
        #expect(!r.stdout.contains("algorithm:feed") && !r.stdout.contains("entity"), "\(r.stdout)")
    }

    @Test func aBundleWithoutAPinnedKeyRefusesReceipts() throws {
        let s = try Scratch()
        let receipt = s.path("r.json")
        try Data("{}".utf8).write(to: receipt)
        let r = try CLI.run(["receipt", "import", "xc", receipt.path], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("no pinned registry key"), "\(r.stdout)")
    }
}
