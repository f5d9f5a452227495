import Foundation
import Testing

/// `beian status` shows what was approved, not the live folder, and marks items whose files
/// changed since they were last submitted or approved; `beian drafts` lists such an edit
/// (issue 25). Before: an approved algorithm renamed in its YAML, never submitted, was shown
/// by its new name next to 已通过, and `drafts` said every item was submitted.
@Suite(.serialized) struct UnsubmittedEditsTests {
    static func rows(_ s: Scratch, lang: String = "en") throws -> [String: [String: Any]] {
        let r = try CLI.run(["status", "xc", "--json", "--lang", lang], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["item"] as! String, $0) })
    }

    @Test func statusShowsTheApprovedNameAndMarksAnUnsubmittedEdit() throws {
        let s = try Scratch()
        #expect(try CLI.run(["submit", "xc"] + attest, cwd: s.root).status == 0)
        for item in ["entity", "product:app", "algorithm:feed", "algorithm:search"] {
            let r = try CLI.run(["review", "approve", "xc", item, "--reviewer", "R"], cwd: s.root)
            #expect(r.status == 0, "\(item): \(r.stdout)")
        }
        var rows = try Self.rows(s)
        #expect(rows.values.allSatisfy { $0["unsubmitted_edits"] as? Bool == false }, "\(rows)")
        var drafts = try CLI.run(["drafts", "xc"], cwd: s.root)
        #expect(drafts.stdout == "no drafts: every item is complete and submitted\n", "\(drafts.stdout)")

        // Renamed in the YAML, not submitted: still approved under its approved name, marked.
        try s.edit("xc/algorithms/feed/algorithm.yaml", replacing: "name: 星辰资讯推荐算法", with: "name: 星辰资讯新名算法")
        rows = try Self.rows(s)
        #expect(rows["algorithm:feed"]?["status"] as? String == "已通过")
        #expect(rows["algorithm:feed"]?["name"] as? String == "星辰资讯推荐算法", "the approved name, not the live one")
        #expect(rows["algorithm:feed"]?["unsubmitted_edits"] as? Bool == true)
        #expect(rows["algorithm:search"]?["unsubmitted_edits"] as? Bool == false)
        #expect(rows["entity"]?["unsubmitted_edits"] as? Bool == false)
        for lang in ["en", "zh"] {
            let r = try CLI.run(["status", "xc", "--lang", lang], cwd: s.root)
            #expect(r.status == 0)
            #expect(!r.stdout.contains("星辰资讯新名算法"), "\(lang): the live name is not shown as approved\n\(r.stdout)")
            let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("algorithm:feed ") }, "\(r.stdout)")
            #expect(line.contains("星辰资讯推荐算法"))
            #expect(line.contains(lang == "zh" ? "有未提交的修改" : "unsubmitted edits"), "\(lang): marked\n\(r.stdout)")
            let search = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("algorithm:search ") })
            #expect(!search.contains(lang == "zh" ? "有未提交的修改" : "unsubmitted edits"), "\(lang)\n\(r.stdout)")
        }

        // The drafts box lists the complete, unsubmitted edit — in both languages and in JSON.
        drafts = try CLI.run(["drafts", "xc"], cwd: s.root)
        #expect(drafts.stdout.contains("xc algorithm:feed: 100% (") && drafts.stdout.contains("edited since it was last submitted or approved, not submitted (beian submit)"),
                "\(drafts.stdout)")
        #expect(!drafts.stdout.contains("algorithm:search"))
        drafts = try CLI.run(["drafts", "xc", "--lang", "zh"], cwd: s.root)
        #expect(drafts.stdout.contains("xc algorithm:feed: 100% (") && drafts.stdout.contains("有未提交的修改"), "\(drafts.stdout)")
        drafts = try CLI.run(["drafts", "xc", "--json"], cwd: s.root)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(drafts.stdout.utf8)) as? [[String: Any]])
        #expect(items.map { $0["item"] as? String } == ["algorithm:feed"])
        #expect(items.first?["unsubmitted_edits"] as? Bool == true && items.first?["never_submitted"] as? Bool == false)

        // Submitted: a pending change, no longer an unsubmitted edit; the approved name stays
        // shown until the change is approved.
        #expect(try CLI.run(["submit", "xc"] + attest, cwd: s.root).status == 0)
        rows = try Self.rows(s)
        #expect(rows["algorithm:feed"]?["status"] as? String == "变更审核中")
        #expect(rows["algorithm:feed"]?["unsubmitted_edits"] as? Bool == false)
        #expect(rows["algorithm:feed"]?["name"] as? String == "星辰资讯推荐算法")
        #expect(try CLI.run(["drafts", "xc"], cwd: s.root).stdout == "no drafts: every item is complete and submitted\n")
        // Edited again while under review: marked again.
        try s.edit("xc/algorithms/feed/algorithm.yaml", replacing: "name: 星辰资讯新名算法", with: "name: 星辰资讯又一新名算法")
        #expect(try Self.rows(s)["algorithm:feed"]?["unsubmitted_edits"] as? Bool == true)
        try s.edit("xc/algorithms/feed/algorithm.yaml", replacing: "name: 星辰资讯又一新名算法", with: "name: 星辰资讯新名算法")
        #expect(try CLI.run(["review", "approve", "xc", "algorithm:feed", "--reviewer", "R"], cwd: s.root).status == 0)
        rows = try Self.rows(s)
        #expect(rows["algorithm:feed"]?["name"] as? String == "星辰资讯新名算法", "approved: the new name")
        #expect(rows["algorithm:feed"]?["unsubmitted_edits"] as? Bool == false)
    }
}
