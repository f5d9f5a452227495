import BeianModel
import BeianRegistry
import Foundation
import Testing

/// The lifecycle rules of SPEC §3 that a new user ran into (issue 16): the product rule in
/// every order of submission, entity cancellation (主体注销), product withdrawal (下线), what the
/// filer sees in `status`, and the messages around cancellations.
@Suite(.serialized) struct LifecycleRulesTests {
    /// The bundle's ledger, decoded.
    static func ledger(_ s: Scratch) throws -> [LedgerEvent] {
        try String(contentsOf: s.path("xc/.beian/ledger.jsonl"), encoding: .utf8).split(separator: "\n")
            .map { try JSONDecoder().decode(LedgerEvent.self, from: Data($0.utf8)) }
    }

    static func rows(_ s: Scratch, _ extra: [String] = [], env: [String: String] = [:]) throws -> [String: [String: Any]] {
        let r = try CLI.run(["status", "xc", "--json"] + extra, cwd: s.root, env: env)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["item"] as? String ?? "", $0) })
    }

    /// Every item submitted and approved (product first, as the rule needs).
    static func approveAll(_ s: Scratch) throws {
        #expect(try CLI.run(["submit", "xc"] + attest, cwd: s.root).status == 0)
        for item in ["entity", "product:app", "algorithm:feed", "algorithm:search"] {
            let r = try CLI.run(["review", "approve", "xc", item, "--reviewer", "R"], cwd: s.root)
            #expect(r.status == 0, "\(item): \(r.stdout)")
        }
    }

    /// A product linked to an algorithm that is approved or pending is reviewed, whatever the
    /// order: products first, algorithms first, or both in one submit. Before: submitted
    /// together (or products first) the product was recorded directly and the algorithm was
    /// approved with no product review ever happening.
    @Test(arguments: ["together", "products first", "algorithms first"])
    func aLinkedProductIsReviewedInEveryOrder(_ order: String) throws {
        let s = try Scratch()
        var r: CLI.Result
        switch order {
        case "together":
            r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
            #expect(r.stdout.contains("product:app: submitted for review"), "\(r.stdout)")
        case "products first":
            r = try CLI.run(["submit", "xc", "entity", "product:app"] + attest, cwd: s.root)
            // Linked to no submitted algorithm yet: edited directly (the seed's rule).
            #expect(r.stdout.contains("product:app: recorded directly"), "\(r.stdout)")
            r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
            #expect(r.stdout.contains("product:app: change submitted for review"), "the algorithm brings it to review: \(r.stdout)")
        default:
            r = try CLI.run(["submit", "xc", "entity", "algorithm:feed", "algorithm:search"] + attest, cwd: s.root)
            #expect(r.stdout.contains("product:app: submitted for review"), "the algorithm brings it to review: \(r.stdout)")
        }
        #expect(r.status == 0, "\(r.stdout)")
        #expect(try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root).status == 0)
        r = try CLI.run(["review", "approve", "xc", "algorithm:feed", "--reviewer", "R"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S708]") && r.stdout.contains("product:app has not passed review"), "\(order): \(r.stdout)")
        r = try CLI.run(["review", "list", "--registry", "."], cwd: s.root)
        #expect(r.stdout.contains("product:app"), "the product awaits review: \(r.stdout)")
        for item in ["product:app", "algorithm:feed", "algorithm:search"] {
            r = try CLI.run(["review", "approve", "xc", item, "--reviewer", "R"], cwd: s.root)
            #expect(r.status == 0, "\(order) \(item): \(r.stdout)")
        }
        let events = try Self.ledger(s)
        let productApproval = try #require(events.first { $0.item == "product:app" && $0.action == .approve })
        let algorithmApproval = try #require(events.first { $0.item == "algorithm:feed" && $0.action == .approve })
        #expect(productApproval.seq < algorithmApproval.seq)
    }

    /// 主体注销: with the commitment, reviewed, then every filing of the entity is 已注销 with the
    /// date, the public filings say 主体已注销, and edits are refused with the reason.
    @Test func anEntityCancellationCancelsEveryFilingOfIt() throws {
        let s = try Scratch()
        try Self.approveAll(s)
        var r = try CLI.run(["cancel", "xc", "entity", "--reason", "公司解散"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S701]"), "the commitment is needed: \(r.stdout)")
        let later = ["SOURCE_DATE_EPOCH": "1764100000"]  // 2025-11-26 03:46:40 +08:00
        r = try CLI.run(["cancel", "xc", "entity", "--reason", "公司解散"] + attest, cwd: s.root, env: later)
        #expect(r.status == 0 && r.stdout.contains("entity cancellation requested"), "\(r.stdout)")
        #expect(try Self.rows(s)["entity"]?["status"] as? String == "注销审核中")
        r = try CLI.run(["review", "show", "xc", "entity"], cwd: s.root)
        #expect(r.stdout.contains("submitted: 2025-11-26T03:46:40+08:00"), "the request's time, not the old submission's: \(r.stdout)")
        r = try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root, env: later)
        #expect(r.status == 0 && r.stdout.contains("entity: cancelled") && r.stdout.contains("all its approved products and algorithms"), "\(r.stdout)")

        let rows = try Self.rows(s)
        for item in ["entity", "product:app", "algorithm:feed", "algorithm:search"] {
            #expect(rows[item]?["status"] as? String == "已注销", "\(item)")
            #expect(rows[item]?["cancelled_at"] as? String == "2025-11-26T03:46:40+08:00", "\(item)")
            #expect(rows[item]?["reason"] as? String == "公司解散", "\(item)")
        }
        #expect(rows["algorithm:feed"]?["reason_kind"] as? String == "cancelled_with_entity")
        let filings = try PublicRegistry.filings(in: s.root.path)
        #expect(filings.count == 2)
        #expect(filings.allSatisfy { $0.status == .cancelled && $0.cancelledOn?.description == "2025-11-26" && $0.notes.contains("主体已注销") })

        // Edits of a cancelled entity's items are refused, saying why.
        try s.edit("xc/products/app.yaml", replacing: "name: 星辰资讯", with: "name: 星辰资讯新版")
        r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S714]") && r.stdout.contains("product:app was cancelled with its entity on 2025-11-26"), "\(r.stdout)")
        r = try CLI.run(["cancel", "xc", "algorithm:feed", "--reason", "x"] + attest, cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S714]"), "\(r.stdout)")
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
    }

    /// 下线: a product still linked by an active algorithm is not withdrawn (S715); once unlinked
    /// it is, after review; an edit of it is then refused with the reason (before: "nothing is
    /// new or changed" and no hint).
    @Test func aProductIsWithdrawnOnlyOnceNoAlgorithmLinksIt() throws {
        let s = try Scratch()
        try Self.approveAll(s)
        var r = try CLI.run(["cancel", "xc", "product:app", "--reason", "产品下线"] + attest, cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S715]") && r.stdout.contains("algorithm:feed, algorithm:search"), "\(r.stdout)")
        for id in ["feed", "search"] {
            #expect(try CLI.run(["cancel", "xc", "algorithm:\(id)", "--reason", "停运"] + attest, cwd: s.root).status == 0)
            #expect(try CLI.run(["review", "approve", "xc", "algorithm:\(id)", "--reviewer", "R"], cwd: s.root).status == 0)
        }
        r = try CLI.run(["cancel", "xc", "product:app", "--reason", "产品下线"] + attest, cwd: s.root)
        #expect(r.status == 0 && r.stdout.contains("withdrawal requested"), "\(r.stdout)")
        r = try CLI.run(["review", "approve", "xc", "product:app", "--reviewer", "R"], cwd: s.root)
        #expect(r.status == 0 && r.stdout.contains("product:app: cancelled"), "\(r.stdout)")
        #expect(try Self.rows(s)["product:app"]?["status"] as? String == "已注销")
        #expect(try Self.rows(s)["entity"]?["status"] as? String == "已通过", "withdrawing a product leaves the entity")
        try s.edit("xc/products/app.yaml", replacing: "name: 星辰资讯", with: "name: 星辰资讯新版")
        r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S714]") && r.stdout.contains("product:app was cancelled on 2025-11-25"), "\(r.stdout)")
    }

    /// The messages around a cancellation: a second request, a rejected one, a cancelled item,
    /// a bad item name (the subcommand's usage).
    @Test func cancellationMessagesSayWhatHappened() throws {
        let s = try Scratch()
        try Self.approveAll(s)
        let later = ["SOURCE_DATE_EPOCH": "1764100000"]
        var r = try CLI.run(["cancel", "xc", "algorithm:search", "--reason", "停运"] + attest, cwd: s.root, env: later)
        #expect(r.status == 0)
        r = try CLI.run(["review", "show", "xc", "algorithm:search"], cwd: s.root)
        #expect(r.stdout.contains("submitted: 2025-11-26T03:46:40+08:00"), "the cancellation's time: \(r.stdout)")
        r = try CLI.run(["cancel", "xc", "algorithm:search", "--reason", "停运"] + attest, cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S709]") && r.stdout.contains("awaits review"), "\(r.stdout)")
        r = try CLI.run(["review", "reject", "xc", "algorithm:search", "--reviewer", "R", "--reason", "仍在运行"], cwd: s.root)
        #expect(r.stdout.contains("algorithm:search: cancellation rejected") && r.stdout.contains("the filing stays approved"), "\(r.stdout)")
        var rows = try Self.rows(s)
        #expect(rows["algorithm:search"]?["status"] as? String == "已通过")
        #expect(rows["algorithm:search"]?["reason"] as? String == "仍在运行")
        #expect(rows["algorithm:search"]?["reason_kind"] as? String == "cancellation_rejected")
        r = try CLI.run(["status", "xc"], cwd: s.root)
        #expect(r.stdout.contains("algorithm:search cancellation rejected (still approved): 仍在运行"), "\(r.stdout)")

        // A rejected change: still 已通过, but with its reason.
        try s.edit("xc/algorithms/feed/algorithm.yaml", replacing: "name: 星辰资讯推荐算法", with: "name: 星辰资讯推荐算法二")
        #expect(try CLI.run(["submit", "xc"] + attest, cwd: s.root).status == 0)
        r = try CLI.run(["review", "reject", "xc", "algorithm:feed", "--reviewer", "R", "--reason", "名称不当"], cwd: s.root)
        #expect(r.stdout.contains("algorithm:feed: change rejected") && r.stdout.contains("stays approved"), "\(r.stdout)")
        rows = try Self.rows(s)
        #expect(rows["algorithm:feed"]?["status"] as? String == "已通过")
        #expect(rows["algorithm:feed"]?["reason_kind"] as? String == "change_rejected")
        r = try CLI.run(["status", "xc", "--lang", "zh"], cwd: s.root)
        #expect(r.stdout.contains("algorithm:feed 变更未通过（仍为已通过，公示上次通过的版本）：名称不当"), "\(r.stdout)")

        // Cancelled: said so, not "wait for the review".
        #expect(try CLI.run(["cancel", "xc", "algorithm:search", "--reason", "停运"] + attest, cwd: s.root).status == 0)
        #expect(try CLI.run(["review", "approve", "xc", "algorithm:search", "--reviewer", "R"], cwd: s.root).status == 0)
        r = try CLI.run(["cancel", "xc", "algorithm:search", "--reason", "停运"] + attest, cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S714]") && r.stdout.contains("algorithm:search was cancelled on 2025-11-25"), "\(r.stdout)")
        // An edit of it: refused with the reason, not "nothing is new or changed".
        try s.edit("xc/algorithms/search/algorithm.yaml", replacing: "name: 星辰资讯检索算法", with: "name: 星辰资讯检索算法二")
        r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S714]"), "\(r.stdout)")

        r = try CLI.run(["review", "approve", "xc", "alg:rec", "--reviewer", "R"], cwd: s.root)
        #expect(r.status == 64 && r.stderr.contains("Usage: beian review approve"), "\(r.stderr)")
    }

    /// `status`: every item with status, number and entity id; filters by submission and review
    /// time (date or date-time), in both languages.
    @Test func statusFiltersBySubmissionAndReviewTime() throws {
        let s = try Scratch()
        let day1 = ["SOURCE_DATE_EPOCH": "1764000000"]  // 2025-11-25 00:00 +08:00
        let day2 = ["SOURCE_DATE_EPOCH": "1764086400"]  // 2025-11-26
        let day3 = ["SOURCE_DATE_EPOCH": "1764172800"]  // 2025-11-27
        #expect(try CLI.run(["submit", "xc", "entity"] + attest, cwd: s.root, env: day1).status == 0)
        #expect(try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root, env: day2).status == 0)
        #expect(try CLI.run(["submit", "xc"] + attest, cwd: s.root, env: day3).status == 0)
        var rows = try Self.rows(s)
        #expect(Set(rows.keys) == ["entity", "product:app", "algorithm:feed", "algorithm:search"])
        let entityID = try #require(rows["entity"]?["entity_id"] as? String)
        #expect(rows.values.allSatisfy { $0["entity_id"] as? String == entityID }, "the entity id on every row")
        rows = try Self.rows(s, ["--submitted-since", "2025-11-26"])
        #expect(Set(rows.keys) == ["product:app", "algorithm:feed", "algorithm:search"])
        rows = try Self.rows(s, ["--submitted-until", "2025-11-25"])
        #expect(Set(rows.keys) == ["entity"])
        rows = try Self.rows(s, ["--reviewed-since", "2025-11-26T00:00", "--reviewed-until", "2025-11-26T23:59:59+08:00"])
        #expect(Set(rows.keys) == ["entity"])
        rows = try Self.rows(s, ["--submitted-since", "2025-11-26T16:00:00Z"])  // = 2025-11-27 00:00 +08:00
        #expect(Set(rows.keys) == ["product:app", "algorithm:feed", "algorithm:search"])
        rows = try Self.rows(s, ["--submitted-since", "2025-11-26T16:00:01Z"])
        #expect(rows.isEmpty)
        var r = try CLI.run(["status", "xc", "--reviewed-since", "yesterday"], cwd: s.root)
        #expect(r.status == 64 && r.stderr.contains("--reviewed-since 'yesterday' is not a date"), "\(r.stderr)")
        r = try CLI.run(["status", "xc", "--lang", "zh"], cwd: s.root)
        #expect(r.stdout.contains("主体标识") && r.stdout.contains("待审核") && r.stdout.contains(entityID), "\(r.stdout)")
        r = try CLI.run(["status", "xc", "--lang", "en"], cwd: s.root)
        #expect(r.stdout.contains("entity id") && r.stdout.contains("submitted"), "\(r.stdout)")
    }

    /// `beian import` into a folder that does not exist yet (a first import) creates it and
    /// imports; a missing parent is still O953, and so is a missing registry for every other
    /// command, even after the import made one elsewhere.
    @Test func firstImportCreatesTheRegistryFolder() throws {
        let s = try Scratch(bundles: [])
        let lists = Bundle.module.url(forResource: "Fixtures/import/lists.csv", withExtension: nil)!.path
        var r = try CLI.run(["import", lists, "--registry", "fresh"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("read ") && r.stdout.contains("bundles written"), "\(r.stdout)")
        let made = try FileManager.default.contentsOfDirectory(atPath: s.path("fresh").path).filter { !$0.hasPrefix(".") }
        #expect(!made.isEmpty, "the import wrote its bundles into the new folder")
        r = try CLI.run(["verify", "--registry", "fresh"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        r = try CLI.run(["import", lists, "--registry", "no/such/parent"], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("error[O953]") && r.stdout.contains("its parent folder must exist"), "\(r.stdout)\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: s.path("no").path))
        for command in [["review", "list"], ["verify"], ["build", "--out", "site-x"]] {
            r = try CLI.run(command + ["--registry", "nowhere"], cwd: s.root)
            #expect(r.status == 2 && (r.stdout + r.stderr).contains("error[O953]"), "\(command): \(r.stdout)\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: s.path("nowhere").path))
    }

    /// One flag for the registry folder, and a folder that is not a registry is an error (exit
    /// 2) on every command that takes one; a registry given as a bundle is named as such.
    @Test func everyCommandRefusesAFolderThatIsNotARegistry() throws {
        let s = try Scratch()
        let commands: [[String]] = [
            ["review", "list"], ["review", "receive", "none.zip"], ["verify"], ["build", "--out", "site-x"],
            ["import", "lists.csv"], ["registry", "init", "--key", "none.key"], ["registry", "trust", "--key", "none.key"],
        ]
        for command in commands {
            // A first import creates its registry folder (`firstImportCreatesTheRegistryFolder`).
            let cases = [("--registry", "nowhere", "nowhere"), ("--registry", "xc", "is a bundle"), ("--bundles", "nowhere", "nowhere")]
            for (flag, folder, says) in cases where command[0] != "import" || folder == "xc" {
                let r = try CLI.run(command + [flag, folder], cwd: s.root)
                #expect(r.status == 2, "\(command) \(flag) \(folder): \(r.status) \(r.stdout)\(r.stderr)")
                #expect((r.stdout + r.stderr).contains("error[O953]") && (r.stdout + r.stderr).contains(says), "\(command) \(flag) \(folder): \(r.stdout)\(r.stderr)")
            }
            let help = try CLI.run(command.prefix { !$0.hasSuffix(".zip") && !$0.hasSuffix(".csv") && $0 != "--key" } + ["--help"], cwd: s.root)
            #expect(help.stdout.contains("--registry") && !help.stdout.contains("--bundles"), "\(command): \(help.stdout)")
        }
        // A registry given where a bundle is wanted.
        for command in [["status", "."], ["drafts", "."], ["submit", "."] + attest, ["review", "show", ".", "entity"], ["verify", "."]] {
            let r = try CLI.run(command, cwd: s.root)
            #expect(r.status == 2 && r.stdout.contains("'.' is a registry (the folder holding the bundles), not a bundle"), "\(command): \(r.stdout)\(r.stderr)")
        }
    }
}
