import BeianModel
import BeianRegistry
import Foundation
import Testing

/// The whole life of SPEC §3 through the real CLI: init-like fixture, submit, reject, fix,
/// resubmit, approve, numbers, a change, a cancellation, verify.
@Suite(.serialized) struct LifecycleTests {
    @Test func wholeLifeThroughTheCLI() throws {
        let s = try Scratch()
        let cwd = s.root
        var r = try CLI.run(["submit", "xc"] + attest, cwd: cwd)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("entity: submitted for review"))
        #expect(r.stdout.contains("product:app: submitted for review"), "a product linked by an algorithm submitted with it is reviewed")
        #expect(r.stdout.contains("algorithm:feed: submitted for review"))

        // An algorithm cannot be approved before its entity.
        r = try CLI.run(["review", "approve", "xc", "algorithm:feed", "--reviewer", "王审"], cwd: cwd)
        #expect(r.status == 1)
        #expect(r.stdout.contains("error[S705]"))

        // Reject the entity, fix it, resubmit.
        r = try CLI.run(["review", "reject", "xc", "entity", "--reviewer", "王审", "--reason", "地址不完整"], cwd: cwd)
        #expect(r.status == 0)
        r = try CLI.run(["submit", "xc"] + attest, cwd: cwd)
        #expect(r.status == 1 && r.stdout.contains("error[S702]"), "nothing changed since the rejection")
        try s.edit("xc/entity.yaml", replacing: "中关村大街1号", with: "中关村大街1号院2号楼")
        r = try CLI.run(["submit", "xc"] + attest, cwd: cwd)
        #expect(r.status == 0)
        #expect(r.stdout == "entity: submitted for review (#6, 2025-11-25T00:00:00+08:00)\n")

