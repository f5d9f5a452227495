import Foundation
import Testing

/// Every note the registry writes reads in English on the `/en/` pages (before: an entity's
/// approved change, 主体信息变更, and an algorithm's change note were shown in Chinese there; a
/// note quoting a name — an entity or algorithm renamed — stayed Chinese until notes were
/// rendered in parts, each name marked `lang="zh-CN"`), and in Chinese on the Chinese pages, as
/// written.
@Suite(.serialized) struct EnglishNotesTests {
    static let filing = "110108874287803250013"  // algorithm:hot-ranking of xingchen-tech

    @Test func registryWrittenNotesAreTranslatedOnEnglishPages() throws {
        let s = try Scratch()
        for name in ["bundles", "content"] {
            try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent(name), to: s.path(name))
        }
        let key = try Beian.demoReviewerKey()
        // The demo's pending change of hot-ranking (a new name), approved: 算法名称由…变更为….
        var r = try Beian.run(["review", "approve", "bundles/xingchen-tech", "algorithm:hot-ranking", "--key", key], in: s.url)
        #expect(r.status == 0, "\(r)")
        // The entity moves (a new region, no new name), approved: 主体信息变更 on its filings.
        try s.edit("bundles/xingchen-tech/entity.yaml", replacing: "region: \"110108\"", with: "region: \"110105\"")
        r = try Beian.run(["submit", "bundles/xingchen-tech", "--attest", "我承诺上述填报信息真实有效"], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["review", "approve", "bundles/xingchen-tech", "entity", "--key", key], in: s.url)
        #expect(r.status == 0, "\(r)")
        // Renamed, approved: 原主体名称“…”变更为“…” on its filings.
        try s.edit("bundles/xingchen-tech/entity.yaml", replacing: "name: 北京星辰智联科技有限公司", with: "name: 北京星辰智联信息技术有限公司")
        r = try Beian.run(["submit", "bundles/xingchen-tech", "--attest", "我承诺上述填报信息真实有效"], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["review", "approve", "bundles/xingchen-tech", "entity", "--key", key], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["build", "--key", try VerifySiteTests.registryKey(s)], in: s.url, timeout: 120)
        try #require(r.status == 0, "\(r)")

        let zh = try s.read("site/filings/\(Self.filing)/index.html")
        #expect(zh.contains("主体信息变更"), "the Chinese page shows the note as written")
        #expect(zh.contains("<span>算法名称由“星辰热榜精选算法”变更为“星辰热榜排序算法”</span>"), "\(zh)")
        #expect(zh.contains("<span>原主体名称“北京星辰智联科技有限公司”变更为“北京星辰智联信息技术有限公司”</span>"), "\(zh)")
        let en = try s.read("site/en/filings/\(Self.filing)/index.html")
        #expect(en.contains("Entity details changed"), "\(en)")
        #expect(!en.contains("主体信息变更"), "no name-free registry note in Chinese on the English page")
        // A note that quotes names is translated in parts: the English words, and each name as
        // filed, marked Chinese (PublicNote.englishParts).
        #expect(en.contains("<span>Algorithm renamed from “<span lang=\"zh-CN\">星辰热榜精选算法</span>” to “<span lang=\"zh-CN\">星辰热榜排序算法</span>”</span>"),
                "\(en)")
        #expect(en.contains("<span>Entity renamed from “<span lang=\"zh-CN\">北京星辰智联科技有限公司</span>” to “<span lang=\"zh-CN\">北京星辰智联信息技术有限公司</span>”</span>"),
                "\(en)")
        #expect(!en.contains("算法名称由") && !en.contains("原主体名称"), "\(en)")
        // What the page shows is what `verify-site` expects of it.
        r = try Beian.run(["verify-site", "site", "--registry-key", VerifySiteTests.registryPub], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
    }
}
