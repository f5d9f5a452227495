import Foundation
import Testing

/// `beian drafts` (草稿箱) and `beian explain`.
@Suite struct DraftsExplainCommandTests {
    @Test func draftsListsUnfinishedItemsOnly() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "acme")
        #expect(try Beian.run(["submit", "acme", "--attest", "我承诺上述填报信息真实有效"], in: scratch.url).status == 0)
        #expect(try Beian.run(["add", "product", "acme", "shop"], in: scratch.url).status == 0)
        let run = try Beian.run(["drafts", "acme"], in: scratch.url)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("acme product:shop: 30% (4/13)\n  missing: acme/products/shop.yaml:3:7 name (product name)\n"))
        #expect(!run.stdout.contains("entity"), "complete, submitted items are not drafts")
        #expect(!run.stdout.contains("feed-ranking"))
    }

    /// A complete item never submitted is a draft (草稿) for `drafts` as for `status --status 草稿`
    /// (before: `drafts` said the box was empty while `status` listed it).
    @Test func aCompleteNeverSubmittedItemIsADraftForDraftsAndStatusAlike() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "acme")
        let drafts = try Beian.run(["drafts", "acme", "--json"], in: scratch.url)
        #expect(drafts.status == 0, "\(drafts)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(drafts.stdout.utf8)) as? [[String: Any]])
        let status = try Beian.run(["status", "acme", "--status", "草稿", "--json"], in: scratch.url)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        #expect(items.map { $0["item"] as? String }.contains("algorithm:feed-ranking"))
        #expect(Set(items.compactMap { $0["item"] as? String }) == Set(rows.compactMap { $0["item"] as? String }))
        let text = try Beian.run(["drafts", "acme"], in: scratch.url)
        #expect(text.stdout.contains("acme algorithm:feed-ranking: 100% (") && text.stdout.contains("complete, never submitted (beian submit)"), "\(text)")
    }

    @Test func draftsJSON() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "acme")
        #expect(try Beian.run(["add", "algorithm", "acme", "search"], in: scratch.url).status == 0)
        let run = try Beian.run(["drafts", "--json", "acme"], in: scratch.url)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        // The fixture was never submitted: every item is a draft; only the new one is unfinished.
        #expect(items.map { $0["item"] as? String } == ["entity", "product:news-app", "algorithm:feed-ranking", "algorithm:search"])
        #expect(items.filter { ($0["percent"] as? Int) ?? 0 < 100 }.map { $0["item"] as? String } == ["algorithm:search"])
        #expect(items.allSatisfy { $0["never_submitted"] as? Bool == true })
        let first = try #require(items.first { $0["item"] as? String == "algorithm:search" })
        #expect((first["missing"] as? [Any])?.isEmpty == false)
        #expect((first["percent"] as? Int).map { $0 < 100 } == true)
    }

    @Test func noDrafts() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "acme")
        #expect(try Beian.run(["submit", "acme", "--attest", "我承诺上述填报信息真实有效"], in: scratch.url).status == 0)
        let en = try Beian.run(["drafts", "acme"], in: scratch.url)
        #expect(en.stdout == "no drafts: every item is complete and submitted\n")
        let zh = try Beian.run(["drafts", "acme", "--lang", "zh"], in: scratch.url)
        #expect(zh.stdout == "草稿箱为空：所有事项均已填写完整并已提交\n")
    }

    @Test func draftsOfAMissingFolderExitsTwo() throws {
        let run = try Beian.run(["drafts", "nowhere"], in: Beian.fixtures)
        #expect(run.status == 2)
        #expect(run.stdout.contains("error[B001]"))
    }

    @Test(arguments: [(["explain", "F210"], "F210  invalid unified social credit code\n"),
                      (["explain", "f210"], "F210  invalid unified social credit code\n"),
                      (["explain", "F210", "--lang", "zh"], "F210  统一社会信用代码无效\n"),
                      (["explain", "Y103"], "Y103  YAML anchors and aliases are not allowed\n")])
    func explainOneCode(_ args: [String], _ expected: String) throws {
        let run = try Beian.run(args)
        #expect(run.status == 0)
        #expect(run.stdout == expected)
    }

    @Test func explainUnknownCode() throws {
        let run = try Beian.run(["explain", "X999"])
        #expect(run.status == 1)
        #expect(run.stderr == "unknown code X999; run beian explain to list them\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func explainListsEveryCodeInOrder() throws {
        let run = try Beian.run(["explain", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: String]])
        let codes = rows.compactMap { $0["code"] }
        #expect(codes.count > 50)
        #expect(codes.contains("F210") && codes.contains("A506"))
        #expect(Set(codes).count == codes.count)
    }
}
