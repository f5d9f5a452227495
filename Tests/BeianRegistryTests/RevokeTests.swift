import BeianTestSupport
import Foundation
import Testing

/// 监管部门注销 (`beian review revoke`): the regulator cancels an approved filing on its own,
/// signed like any decision; the filer learns it from a receipt; `verify` treats it as a
/// decision. And what an entity's cancellation does to items never approved.
@Suite(.serialized) struct RevokeTests {
    typealias Machines = TwoMachinesTests.Machines

    /// Entity, product and algorithm:feed approved, algorithm:search rejected, on both machines.
    static func filed(_ m: Machines) throws {
        #expect(try m.send("1.zip").status == 0)
        #expect(try m.receive("1.zip").status == 0)
        for item in ["entity", "product:app", "algorithm:feed"] {
            let r = try m.decide(["approve", "xc", item])
            #expect(r.status == 0, "\(item): \(r.stdout)")
        }
        #expect(try m.decide(["reject", "xc", "algorithm:search", "--reason", "公示内容不全"]).status == 0)
        #expect(try m.sync().status == 0)
    }

    /// The registry's own status rows of `xc`.
    static func registryRows(_ m: Machines) throws -> [String: [String: Any]] {
        let r = try CLI.run(["status", "xc", "--json"], cwd: m.registry)
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["item"] as? String ?? "", $0) })
    }

    /// The receipts `receipt issue` wrote for `item`, as JSON objects.
    static func receipts(_ m: Machines, item: String) throws -> [[String: Any]] {
        let dir = m.exchange.appendingPathComponent("receipts")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().compactMap {
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent($0))) as? [String: Any]
        }.filter { $0["item"] as? String == item }
    }

    @Test func theRegulatorRevokesAnAlgorithmAndTheFilerLearnsItFromAReceipt() throws {
        let m = try Machines()
        try Self.filed(m)
        let number = try #require(try Self.registryRows(m)["algorithm:feed"]?["number"] as? String)

        // Signed by a trusted reviewer like any decision (S712), with a reason.
        var r = try CLI.run(["review", "revoke", "xc", "algorithm:feed", "--reviewer", "官方审核员", "--reason", "x"], cwd: m.registry)
        #expect(r.status == 1 && r.stdout.contains("error[S712]"), "\(r.stdout)")
        r = try CLI.run(["review", "revoke", "xc", "algorithm:feed", "--key", m.keys.reviewer, "--reason", " "], cwd: m.registry)
        #expect(r.status == 1 && r.stdout.contains("error[S706]") && r.stdout.contains("never published"), "\(r.stdout)")
        // A product still linked by an approved algorithm is not revoked alone.
        r = try m.decide(["revoke", "xc", "product:app", "--reason", "x"])
        #expect(r.status == 1 && r.stdout.contains("error[S715]") && r.stdout.contains("product:app is still linked by algorithm:feed"), "\(r.stdout)")
        r = try m.decide(["revoke", "xc", "algorithm:feed", "--reason", "算法存在违法违规情形（内部编号 R-17）", "--public-note", "经核查存在违规情形，依法注销"])
        #expect(r.status == 0 && r.stdout.contains("algorithm:feed: cancelled by the regulator"), "\(r.stdout)")

        // 已注销 where statuses come from, on the registry's copy; the number is retired with it.
        let row = try #require(try Self.registryRows(m)["algorithm:feed"])
        #expect(row["status"] as? String == "已注销", "\(row)")
        #expect(row["reason_kind"] as? String == "cancelled_by_regulator", "\(row)")
        #expect(row["number"] as? String == number && row["cancelled_at"] != nil, "\(row)")
        r = try CLI.run(["status", "xc"], cwd: m.registry)
        #expect(r.stdout.contains("algorithm:feed cancelled by the regulator on 2025-11-25: 算法存在违法违规情形（内部编号 R-17）"), "\(r.stdout)")
        // A cancelled filing is not revoked again; a never-approved one is not revoked at all.
        r = try m.decide(["revoke", "xc", "algorithm:feed", "--reason", "again"])
        #expect(r.status == 1 && r.stdout.contains("error[S714]") && r.stdout.contains("algorithm:feed was cancelled on 2025-11-25"), "\(r.stdout)")
        r = try m.decide(["revoke", "xc", "algorithm:search", "--reason", "x"])
        #expect(r.status == 1 && r.stdout.contains("xc:1:1: error[S707]") && r.stdout.contains("algorithm:search is rejected and was never approved"), "\(r.stdout)")

        // The filer's receipt: a cancellation, with the reason, naming no submission of its own.
        r = try m.sync()
        #expect(r.status == 0, "\(r.stdout)")
        let receipt = try #require(try Self.receipts(m, item: "algorithm:feed").last)
        #expect(receipt["decision"] as? String == "cancel", "\(receipt)")
        #expect(receipt["reason"] as? String == "算法存在违法违规情形（内部编号 R-17）")
        #expect(receipt["submission"] == nil && receipt["number"] as? String == number, "\(receipt)")
        #expect(try m.status("algorithm:feed")["status"] as? String == "已注销")
        #expect(try m.status("entity")["status"] as? String == "已通过", "revoking an algorithm leaves the entity")

        // verify treats it as a decision: signed, it passes.
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", m.keys.registryPublic], cwd: m.registry)
        #expect(r.status == 0, "\(r.stdout)")
    }

    @Test func anUnsignedRevocationFailsVerify() throws {
        let m = try Machines()
        try Self.filed(m)
        // Forged: the bundle revoked on another machine, with no key (an uninitialized copy),
        // and its ledger copied back into the registry.
        let elsewhere = m.exchange.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: m.registry.appendingPathComponent("xc"), to: elsewhere.appendingPathComponent("xc"))
        var r = try CLI.run(["review", "revoke", "xc", "algorithm:feed", "--reviewer", "官方审核员", "--reason", "伪造"], cwd: elsewhere)
        #expect(r.status == 0, "\(r.stdout)")
        let ledger = "xc/.beian/ledger.jsonl"
        try FileManager.default.removeItem(at: m.registry.appendingPathComponent(ledger))
        try FileManager.default.copyItem(at: elsewhere.appendingPathComponent(ledger), to: m.registry.appendingPathComponent(ledger))
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", m.keys.registryPublic], cwd: m.registry)
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.contains("error[L605]") && r.stdout.contains("(revoke of algorithm:feed by '官方审核员') is not signed by a reviewer"), "\(r.stdout)")
    }

    /// The whole entity: its approved items are cancelled with it; a rejected algorithm keeps
    /// 未通过, on the registry and, through the receipt, on the filer's copy.
    @Test func theRegulatorRevokesTheEntity() throws {
        let m = try Machines()
        try Self.filed(m)
        var r = try m.decide(["revoke", "xc", "entity", "--reason", "主体已被吊销营业执照", "--public-note", "主体资格已终止"])
        #expect(r.status == 0 && r.stdout.contains("entity: cancelled by the regulator") && r.stdout.contains("approved products and algorithms are cancelled with it"), "\(r.stdout)")
        let rows = try Self.registryRows(m)
        for item in ["entity", "product:app", "algorithm:feed"] {
            #expect(rows[item]?["status"] as? String == "已注销", "\(item): \(rows[item] ?? [:])")
        }
        #expect(rows["algorithm:feed"]?["reason_kind"] as? String == "cancelled_with_entity")
        #expect(rows["algorithm:search"]?["status"] as? String == "未通过", "never approved: not 已注销")
        r = try m.sync()
        #expect(r.status == 0, "\(r.stdout)")
        #expect(try Self.receipts(m, item: "entity").last?["decision"] as? String == "cancel")
        #expect(try m.status("entity")["status"] as? String == "已注销")
        #expect(try m.status("algorithm:feed")["status"] as? String == "已注销")
        #expect(try m.status("algorithm:search")["status"] as? String == "未通过")
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", m.keys.registryPublic], cwd: m.registry)
        #expect(r.status == 0, "\(r.stdout)")
    }

    /// 主体注销 (the filer's, approved): only approved items become 已注销. A rejected algorithm
    /// stays 未通过; a first submission still pending is closed as 未备案 and can no longer be
    /// approved; the review queue is empty.
    @Test func onlyApprovedItemsAreCancelledWithTheEntity() throws {
        for pendingSearch in [false, true] {
            let s = try Scratch()
            var r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
            #expect(r.status == 0, "\(r.stdout)")
            for item in ["entity", "product:app", "algorithm:feed"] {
                #expect(try CLI.run(["review", "approve", "xc", item, "--reviewer", "R"], cwd: s.root).status == 0)
            }
            if !pendingSearch {
                #expect(try CLI.run(["review", "reject", "xc", "algorithm:search", "--reviewer", "R", "--reason", "不全"], cwd: s.root).status == 0)
            }
            #expect(try CLI.run(["cancel", "xc", "entity", "--reason", "公司解散"] + attest, cwd: s.root).status == 0)
            r = try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
            #expect(r.status == 0, "\(r.stdout)")
            r = try CLI.run(["status", "xc", "--json"], cwd: s.root)
            let rows = Dictionary(uniqueKeysWithValues: (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? [])
                .map { ($0["item"] as? String ?? "", $0) })
            for item in ["entity", "product:app", "algorithm:feed"] {
                #expect(rows[item]?["status"] as? String == "已注销", "\(item)")
            }
            let search = rows["algorithm:search"] ?? [:]
            #expect(search["status"] as? String == (pendingSearch ? "未备案" : "未通过"), "\(search)")
            #expect(search["cancelled_at"] == nil, "\(search)")
            if pendingSearch {
                r = try CLI.run(["review", "approve", "xc", "algorithm:search", "--reviewer", "R"], cwd: s.root)
                #expect(r.status == 1 && r.stdout.contains("error[S703]") && r.stdout.contains("algorithm:search is never filed"), "\(r.stdout)")
                r = try CLI.run(["review", "list", "--registry", "."], cwd: s.root)
                #expect(r.stdout.contains("nothing awaits review"), "\(r.stdout)")
            }
        }
    }

    /// Never-approved items are refused by `review revoke` (draft, pending new), each located.
    @Test func onlyApprovedItemsCanBeRevoked() throws {
        let s = try Scratch()
        #expect(try CLI.run(["submit", "xc", "entity"] + attest, cwd: s.root).status == 0)
        var r = try CLI.run(["review", "revoke", "xc", "entity", "--reviewer", "R", "--reason", "x"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("xc:1:1: error[S707]") && r.stdout.contains("entity is submitted and was never approved")
                && r.stdout.contains("reject a pending submission with beian review reject"), "\(r.stdout)")
        r = try CLI.run(["review", "revoke", "xc", "algorithm:feed", "--reviewer", "R", "--reason", "x"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S707]") && r.stdout.contains("algorithm:feed is draft"), "\(r.stdout)")
        r = try CLI.run(["review", "revoke", "xc", "algorithm:nope", "--reviewer", "R", "--reason", "x"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S704]"), "\(r.stdout)")
    }
}
