import BeianTestSupport
import BeianTrust
import Foundation
import Testing

/// SPEC §7 end to end: the filer and the registry are two folders (two machines) that share
/// nothing but package and receipt files. First filing, rejection with a reason, the fix,
/// approval with a 备案编号, a change — and what a hostile package gets.
@Suite(.serialized) struct TwoMachinesTests {
    struct Machines {
        let filer: URL, registry: URL, exchange: URL
        let keys: TrustTests.Keys
        let filerKey: String

        init() throws {
            let base = ScratchFolders.register(FileManager.default.temporaryDirectory.appendingPathComponent("beian-2m-\(UUID().uuidString)"))
            filer = base.appendingPathComponent("filer")
            registry = base.appendingPathComponent("registry")
            exchange = base.appendingPathComponent("exchange")
            for d in [filer, registry, exchange] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
            try FileManager.default.copyItem(at: Bundle.module.url(forResource: "Fixtures/xc", withExtension: nil)!, to: filer.appendingPathComponent("xc"))
            // The registry's keys live beside it; its folder holds only the registry.
            let scratch = try Scratch(bundles: [])
            keys = try TrustTests.Keys(scratch)
            var r = try CLI.run(["registry", "init", "--registry", ".", "--key", keys.registry, "--reviewer", keys.reviewerPublic], cwd: registry)
            #expect(r.status == 0, "\(r.stdout)")
            filerKey = base.appendingPathComponent("filer.key").path
            r = try CLI.run(["key", "new", filerKey, "--name", "xingchen-filer", "--kind", "filer"], cwd: base)
            #expect(r.status == 0, "\(r.stdout)")
            r = try CLI.run(["registry", "pin", "xc", keys.registryPublic], cwd: filer)
            #expect(r.status == 0, "\(r.stdout)")
        }

        /// The filer submits and writes a package into the exchange folder.
        @discardableResult
        func send(_ name: String, _ items: [String] = []) throws -> CLI.Result {
            try CLI.run(["submit", "xc"] + items + attest + ["--key", filerKey, "--out", exchange.appendingPathComponent(name).path], cwd: filer)
        }

        func receive(_ name: String) throws -> CLI.Result {
            try CLI.run(["review", "receive", exchange.appendingPathComponent(name).path, "--registry", "."], cwd: registry)
        }

        func decide(_ args: [String]) throws -> CLI.Result {
            try CLI.run(["review"] + args + ["--key", keys.reviewer], cwd: registry)
        }

        /// The registry issues receipts into the exchange folder; the filer imports them all.
        func sync() throws -> CLI.Result {
            let receipts = exchange.appendingPathComponent("receipts")
            let r = try CLI.run(["receipt", "issue", "xc", "--key", keys.registry, "--out", receipts.path], cwd: registry)
            #expect(r.status == 0, "\(r.stdout)")
            let files = try FileManager.default.contentsOfDirectory(atPath: receipts.path).sorted().map { receipts.appendingPathComponent($0).path }
            return try CLI.run(["receipt", "import", "xc"] + files, cwd: filer)
        }

        func status(_ item: String) throws -> [String: Any] {
            let r = try CLI.run(["status", "xc", "--json"], cwd: filer)
            let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
            return rows.first { $0["item"] as? String == item } ?? [:]
        }