        r = try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "王审"], cwd: cwd)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("entity id "))
        try CLI.run(["review", "approve", "xc", "product:app", "--reviewer", "王审"], cwd: cwd)  // a linked product is reviewed
        var numbers: [FilingNumber] = []
        for id in ["feed", "search"] {
            r = try CLI.run(["review", "approve", "xc", "algorithm:\(id)", "--reviewer", "王审", "--json"], cwd: cwd)
            #expect(r.status == 0, "\(r.stdout)")
            let event = try JSONDecoder().decode(LedgerEvent.self, from: Data(r.stdout.utf8))
            let n = try #require(event.filingNumber, "approval must assign a valid number")
            numbers.append(n)
        }
        #expect(numbers[0].region == "110108")
        #expect(numbers[0].typeCode == "02" && numbers[1].typeCode == "04")
        #expect(numbers[0].entityID == numbers[1].entityID)
        #expect(numbers.allSatisfy { $0.year == 25 && $0.sequence == 1 && FilingNumber.isChecked($0.digits) })

        // A change: the approved snapshot stays public until the change is approved.
        try s.edit("xc/algorithms/feed/algorithm.yaml", replacing: "name: 星辰资讯推荐算法", with: "name: 星辰资讯个性化推荐算法")
        r = try CLI.run(["submit", "xc"] + attest, cwd: cwd)
        #expect(r.stdout == "algorithm:feed: change submitted for review (#11, 2025-11-25T00:00:00+08:00)\n")
        var public1 = try PublicRegistry.filings(in: s.root.path)
        #expect(public1.first { $0.number == numbers[0] }?.algorithmName == "星辰资讯推荐算法")
        r = try CLI.run(["review", "show", "xc", "algorithm:feed"], cwd: cwd)
        #expect(r.stdout.contains("~ name: 星辰资讯推荐算法 → 星辰资讯个性化推荐算法"))
        r = try CLI.run(["review", "approve", "xc", "algorithm:feed", "--reviewer", "王审"], cwd: cwd)
        #expect(r.status == 0)
        public1 = try PublicRegistry.filings(in: s.root.path)
        let changed = try #require(public1.first { $0.number == numbers[0] })
        #expect(changed.algorithmName == "星辰资讯个性化推荐算法")
        #expect(changed.history.map(\.note) == ["备案通过", "算法名称由“星辰资讯推荐算法”变更为“星辰资讯个性化推荐算法”"])

        // Cancel the other one.
        r = try CLI.run(["cancel", "xc", "algorithm:search", "--reason", "产品下线"] + attest, cwd: cwd)
        #expect(r.status == 0)
        r = try CLI.run(["review", "approve", "xc", "algorithm:search", "--reviewer", "王审"], cwd: cwd)
        #expect(r.stdout.contains("cancelled"))
        let cancelled = try #require(try PublicRegistry.filings(in: s.root.path).first { $0.number == numbers[1] })
        #expect(cancelled.status == .cancelled && cancelled.cancelledOn != nil && cancelled.notes.contains("已注销"))

        r = try CLI.run(["status", "xc", "--json"], cwd: cwd)
        #expect(r.stdout.contains("\"status_en\" : \"cancelled\""))
        r = try CLI.run(["verify", "--registry", "."], cwd: cwd)
        #expect(r.status == 0, "\(r.stdout)")
    }

    @Test func verifyFailsAfterAnySingleByteOfTheLedgerChanges() throws {
        let s = try Scratch()
        try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
        try CLI.run(["review", "approve", "xc", "product:app", "--reviewer", "R"], cwd: s.root)  // a linked product is reviewed
        try CLI.run(["review", "approve", "xc", "algorithm:feed", "--reviewer", "R"], cwd: s.root)
        let ledger = s.path("xc/.beian/ledger.jsonl")
        let original = try Data(contentsOf: ledger)
        #expect(try CLI.run(["verify", "xc"], cwd: s.root).status == 0)
        // Flip bytes spread over the whole file (every 97th, so the test stays quick).
        var failures = 0, tried = 0
        for offset in stride(from: 0, to: original.count, by: 97) {
            var bytes = [UInt8](original)
            bytes[offset] = bytes[offset] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            try Data(bytes).write(to: ledger)
            let r = try CLI.run(["verify", "xc"], cwd: s.root)
            tried += 1
            if r.status == 2 && r.stdout.contains("ledger.jsonl:") { failures += 1 }
        }
        try original.write(to: ledger)
        #expect(failures == tried, "every altered byte must be caught: \(failures)/\(tried)")
        #expect(try CLI.run(["verify", "xc"], cwd: s.root).status == 0)
    }

    @Test func verifyFailsWhenASealedSnapshotOrSubmittedFileChanges() throws {
        let s = try Scratch()
        try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
        try CLI.run(["review", "approve", "xc", "product:app", "--reviewer", "R"], cwd: s.root)  // a linked product is reviewed
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: s.path("xc/.beian/snapshots").path)
        let snap = s.path("xc/.beian/snapshots/\(snapshots[0])")
        let original = try Data(contentsOf: snap)
        var bytes = [UInt8](original)
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: snap)
        var r = try CLI.run(["verify", "xc"], cwd: s.root)
        #expect(r.status == 2)
        #expect(r.stdout.contains("error[L603]") && r.stdout.contains(snapshots[0]))
        try original.write(to: snap)

        // algorithm:feed is pending: its submitted bytes are stored, so a live edit is no
        // integrity problem; altering a stored byte is, and approval is then refused.
        try s.edit("xc/algorithms/feed/disclosure.md", replacing: "召回", with: "召回与过滤")
        r = try CLI.run(["verify", "xc"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        let submitted = try Data(contentsOf: s.path("xc/.beian/ledger.jsonl"))
        let manifest = try #require(String(decoding: submitted, as: UTF8.self).split(separator: "\n")
            .first { $0.contains("\"item\":\"algorithm:feed\"") && $0.contains("\"action\":\"submit\"") })
        let hash = try #require(manifest.firstMatch(of: /"algorithms\/feed\/disclosure.md":"([0-9a-f]{64})"/)?.1)
        let object = s.path("xc/.beian/objects/\(hash)")
        var stored = [UInt8](try Data(contentsOf: object))
        stored[stored.count / 2] ^= 0x01
        try Data(stored).write(to: object)
        r = try CLI.run(["verify", "xc"], cwd: s.root)
        #expect(r.status == 2)
        #expect(r.stdout.hasPrefix("xc/.beian/objects/\(hash):1:1: error[L602]"), "\(r.stdout)")
        r = try CLI.run(["review", "approve", "xc", "algorithm:feed", "--reviewer", "R"], cwd: s.root)
        #expect(r.status == 2)
        #expect(r.stdout.hasPrefix("xc/.beian/objects/\(hash):1:1: error[L602]"), "\(r.stdout)")
        // A submission whose bytes are not stored (made by an older beian) falls back on the
        // live file only while it still hashes to the manifest.
        try FileManager.default.removeItem(at: object)
        r = try CLI.run(["verify", "xc"], cwd: s.root)
        #expect(r.status == 2)
        #expect(r.stdout.hasPrefix("xc/algorithms/feed/disclosure.md:1:1: error[L602]"), "\(r.stdout)")
        try s.edit("xc/algorithms/feed/disclosure.md", replacing: "召回与过滤", with: "召回")
        r = try CLI.run(["verify", "xc"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
    }

    @Test func refusals() throws {
        let s = try Scratch()
        var r = try CLI.run(["submit", "xc"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S701]"))
        r = try CLI.run(["submit", "xc", "--attest", "我承诺"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S701]"))
        r = try CLI.run(["submit", "xc", "algorithm:nope"] + attest, cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S704]"))
        r = try CLI.run(["submit", "xc", "bogus"] + attest, cwd: s.root)
        #expect(r.status == 64)
        r = try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S703]"))
        // An invalid item is refused with its diagnostics.
        try s.edit("xc/entity.yaml", replacing: "mobile: \"13800138000\"", with: "mobile: \"12345\"")
        r = try CLI.run(["submit", "xc", "entity"] + attest, cwd: s.root)
        #expect(r.status == 1)
        #expect(r.stdout.contains("xc/entity.yaml:21:11: error[F209]"))
        #expect(!FileManager.default.fileExists(atPath: s.path("xc/.beian/ledger.jsonl").path))
        r = try CLI.run(["review", "reject", "xc", "entity", "--reviewer", "R", "--reason", " "], cwd: s.root)
        #expect(r.status == 1)
    }
}
