import Foundation
import Testing

/// Every note the registry writes reads in English on the `/en/` pages (before: an entity's
/// approved change, 主体信息变更, and an algorithm's change note were shown in Chinese there),
/// and in Chinese on the Chinese pages, as written.
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
        r = try Beian.run(["build"], in: s.url, timeout: 120)
        try #require(r.status == 0, "\(r)")

        let zh = try s.read("site/filings/\(Self.filing)/index.html")
        #expect(zh.contains("主体信息变更"), "the Chinese page shows the note as written")
        #expect(zh.contains("算法名称由“星辰热榜精选算法”变更为“星辰热榜排序算法”"), "\(zh)")
        let en = try s.read("site/en/filings/\(Self.filing)/index.html")
        #expect(en.contains("Entity details changed"), "\(en)")
        #expect(!en.contains("主体信息变更"), "no name-free registry note in Chinese on the English page")
        // A note that quotes names stays as written, marked Chinese (PublicNote.english): one
        // string cannot mark the Chinese names inside an English sentence.
        #expect(en.contains("<span lang=\"zh-CN\">算法名称由“星辰热榜精选算法”变更为“星辰热榜排序算法”</span>")
                || en.contains("lang=\"zh-CN\">算法名称由“星辰热榜精选算法”变更为“星辰热榜排序算法”<"), "\(en)")
        #expect(!en.contains("renamed from"), "\(en)")
    }
}