        func edit(_ relative: String, _ old: String, _ new: String) throws {
            let url = filer.appendingPathComponent("xc/" + relative)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    @Test func aWholeLifeExchangingOnlyPackagesAndReceipts() throws {
        let m = try Machines()
        // First filing: the filer's own status says 待审核 before anything reaches the registry.
        var r = try m.send("1.zip")
        #expect(r.status == 0, "\(r.stdout)")
        #expect(try m.status("algorithm:feed")["status"] as? String == "待审核")
        r = try m.receive("1.zip")
        #expect(r.status == 0 && r.stdout.contains("xc algorithm:feed received for review"), "\(r.stdout)")
        let ledger = m.registry.appendingPathComponent("xc/.beian/ledger.jsonl")
        let afterFirst = try Data(contentsOf: ledger)
        r = try m.receive("1.zip")
        #expect(r.status == 0 && r.stdout.contains("received before; nothing changed"), "\(r.stdout)")
        #expect(try Data(contentsOf: ledger) == afterFirst)

        // Rejection with a reason, learned from a receipt.
        r = try m.decide(["approve", "xc", "entity"])
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.decide(["approve", "xc", "product:app"])  // linked by algorithm:feed: reviewed
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.decide(["reject", "xc", "algorithm:feed", "--reason", "公示内容缺少运行机制"])
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.sync()
        #expect(r.status == 0, "\(r.stdout)")
        #expect(try m.status("algorithm:feed")["status"] as? String == "未通过")
        #expect(try m.status("algorithm:feed")["reason"] as? String == "公示内容缺少运行机制")
        // The entity too: approved, with the entity id the registry assigned.
        let entity = try m.status("entity")
        #expect(entity["status"] as? String == "已通过" && (entity["entity_id"] as? String)?.count == 7, "\(entity)")

        // The fix, the approval and its number.
        try m.edit("algorithms/feed/disclosure.md", "召回", "召回（运行机制：按兴趣召回）")
        r = try m.send("2.zip", ["algorithm:feed"])
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.receive("2.zip")
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.decide(["approve", "xc", "algorithm:feed"])
        #expect(r.status == 0, "\(r.stdout)")
        let number = try #require(r.stdout.firstMatch(of: /网信算备\d{21}号/).map { String($0.0) })
        r = try m.sync()
        #expect(r.stdout.contains("algorithm:feed: approved, filing number \(number)"), "\(r.stdout)")
        #expect(try m.status("algorithm:feed")["number"] as? String == number)

        // A change, reviewed and approved; the number stays.
        try m.edit("algorithms/feed/algorithm.yaml", "可能感兴趣的内容", "可能感兴趣的资讯内容")
        r = try m.send("3.zip", ["algorithm:feed"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(try m.status("algorithm:feed")["status"] as? String == "变更审核中")
        r = try m.receive("3.zip")
        #expect(r.status == 0 && r.stdout.contains("received for review"), "\(r.stdout)")
        r = try m.decide(["approve", "xc", "algorithm:feed"])
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.sync()
        #expect(try m.status("algorithm:feed")["status"] as? String == "已通过")
        #expect(try m.status("algorithm:feed")["number"] as? String == number)

        // A cancellation, requested in a package and approved.
        r = try CLI.run(["cancel", "xc", "algorithm:feed", "--reason", "产品下线"] + attest + ["--key", m.filerKey, "--out", m.exchange.appendingPathComponent("4.zip").path], cwd: m.filer)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(try m.status("algorithm:feed")["status"] as? String == "注销审核中")
        r = try m.receive("4.zip")
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.decide(["approve", "xc", "algorithm:feed"])
        #expect(r.status == 0 && r.stdout.contains("cancelled"), "\(r.stdout)")
        r = try m.sync()
        #expect(try m.status("algorithm:feed")["status"] as? String == "已注销")
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", m.keys.registryPublic], cwd: m.registry)
        #expect(r.status == 0, "\(r.stdout)")
    }

    @Test func hostilePackagesAreRefusedAndChangeNothing() throws {
        let m = try Machines()
        var r = try m.send("1.zip")
        #expect(r.status == 0, "\(r.stdout)")
        let package = try Data(contentsOf: m.exchange.appendingPathComponent("1.zip"))
        func refused(_ bytes: Data, _ expect: String) throws {
            let name = "hostile-\(UUID().uuidString).zip"
            try bytes.write(to: m.exchange.appendingPathComponent(name))
            // Everything but the (empty) lock files, with each file's bytes.
            func tree() throws -> [String: Data] {
                var out: [String: Data] = [:]
                for p in try FileManager.default.subpathsOfDirectory(atPath: m.registry.path) where !p.hasSuffix("lock") {
                    out[p] = FileManager.default.contents(atPath: m.registry.appendingPathComponent(p).path) ?? Data()
                }
                return out
            }
            let before = try tree()
            let r = try m.receive(name)
            #expect(r.status == 2, "\(expect): \(r.stdout)")
            #expect(r.stdout.contains("error[L609]") && (expect.isEmpty || r.stdout.contains(expect)), "\(expect): \(r.stdout)")
            #expect(try tree() == before, "\(expect): nothing written")
        }
        // A flipped byte anywhere: in a file, in the header, in the signature.
        // (A byte of the zip's own bookkeeping, such as an entry's time, changes nothing that is
        // signed: such a package is the same package, identified by its signed header.)
        for marker in ["\"format\":", "beian-package.sig", "中关村"] {
            var bytes = package
            let at = try #require(bytes.firstRange(of: Data(marker.utf8)), "\(marker) not in the package")
            // In the header's JSON, in the signature (just past its entry's name), in a file.
            bytes[marker == "beian-package.sig" ? at.upperBound + 6 : at.lowerBound + 1] ^= 0x01
            try refused(bytes, "")
        }
        try refused(package.prefix(package.count / 2), "")
        try refused(Data(), "")

        // Received once, its key is proposed; the entity's approval binds it (SPEC §11). Then a
        // package for the same entity signed by another key is refused.
        r = try m.receive("1.zip")
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.decide(["approve", "xc", "entity"])
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.sync()
        #expect(r.status == 0, "\(r.stdout)")
        let other = m.exchange.deletingLastPathComponent().appendingPathComponent("other.key").path
        r = try CLI.run(["key", "new", other, "--name", "intruder", "--kind", "filer"], cwd: m.filer)
        try m.edit("entity.yaml", "中关村大街1号", "中关村大街2号")
        r = try CLI.run(["submit", "xc", "entity"] + attest + ["--key", other, "--out", m.exchange.appendingPathComponent("intruder.zip").path], cwd: m.filer)
        #expect(r.status == 0, "\(r.stdout)")
        try refused(try Data(contentsOf: m.exchange.appendingPathComponent("intruder.zip")), "is not a filer key bound to this entity")
        // A key change is a reviewed decision: bound by a reviewer, the new key's package is
        // received; the old key, revoked, no longer is.
        let shown = try CLI.run(["key", "show", other, "--json"], cwd: m.filer)
        let otherPublic = try #require((try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: String])?["publicKey"])
        r = try CLI.run(["review", "bind-key", "xc", otherPublic, "--reviewer", "R"], cwd: m.registry)
        #expect(r.status == 1 && r.stdout.contains("error[S712]"), "a key binding needs a reviewer key: \(r.stdout)")
        r = try m.decide(["bind-key", "xc", otherPublic])
        #expect(r.status == 0 && r.stdout.contains("bound"), "\(r.stdout)")
        r = try m.receive("intruder.zip")
        #expect(r.status == 0 && r.stdout.contains("received for review"), "\(r.stdout)")
        let filerShown = try CLI.run(["key", "show", m.filerKey, "--json"], cwd: m.filer)
        let filerPublic = try #require((try JSONSerialization.jsonObject(with: Data(filerShown.stdout.utf8)) as? [String: String])?["publicKey"])
        r = try m.decide(["bind-key", "xc", filerPublic, "--revoke"])
        #expect(r.status == 0 && r.stdout.contains("revoked"), "\(r.stdout)")
        try m.edit("entity.yaml", "中关村大街2号", "中关村大街3号")
        r = try CLI.run(["submit", "xc", "entity"] + attest + ["--key", m.filerKey, "--out", m.exchange.appendingPathComponent("old-key.zip").path], cwd: m.filer)
        try refused(try Data(contentsOf: m.exchange.appendingPathComponent("old-key.zip")), "is not a filer key bound to this entity")
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", m.keys.registryPublic], cwd: m.registry)
        #expect(r.status == 0, "\(r.stdout)")

        // Another entity (another credit code) sending a package under the same bundle id.
        try m.edit("entity.yaml", "91110108MA01TE7X01", "91110108MA01TE7X14")
        r = try CLI.run(["submit", "xc", "entity"] + attest + ["--key", other, "--out", m.exchange.appendingPathComponent("other-entity.zip").path], cwd: m.filer)
        #expect(r.status == 0, "\(r.stdout)")
        try refused(try Data(contentsOf: m.exchange.appendingPathComponent("other-entity.zip")), "the package is for another entity")

        // Hostile zips: names that climb out, absolute names, duplicates — refused by the reader.
        try refused(ZipWriter.archive([(name: "../../registry/xc/entity.yaml", data: Data("x".utf8))]), "")
        try refused(ZipWriter.archive([(name: "/etc/passwd", data: Data("x".utf8))]), "")
        try refused(ZipWriter.archive([(name: "a", data: Data("1".utf8)), (name: "a", data: Data("2".utf8))]), "")
    }

    /// A package based on an outdated decision: the registry decided since the filer's last receipt.
    @Test func aStalePackageIsRefusedWithWhatToFetch() throws {
        let m = try Machines()
        var r = try m.send("1.zip")
        r = try m.receive("1.zip")
        #expect(r.status == 0)
        r = try m.decide(["reject", "xc", "algorithm:feed", "--reason", "补充说明"])
        #expect(r.status == 0, "\(r.stdout)")
        try m.edit("algorithms/feed/disclosure.md", "召回", "召回与排序")
        r = try m.send("2.zip", ["algorithm:feed"])
        #expect(r.status == 0)
        r = try m.receive("2.zip")
        #expect(r.status == 2 && r.stdout.contains("based on an outdated version") && r.stdout.contains("beian receipt import"), "\(r.stdout)")
    }
}
