import BeianModel
import BeianOutput
@testable import BeianPortal
import Foundation
import Testing

@Suite("The pages a build produces")
struct PageSetTests {
    @Test("every page of SPEC §4 is at its stable URL")
    func pageSet() async throws {
        let dir = Fixture.tempDir()
        let filings = Fixture.filings()
        let report = try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let files = Set(Fixture.files(dir.appendingPathComponent("site")).keys)
        var expected: Set<String> = ["index.html", "list/index.html", "announcements/index.html", "announcements/feed.xml",
                                     "announcements/2025-01-notice/index.html", "announcements/2025-06-guide/index.html",
                                     "pages/about/index.html", "pages/guide/index.html", "search/index.html", "stats/index.html", "404.html",
                                     "sitemap.xml", "robots.txt", "filings.csv", "filings.json", "assets/style.css", "assets/copy.js",
                                     BuildManifest.fileName, ChunkIndex.fileName, SiteMarker.fileName]
        for t in AlgorithmType.allCases { expected.insert("list/\(t.slug)/index.html") }
        for f in filings {
            expected.insert("filings/\(f.id)/index.html")
            // Beside each page, its canonical record and its badge (SPEC §8).
            expected.insert("filings/\(f.id)/record.json")
            expected.insert("filings/\(f.id)/badge.svg")
            expected.insert("entities/\(f.entityID)/index.html")
        }
        // The URLs a person types (SPEC §10): /filings/ sends to the list, /entities/ lists them.
        expected.formUnion(["filings/index.html", "entities/index.html"])
        // Every page also in English under en/ (SPEC §10); files both share are not repeated.
        for page in expected where page.hasSuffix(".html") { expected.insert("en/" + page) }
        // The filings' feeds (SPEC §13), in both languages: site-wide, per type, per province, per entity.
        var feeds = ["feeds/filings.xml", "feeds/new.xml", "feeds/changes.xml", "feeds/cancellations.xml",
                     "feeds/province-11.xml", "feeds/province-31.xml", "feeds/province-44.xml"]
        feeds += AlgorithmType.allCases.map { "feeds/\($0.slug).xml" } + filings.map { "entities/\($0.entityID)/feed.xml" }
        for feed in feeds { expected.formUnion([feed, "en/" + feed]) }
        #expect(files == expected)
        #expect(report.files == expected.count - 3)
        #expect(report.pages == expected.filter { $0.hasSuffix(".html") }.count)
        #expect(report.written == report.files)
    }

    @Test("a cancelled filing keeps its page, marked 已注销 with the date")
    func cancelledFiling() async throws {
        let dir = Fixture.tempDir()
        let cancelled = Fixture.filings().first { $0.status == .cancelled }!
        try await Fixture.build(Fixture.input(), into: dir)
        let page = Fixture.read(dir, "filings/\(cancelled.id)/index.html")
        #expect(page.contains("已注销"))
        #expect(page.contains("2025-06-30"))
        #expect(page.contains("--"))  // a technical supporter has no products
        let entity = Fixture.read(dir, "entities/\(cancelled.entityID)/index.html")
        #expect(entity.contains("is-cancelled"))
    }

    @Test("the filing page shows the published fields, the rendered disclosure and the history")
    func filingPage() async throws {
        let dir = Fixture.tempDir()
        let f = Fixture.filings()[0]
        try await Fixture.build(Fixture.input(), into: dir)
        let page = Fixture.read(dir, "filings/\(f.id)/index.html")
        for text in [f.algorithmName, f.number.description, f.entityName, "北京市海淀区", "生成合成类", "服务提供者",
                     "示例应用（APP）", f.purpose, "2024-01-15", "<h2>算法基本原理</h2>", "备案通过"] {
            #expect(page.contains(text), "missing \(text)")
        }
        #expect(page.contains("href=\"/entities/\(f.entityID)/\""))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://beian.example.cn/filings/\(f.id)/\">"))
        #expect(page.contains("<html lang=\"zh-CN\">"))
    }

