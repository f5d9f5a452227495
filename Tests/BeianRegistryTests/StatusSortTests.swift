import BeianTestSupport
import Foundation
import Testing

/// `status --sort status|type`: statuses in lifecycle order, types by their code (the entity
/// and products first), ties by item; `--desc` reverses.
@Suite struct StatusSortTests {
    static func items(_ s: Scratch, _ args: [String]) throws -> [String] {
        let r = try CLI.run(["status", "xc", "--json"] + args, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []).compactMap { $0["item"] as? String }
    }

    @Test func sortsByStatusInLifecycleOrder() throws {
        let s = try Scratch()
        #expect(try CLI.run(["submit", "xc"] + attest, cwd: s.root).status == 0)
        for item in ["entity", "product:app", "algorithm:feed"] {
            #expect(try CLI.run(["review", "approve", "xc", item, "--reviewer", "R"], cwd: s.root).status == 0)
        }
        #expect(try CLI.run(["review", "reject", "xc", "algorithm:search", "--reviewer", "R", "--reason", "不全"], cwd: s.root).status == 0)
        #expect(try CLI.run(["cancel", "xc", "algorithm:feed", "--reason", "停运"] + attest, cwd: s.root).status == 0)
        // 未通过, then 已通过 (entity, product:app), then 注销审核中.
        #expect(try Self.items(s, ["--sort", "status"]) == ["algorithm:search", "entity", "product:app", "algorithm:feed"])
        #expect(try Self.items(s, ["--sort", "status", "--desc"]) == ["algorithm:feed", "product:app", "entity", "algorithm:search"])
        let r = try CLI.run(["status", "xc", "--sort", "status", "--lang", "zh"], cwd: s.root)
        let order = ["未通过", "已通过", "注销审核中"].compactMap { r.stdout.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted(), "\(r.stdout)")
    }

    @Test func sortsByTypeCode() throws {
        let s = try Scratch()
        // feed becomes 调度决策类 (06): after search, 信息检索类 (04), though its id comes first.
        try s.edit("xc/algorithms/feed/algorithm.yaml", replacing: "type: 个性化推送类", with: "type: 调度决策类")
        #expect(try Self.items(s, []) == ["entity", "product:app", "algorithm:feed", "algorithm:search"])
        #expect(try Self.items(s, ["--sort", "type"]) == ["entity", "product:app", "algorithm:search", "algorithm:feed"])
        let r = try CLI.run(["status", "xc", "--sort", "kind"], cwd: s.root)
        #expect(r.status == 64 && r.stderr.contains("status") && r.stderr.contains("type"), "\(r.stderr)")
    }
}
