import BeianStore
import BeianTestSupport
import BeianTrust
import Foundation
import Testing

/// Issue 27 (SPEC §13): `beian log`, the audit trail for people — on the registry and on the
/// filer's copy, every event with its signer and whether it counts, the reason, the submission
/// digest, the package and the receipt.
@Suite(.serialized) struct AuditTrailTests {
    typealias Machines = TwoMachinesTests.Machines

    static func entries(_ r: CLI.Result) throws -> [[String: Any]] {
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)\(r.stderr)")
        return o["entries"] as? [[String: Any]] ?? []
    }

    /// A receipt's hash as the filer's ledger records it: of its canonical JSON, the file
    /// without its final newline.
    static func sha256(_ url: URL) throws -> String {
        var data = try Data(contentsOf: url)
        if data.last == 0x0A { data.removeLast() }
        return SHA256Hash.hex(data)
    }

    @Test func bothSidesShowSignerTrustDigestPackageAndReceipt() throws {
        let m = try Machines()
        #expect(try m.send("1.zip").status == 0)
        #expect(try m.receive("1.zip").status == 0)
        #expect(try m.decide(["approve", "xc", "entity"]).status == 0)
        #expect(try m.decide(["reject", "xc", "algorithm:feed", "--reason", "公示内容缺少运行机制"]).status == 0)
        #expect(try m.sync().status == 0)

        // The registry: the submission came in the filer's signed package; the rejection is the
        // trusted reviewer's, names that submission, and produced a receipt file.
        var r = try CLI.run(["log", "xc", "algorithm:feed", "--json"], cwd: m.registry)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let registry = try Self.entries(r)
        let submit = try #require(registry.first { $0["action"] as? String == "submit" }, "\(registry)")
        let reject = try #require(registry.first { $0["action"] as? String == "reject" }, "\(registry)")
        #expect(registry.allSatisfy { $0["item"] as? String == "algorithm:feed" })
        let package = try #require(submit["package"] as? String)
        let digest = try #require(submit["submission"] as? String)
        #expect(package.count == 64 && digest.count == 64)
        #expect(submit["trust"] as? String == "filer_package")
        #expect((submit["filer_key"] as? [String: Any])?["name"] as? String == "xingchen-filer")
        #expect(reject["trust"] as? String == "trusted_reviewer" && reject["warning"] as? Bool == false, "\(reject)")
        let signer = try #require(reject["signer"] as? [String: Any])
        let reviewer = try #require(VerifierKey(m.keys.reviewerPublic))
        #expect(signer["name"] as? String == "王审" && signer["key_id"] as? String == reviewer.keyID, "\(signer)")
        #expect(reject["reason"] as? String == "公示内容缺少运行机制")
        #expect(reject["submission"] as? String == digest)
        let seq = try #require(reject["seq"] as? Int)
        let receiptFile = try #require((reject["receipt"] as? [String: Any])?["file"] as? String)
        #expect(receiptFile == "xc-\(seq)-algorithm-feed.receipt.json")
        let receipt = m.exchange.appendingPathComponent("receipts/\(receiptFile)")
        #expect(FileManager.default.fileExists(atPath: receipt.path), "receipt issue wrote \(receiptFile)")

        // The filer's copy: the same submission and package; the decision came from that receipt.
        r = try CLI.run(["log", "xc", "algorithm:feed", "--json"], cwd: m.filer)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let filer = try Self.entries(r)
        let sent = try #require(filer.first { $0["action"] as? String == "submit" }, "\(filer)")
        let decided = try #require(filer.first { $0["action"] as? String == "reject" }, "\(filer)")
        #expect(sent["submission"] as? String == digest && sent["package"] as? String == package, "\(sent)")
        #expect(decided["trust"] as? String == "receipt", "\(decided)")
        #expect(decided["submission"] as? String == digest && decided["package"] as? String == package, "\(decided)")
        let imported = try #require(decided["receipt"] as? [String: Any])
        #expect(imported["sha256"] as? String == (try Self.sha256(receipt)), "\(imported)")
        #expect(imported["registry_seq"] as? Int == seq)

        // The same, for people, in both languages.
        r = try CLI.run(["log", "xc", "algorithm:feed", "--lang", "en"], cwd: m.registry)
        #expect(r.status == 0)
        for part in ["registry (initialized)", "reject  algorithm:feed", "王审 (fingerprint \(reviewer.keyID)), a trusted reviewer",
                     "reason: 公示内容缺少运行机制", "submission: \(digest)", "package: \(package)", "filer key xingchen-filer",
                     "receipt: \(receiptFile)"] {
            #expect(r.stdout.contains(part), "\(part) in \(r.stdout)")
        }
        r = try CLI.run(["log", "xc", "algorithm:feed", "--lang", "zh"], cwd: m.registry)
        for part in ["登记簿（已初始化）", "退回  algorithm:feed", "王审（指纹 \(reviewer.keyID)），受信任的审核员", "理由：公示内容缺少运行机制",
                     "提交摘要：\(digest)", "备案包：\(package)", "回执：\(receiptFile)"] {
            #expect(r.stdout.contains(part), "\(part) in \(r.stdout)")
        }
        r = try CLI.run(["log", "xc", "algorithm:feed", "--lang", "en"], cwd: m.filer)
        for part in ["filer's copy", "from a receipt signed by the registry", "registry event #\(seq)", "submission: \(digest)", "package: \(package)"] {
            #expect(r.stdout.contains(part), "\(part) in \(r.stdout)")
        }
        r = try CLI.run(["log", "xc", "algorithm:feed"], cwd: m.filer, env: ["LANG": "zh_CN.UTF-8"])
        #expect(r.stdout.contains("填报方副本") && r.stdout.contains("来自登记簿签发的回执"), "\(r.stdout)")
    }

    /// A decision approved elsewhere without a trusted key and copied into the registry is
    /// shown for what it is: unsigned, or signed by a key the registry does not trust.
    @Test func aForgedDecisionIsShownAsNotCounting() throws {
        let s = try Scratch(bundles: ["forged"])
        let k = try TrustTests.Keys(s)
        let elsewhere = s.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: s.path("forged"), to: elsewhere.appendingPathComponent("forged"))
        try TrustTests.initialize(s, k)
        var r = try CLI.run(["submit", "forged"] + attest, cwd: elsewhere)
        #expect(r.status == 0, "\(r.stdout)")
        r = try CLI.run(["review", "approve", "forged", "entity", "--key", k.stranger], cwd: elsewhere)
        #expect(r.status == 0, "\(r.stdout)")
        r = try CLI.run(["review", "approve", "forged", "product:app", "--reviewer", "官方审核员"], cwd: elsewhere)
        #expect(r.status == 0, "\(r.stdout)")
        try FileManager.default.moveItem(at: elsewhere.appendingPathComponent("forged"), to: s.path("forged"))

        r = try CLI.run(["log", "forged", "--json"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let entries = try Self.entries(r)
        let entity = try #require(entries.first { $0["action"] as? String == "approve" && $0["item"] as? String == "entity" })
        let product = try #require(entries.first { $0["action"] as? String == "approve" && $0["item"] as? String == "product:app" })
        #expect(entity["trust"] as? String == "untrusted" && entity["warning"] as? Bool == true, "\(entity)")
        #expect((entity["signer"] as? [String: Any])?["name"] as? String == "官方审核员")
        #expect(product["trust"] as? String == "unsigned" && product["warning"] as? Bool == true, "\(product)")
        r = try CLI.run(["log", "forged", "product:app", "--lang", "en"], cwd: s.root)
        #expect(r.stdout.contains("by: 官方审核员") && r.stdout.contains("signature: unsigned ⚠ this decision does not count"), "\(r.stdout)")
        r = try CLI.run(["log", "forged", "entity", "--lang", "zh"], cwd: s.root)
        #expect(r.stdout.contains("不受此登记簿信任 ⚠ 此决定不算数"), "\(r.stdout)")
    }

    /// `--registry` lists every bundle's events, oldest first; `--since` keeps those at or after
    /// a date or a date-time.
    @Test func theRegistryLogFiltersByDate() throws {
        let m = try Machines()
        #expect(try m.send("1.zip").status == 0)
        #expect(try m.receive("1.zip").status == 0)
        #expect(try m.decide(["approve", "xc", "entity"]).status == 0)
        // Three days later (2025-11-28, China time): the product's approval.
        let later = ["SOURCE_DATE_EPOCH": String(1_764_000_000 + 3 * 86_400)]
        var r = try CLI.run(["review", "approve", "xc", "product:app", "--key", m.keys.reviewer], cwd: m.registry, env: later)
        #expect(r.status == 0, "\(r.stdout)")

        r = try CLI.run(["log", "--registry", ".", "--json"], cwd: m.registry)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let all = try Self.entries(r)
        #expect(all.count >= 5 && all.allSatisfy { $0["bundle"] as? String == "xc" }, "\(all)")
        let times = all.compactMap { $0["unix_time"] as? Int }
        #expect(times == times.sorted())
        for since in ["2025-11-27", "2025-11-28T00:00+08:00", "2025-11-27T16:00:00Z"] {
            r = try CLI.run(["log", "--registry", ".", "--since", since, "--json"], cwd: m.registry)
            let recent = try Self.entries(r)
            #expect(recent.count == 1 && recent.first?["item"] as? String == "product:app" && recent.first?["action"] as? String == "approve", "\(since): \(recent)")
        }
        r = try CLI.run(["log", "--registry", ".", "--since", "2025-11-29", "--lang", "en"], cwd: m.registry)
        #expect(r.status == 0 && r.stdout.contains("no events match"), "\(r.stdout)")
        r = try CLI.run(["log", "--registry", ".", "--since", "2025-11-28", "--lang", "en"], cwd: m.registry)
        #expect(r.stdout.contains("xc #") && r.stdout.contains("approve  product:app"), "\(r.stdout)")
        r = try CLI.run(["log", "--registry", ".", "--since", "yesterday"], cwd: m.registry)
        #expect(r.status == 64, "\(r.stderr)")
    }
}
