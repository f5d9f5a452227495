import Foundation
import Testing

/// `beian build` end to end on a copy of the demo registry: what the public sees before and
/// after a reviewer acts, through the real CLI (issue "The public portal", done-when).
@Suite(.serialized) struct BuildCommandTests {
    static let attest = ["--attest", "我承诺上述填报信息真实有效"]

    /// Copies bundles/ and content/ of the repository into the scratch folder.
    func demo(_ s: borrowing Scratch) throws {
        for name in ["bundles", "content"] {
            try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent(name), to: s.path(name))
        }
    }

    @Test func theDemoPortalShowsApprovedSnapshotsOnly() throws {
        let s = try Scratch()
        try demo(s)
        var r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("built site/: 8 filings"), "content warnings go to stderr, the report to stdout")
        // The pending change of 星辰热榜 is not published; its approved name is.
        let hot = try s.read("site/filings/110108874287803250013/index.html")
        #expect(hot.contains("<h1 data-field=\"name\" lang=\"zh-CN\">星辰热榜精选算法</h1>"))
        #expect(!hot.contains("<h1 data-field=\"name\" lang=\"zh-CN\">星辰热榜排序算法</h1>"))
        // The cancelled filing keeps its page, marked 已注销 with its date.
        let cancelled = try s.read("site/filings/330106763420901250025/index.html")
        #expect(cancelled.contains("已注销"))
        #expect(cancelled.contains("2025-05-12"))
        // Private data never reaches the site: the demo's credit codes and officer's mobile.
        let entity = try s.read("bundles/xingchen-tech/entity.yaml")
        let credit = try #require(entity.split(separator: "\n").first { $0.hasPrefix("credit_code:") }?.split(separator: " ").last)
        let demoCSV = try s.read("site/filings.csv")
        #expect(!demoCSV.contains(String(credit).trimmingCharacters(in: CharacterSet(charactersIn: "\""))))

        // The reviewer approves the pending change; a rebuild publishes it and rewrites little.
        r = try Beian.run(["review", "approve", "bundles/xingchen-tech", "algorithm:hot-ranking", "--key", try Beian.demoReviewerKey()], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["build", "--json"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        let report = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let written = try #require(report?["written"] as? Int), unchanged = try #require(report?["unchanged"] as? Int)
        #expect(written > 0 && written < unchanged, "a rebuild after one approval rewrites only what changed: \(r.stdout)")
        let after = try s.read("site/filings/110108874287803250013/index.html")
        #expect(after.contains("<h1 data-field=\"name\" lang=\"zh-CN\">星辰热榜排序算法</h1>"))

        // A new filing appears after its approval, and not before; a pending change stays unpublished.
        try FileManager.default.copyItem(at: s.path("bundles/qinghe-youxuan/algorithms/goods-recommend"),
                                         to: s.path("bundles/qinghe-youxuan/algorithms/fresh-picks"))
        try s.edit("bundles/qinghe-youxuan/algorithms/fresh-picks/algorithm.yaml",
                   replacing: "name: 青禾优选商品个性化推荐算法", with: "name: 青禾时令鲜果推荐算法")
        try s.edit("bundles/qinghe-youxuan/algorithms/goods-search/algorithm.yaml", replacing: "name: 青禾优选商品搜索算法", with: "name: 青禾优选商品智能搜索算法")
        r = try Beian.run(["submit", "bundles/qinghe-youxuan"] + Self.attest, in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        var csv = try s.read("site/filings.csv")
        #expect(!csv.contains("青禾时令鲜果推荐算法"), "a submitted, unapproved filing is not public")
        #expect(!csv.contains("青禾优选商品智能搜索算法"), "a pending change is not public")
        let filingsBefore = csv.split(whereSeparator: \.isNewline).count
        r = try Beian.run(["review", "approve", "bundles/qinghe-youxuan", "algorithm:fresh-picks", "--key", try Beian.demoReviewerKey()], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("built site/: 9 filings"), "\(r)")
        csv = try s.read("site/filings.csv")
        #expect(csv.split(whereSeparator: \.isNewline).count == filingsBefore + 1)
        let row = try #require(csv.split(whereSeparator: \.isNewline).first { $0.contains("青禾时令鲜果推荐算法") }, "the approved filing is listed")
        let number = try #require(row.firstMatch(of: /网信算备(\d{21})号/)?.1, "its row has its number: \(row)")
        #expect(try s.read("site/filings/\(number)/index.html").contains("<h1 data-field=\"name\" lang=\"zh-CN\">青禾时令鲜果推荐算法</h1>"), "and it has its page")
        #expect(!csv.contains("青禾优选商品智能搜索算法"), "the other item's change is still pending")
    }

    /// The `nav:` links of content/site.yaml appear in every page's navigation (before: on no
    /// page), after the portal's own.
    @Test func siteYAMLNavLinksAppearInTheNavigation() throws {
        let s = try Scratch()
        try demo(s)
        let r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        for page in ["site/index.html", "site/list/index.html", "site/filings/110108874287803250013/index.html"] {
            let html = try s.read(page)
            let nav = try #require(html.range(of: "<nav class=\"site-nav\"").map { String(html[$0.lowerBound...].prefix(2000)) })
            #expect(nav.contains("<a href=\"https://beian.cac.gov.cn\">官方备案系统</a>"), "\(page): \(nav)")
        }
    }

    /// 主体注销, published: the entity page is kept and marked, every filing of it 已注销 with the date.
    @Test func anEntityCancellationIsPublished() throws {
        let s = try Scratch()
        try demo(s)
        let key = try Beian.demoReviewerKey()
        let later = ["SOURCE_DATE_EPOCH": "1780100000"]  // 2026-05-30 08:13 +08:00
        var r = try Beian.run(["cancel", "bundles/haitang-mobility", "entity", "--reason", "主体解散"] + Self.attest, in: s.url, env: later)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["review", "approve", "bundles/haitang-mobility", "entity", "--key", key], in: s.url, env: later)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["status", "bundles/haitang-mobility", "--json"], in: s.url)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let id = try #require(rows.first?["entity_id"] as? String)
        let numbers = rows.compactMap { $0["number"] as? String }.map { $0.filter(\.isNumber) }
        #expect(!numbers.isEmpty)
        r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        let entity = try s.read("site/entities/\(id)/index.html")
        #expect(entity.contains("<strong>主体已注销</strong>：该主体已于 <time datetime=\"2026-05-30\">2026-05-30</time> 注销"), "\(entity)")
        for n in numbers {
            let page = try s.read("site/filings/\(n)/index.html")
            #expect(page.contains("已于 <time data-field=\"cancelledOn\" datetime=\"2026-05-30\">2026-05-30</time> 注销") && page.contains("主体已注销"), "\(n)")
        }
        // Signed, the cancelled filings' records, pages, badges and open data agree (SPEC §8).
        r = try Beian.run(["build", "--key", try VerifySiteTests.registryKey(s)], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["verify-site", "site", "--registry-key", VerifySiteTests.registryPub], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        #expect(try s.read("site/filings/\(numbers[0])/badge.svg").contains(">已注销</text>"))
        r = try Beian.run(["verify", "--registry", "bundles"], in: s.url)
        #expect(r.status == 0, "\(r)")
    }

    @Test func theReplacedSiteIsKeptForTheNextBuildUnlessAskedNot() throws {
        let s = try Scratch()
        try demo(s)
        let prev = s.path(".site.prev/index.html").path
        #expect(try Beian.run(["build", "--no-keep-previous"], in: s.url, timeout: 120).status == 0)
        #expect(!FileManager.default.fileExists(atPath: prev), "no copy after a one-off build")
        #expect(try Beian.run(["build"], in: s.url, timeout: 120).status == 0)
        #expect(FileManager.default.fileExists(atPath: prev), "the replaced site is kept")
        #expect(try Beian.run(["build", "--no-keep-previous"], in: s.url, timeout: 120).status == 0)
        #expect(!FileManager.default.fileExists(atPath: s.path(".site.prev").path))
        #expect(try s.read("site/index.html").contains("备案"))
    }

    @Test func contentErrorsStopTheBuildAndKeepTheOldSite() throws {
        let s = try Scratch()
        try demo(s)
        #expect(try Beian.run(["build"], in: s.url, timeout: 120).status == 0)
        let before = try s.read("site/index.html")
        try s.write("---\ntitle: 坏公告\ndate: 2026-13-45\n---\n正文\n", to: "content/announcements/bad.md")
        let r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 1)
        #expect(r.stderr.contains("content/announcements/bad.md:3:7: error[C801]"))
        #expect(try s.read("site/index.html") == before)
    }

    /// The demo's English versions (`<slug>.en.md`) build; one without its Chinese original
    /// stops the build, named with its file, and the site stays as it was.
    @Test func englishVersionsBuildAndAnOrphanStopsTheBuild() throws {
        let s = try Scratch()
        try demo(s)
        #expect(FileManager.default.fileExists(atPath: s.path("content/pages/about.en.md").path))
        let ok = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(ok.status == 0, "\(ok.stderr)")
        let before = try s.read("site/index.html")
        try s.write("---\ntitle: Ghost\n---\n\nNo original.\n", to: "content/pages/ghost.en.md")
        let r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 1)
        #expect(r.stderr.contains("content/pages/ghost.en.md:1:1: error[C802]"), "\(r.stderr)")
        #expect(r.stderr.contains("ghost.md"))
        #expect(try s.read("site/index.html") == before)
    }

    /// After an approval the search index is updated in place from `.site.search-state`: the
    /// few files it touches are made, and the result is the index a fresh build makes.
    @Test func anApprovalUpdatesTheSearchIndexToWhatAFreshBuildMakes() throws {
        let s = try Scratch()
        try demo(s)
        var r = try Beian.run(["build", "--timings"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.contains("search index (full build: no state of a previous build)"), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: s.path(".site.search-state").path))
        r = try Beian.run(["build", "--timings"], in: s.url, timeout: 120)
        #expect(r.stderr.contains("search index (updated: 0 files made"), "\(r.stderr)")

        // A new entity and its filing, approved through the CLI.
        let fixture = Beian.packageRoot.appendingPathComponent("Tests/BeianRegistryTests/Fixtures/xc")
        try FileManager.default.copyItem(at: fixture, to: s.path("bundles/xc-new"))
        try s.edit("bundles/xc-new/entity.yaml", replacing: "测试星辰科技有限公司", with: "星辰增量科技有限公司")
        // A short product name and a host the demo already publishes: few enough new terms that
        // the term shards keep their count (the demo sits just below a step, and a step up of
        // the count is a full build by design, Sources/BeianSearch/README.md).
        try s.edit("bundles/xc-new/products/app.yaml", replacing: "https://app.example.cn/download", with: "https://app.xingchen.example.cn/download")
        try s.edit("bundles/xc-new/algorithms/feed/algorithm.yaml", replacing: "name: 星辰资讯推荐算法", with: "name: 星辰资讯算法")
        try s.edit("bundles/xc-new/algorithms/feed/algorithm.yaml",
                   replacing: "purpose: 应用于资讯推荐，根据用户的浏览行为为用户推荐可能感兴趣的内容。", with: "purpose: 应用于资讯推荐。")
        for args in [["submit", "bundles/xc-new"] + Self.attest,
                     ["review", "approve", "bundles/xc-new", "entity", "--key", try Beian.demoReviewerKey()],
                     ["review", "approve", "bundles/xc-new", "product:app", "--key", try Beian.demoReviewerKey()],
                     ["review", "approve", "bundles/xc-new", "algorithm:feed", "--key", try Beian.demoReviewerKey()]] {
            r = try Beian.run(args, in: s.url)
            #expect(r.status == 0, "\(r)")
        }
        r = try Beian.run(["build", "--timings"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        // A new filing may push the term shards over a step of their count (the demo sits near
        // one), which is a full build by design; the next new filing is then added in place.
        #expect(r.stderr.contains("search index (updated: ") || r.stderr.contains("the term shard count steps up"), "\(r.stderr)")
        r = try Beian.run(["review", "approve", "bundles/xc-new", "algorithm:search", "--key", try Beian.demoReviewerKey()], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["build", "--timings"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        #expect(r.stderr.contains("search index (updated: "), "\(r.stderr)")

        // The same registry built from nothing into another folder: the same index, byte for byte.
        r = try Beian.run(["build", "--out", "fresh"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        let updated = try Self.files(under: s.path("site/search")), fresh = try Self.files(under: s.path("fresh/search"))
        #expect(updated.count > 10)
        #expect(Set(updated.keys) == Set(fresh.keys))
        #expect(updated.filter { fresh[$0.key] != $0.value }.map(\.key).sorted() == [])
        let manifest = try s.read("site/search/manifest.json")
        #expect(manifest.contains("\"docs\":10"), "the two new filings are counted")

        // A file the update would keep has gone from the live site: the build makes the index anew.
        let css = try s.read("site/search/search.css")
        try FileManager.default.removeItem(at: s.path("site/search/search.css"))
        r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        #expect(try s.read("site/search/search.css") == css)
    }

    static func files(under dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let base = dir.standardizedFileURL.path + "/"
        for case let url as URL in FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey])! {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            out[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return out
    }
}