    @Test("the home page has the search box, counts by type, latest filings and the announcements")
    func homePage() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(), into: dir)
        let home = Fixture.read(dir, "index.html")
        #expect(home.contains("action=\"/search/\""))
        #expect(home.contains("name=\"q\""))
        #expect(home.contains("<span class=\"stat-num\">9</span><span class=\"stat-label\">备案总数</span>"))
        #expect(home.contains("<span class=\"stat-num\">2</span><span class=\"stat-label\">生成合成类</span>"))
        #expect(home.contains("上海示例智能有限公司"))
        #expect(home.contains("class=\"ticker\""))
        #expect(home.contains("class=\"notice-list\""))
        // Pinned first in the ticker and the list.
        let pinned = home.range(of: "填报指南更新")!.lowerBound
        let other = home.range(of: "关于开展第一批算法备案的公告")!.lowerBound
        #expect(pinned < other)
    }

    @Test("internal links follow the base URL's path")
    func basePath() async throws {
        let dir = Fixture.tempDir()
        var site = Fixture.site
        site.baseURL = "https://example.cn/beian/"
        try await Fixture.build(Fixture.input(site: site), into: dir)
        let home = Fixture.read(dir, "index.html")
        #expect(home.contains("href=\"/beian/list/\""))
        #expect(home.contains("href=\"/beian/assets/style.css?v="))
        #expect(Fixture.read(dir, "sitemap.xml").contains("<loc>https://example.cn/beian/list/</loc>"))
    }

    @Test("the search page mounts the client only when the search module supplied it")
    func searchPage() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(), into: dir)
        let without = Fixture.read(dir, "search/index.html")
        #expect(!without.contains("<script"))
        #expect(without.contains("<noscript>"))
        #expect(without.contains("<div id=\"search-app\" data-base=\"/search/\" data-pages=\"/\">"))
        // The English page: the same index, its own pages for the result links.
        #expect(Fixture.read(dir, "en/search/index.html").contains("<div id=\"search-app\" data-base=\"/search/\" data-pages=\"/en/\">"))
        try await Fixture.build(Fixture.input(extraFiles: ["search/search.js": Data("/*client*/".utf8),
                                                           "search/shards/ab.json": Data("{}".utf8)]), into: dir)
        let with = Fixture.read(dir, "search/index.html")
        #expect(with.contains("<script src=\"/search/search.js\" defer></script>"))
        #expect(Fixture.read(dir, "search/shards/ab.json") == "{}")
    }

    @Test("files made beside the build: a promised search script is linked, and one not made is an error")
    func promisedFiles() async throws {
        let dir = Fixture.tempDir()
        let site = dir.appendingPathComponent("site")
        let builder = try PortalBuilder(input: Fixture.input(), theme: Theme.builtIn(), options: Fixture.options())
        try await builder.build(to: site, promised: ["search/search.js"]) {
            .init(extra: ["search/search.js": Data("/*client*/".utf8)], kept: [])
        }
        #expect(Fixture.read(dir, "search/index.html").contains("<script src=\"/search/search.js\" defer></script>"))
        let before = Fixture.files(site)
        await #expect {
            try await builder.build(to: site, promised: ["search/search.js"]) { .init(extra: [:], kept: []) }
        } throws: { error in
            let d = (error as? PortalError)?.diagnostics ?? []
            return d.count == 1 && d[0].location.path.contains("search/search.js")
        }
        #expect(Fixture.files(site) == before, "the live site is untouched")
    }

    @Test("bad slugs, a bad base URL and unsafe extra paths are all reported at once, and nothing is written")
    func inputProblems() async throws {
        let dir = Fixture.tempDir()
        var site = Fixture.site
        site.baseURL = "javascript:alert(1)"
        var notices = Fixture.announcements()
        notices[0].slug = "../../etc"
        var pages = Fixture.pages()
        pages[1].slug = "about"
        let input = Fixture.input(announcements: notices, pages: pages, site: site,
                                  extraFiles: ["../x.js": Data(), "index.html": Data()])
        await #expect {
            try await Fixture.build(input, into: dir)
        } throws: { error in
            guard let e = error as? PortalError else { return false }
            return e.diagnostics.count == 5 && e.diagnostics.allSatisfy { $0.code == .contentInvalid }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("site").path))
    }

    @Test("duplicate filing numbers are refused")
    func duplicates() async throws {
        let f = Fixture.filings()[0]
        await #expect(throws: PortalError.self) {
            try await Fixture.build(Fixture.input(filings: [f, f]), into: Fixture.tempDir())
        }
    }

    @Test("an empty registry still builds every fixed page")
    func empty() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(filings: [], announcements: [], pages: []), into: dir)
        #expect(Fixture.read(dir, "list/index.html").contains("暂无备案"))
        #expect(Fixture.read(dir, "index.html").contains("暂无信息公告"))
        #expect(Fixture.read(dir, "announcements/feed.xml").contains("<updated>2025-01-01T08:00:00+08:00</updated>"))
    }
}
