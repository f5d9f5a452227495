import BeianModel
@testable import BeianPortal
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite("Atom feed, sitemap and robots.txt")
struct FeedSitemapTests {
    @Test("the feed is well-formed Atom with the newest announcements first, capped")
    func feed() async throws {
        let dir = Fixture.tempDir()
        var notices = Fixture.announcements()
        for i in 0..<60 {
            notices.append(PortalAnnouncement(slug: "n\(i)", title: "公告 \(i) <&>", date: CalendarDate(unixTime: 1_700_000_000 + Int64(i) * 86_400),
                                              html: "<p>第 \(i) 号</p>"))
        }
        try await Fixture.build(Fixture.input(announcements: notices), into: dir)
        let xml = Fixture.read(dir, "announcements/feed.xml")
        let doc = try XMLCheck.parse(xml)
        #expect(doc.root == "feed")
        #expect(doc.count("entry") == 50)
        #expect(xml.contains("<updated>2025-06-01T00:00:00+08:00</updated>"))
        #expect(xml.contains("公告 59 &lt;&amp;&gt;"))
        #expect(xml.contains("<content type=\"html\">&lt;p&gt;"))
    }

    @Test("a rebuild keeps the feed unrendered unless one of its entries changed")
    func feedKey() async throws {
        let dir = Fixture.tempDir()
        var notices = (0..<60).map { i in
            PortalAnnouncement(slug: "n\(i)", title: "公告 \(i)", date: CalendarDate(unixTime: 1_700_000_000 + Int64(i) * 86_400),
                               html: "<p>第 \(i) 号</p>")
        }
        let first = try await Fixture.build(Fixture.input(announcements: notices), into: dir)
        let again = try await Fixture.build(Fixture.input(announcements: notices), into: dir)
        #expect(again.written == 0 && again.skippedRendering == first.files - unkeyed(first))
        // The oldest is past the cap of 50: the feed stays as it was.
        let before = Fixture.read(dir, "announcements/feed.xml")
        notices[0].html = "<p>改过的旧公告</p>"
        try await Fixture.build(Fixture.input(announcements: notices), into: dir)
        #expect(Fixture.read(dir, "announcements/feed.xml") == before)
        // The newest changed: the feed shows it.
        notices[59].html = "<p>改过的新公告</p>"
        try await Fixture.build(Fixture.input(announcements: notices), into: dir)
        #expect(Fixture.read(dir, "announcements/feed.xml").contains("改过的新公告"))
        #expect(!Fixture.read(dir, "announcements/feed.xml").contains("改过的旧公告"))
        // A title shows on its list page too.
        notices[59].title = "改过的标题"
        try await Fixture.build(Fixture.input(announcements: notices), into: dir)
        #expect(Fixture.read(dir, "announcements/index.html").contains("改过的标题"))
        #expect(Fixture.read(dir, "announcements/feed.xml").contains("改过的标题"))
    }

    /// The files every build renders and compares (no input key): the home, search and 404
    /// pages, robots.txt and the theme's assets. (The feed and the announcement list pages
    /// have keys.)
    /// Rendered and compared every build: home, search and 404 in both languages, robots.txt, the assets.
    private func unkeyed(_ report: BuildReport) -> Int { 7 + (try! Theme.builtIn()).assets.count }

    @Test("the sitemap lists every page and becomes an index past the limit")
    func sitemap() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(filings: Fixture.many(30)), into: dir)
        let single = try XMLCheck.parse(Fixture.read(dir, "sitemap.xml"))
        #expect(single.root == "urlset")
        // Every Chinese page but /filings/ (which sends to the list); the English copies are
        // named by each page's hreflang links, not listed again.
        let pages = Fixture.files(dir.appendingPathComponent("site")).keys
            .filter { $0.hasSuffix("index.html") && !$0.hasPrefix("en/") && $0 != "filings/index.html" }.count
        #expect(single.count("url") == pages)

        try await Fixture.build(Fixture.input(filings: Fixture.many(30)), into: dir, options: Fixture.options { $0.sitemapLimit = 20 })
        let index = try XMLCheck.parse(Fixture.read(dir, "sitemap.xml"))
        #expect(index.root == "sitemapindex")
        // Files by kind, each within the limit, together every page once.
        let text = Fixture.read(dir, "sitemap.xml")
        let names = text.components(separatedBy: "<loc>https://beian.example.cn/").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(names.count == index.count("sitemap"))
        #expect(names.contains("sitemap-pages-1.xml") && names.contains("sitemap-entities-1.xml") && names.contains("sitemap-filings-2.xml"))
        var listed: [String] = []
        for name in names {
            let file = Fixture.read(dir, name)
            let count = try XMLCheck.parse(file).count("url")
            #expect(count >= 1 && count <= 20, "\(name): \(count) URLs")
            listed += file.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        }
        #expect(listed.count == pages)
        #expect(Set(listed).count == pages)
        #expect(Fixture.read(dir, "robots.txt").contains("Sitemap: https://beian.example.cn/sitemap.xml"))
    }

    @Test("past the limit, a new entity whose id sorts first changes the last entity file only")
    func sitemapNewEntity() async throws {
        let dir = Fixture.tempDir()
        let options = Fixture.options { $0.sitemapLimit = 2 }  // files of 2 URLs: 3 entities → 2 files
        let before = Fixture.many(30)
        try await Fixture.build(Fixture.input(filings: before), into: dir, options: options)
        let old = Fixture.files(dir.appendingPathComponent("site")).filter { $0.key.hasPrefix("sitemap-entities-") }
        #expect(old.count == 2)
        // Entity 0999999 sorts before every other id; approved last, it is listed last.
        let newcomer = Fixture.filing(entity: "0999999", approvedOn: "2030-01-01")
        try await Fixture.build(Fixture.input(filings: before + [newcomer]), into: dir, options: options)
        let new = Fixture.files(dir.appendingPathComponent("site")).filter { $0.key.hasPrefix("sitemap-entities-") }
        #expect(new["sitemap-entities-1.xml"] == old["sitemap-entities-1.xml"])
        let last = String(decoding: new["sitemap-entities-2.xml"] ?? Data(), as: UTF8.self)
        #expect(last.contains("/entities/0999999/") && last.contains("<lastmod>2030-01-01</lastmod>"))
        #expect(new["sitemap-entities-2.xml"] != old["sitemap-entities-2.xml"])
    }

    @Test("XML escaping drops characters XML 1.0 forbids")
    func xmlEscape() throws {
        let s = XMLText.escape("a\u{0}b\u{1B}c<&>\"'\u{FFFE}d")
        #expect(s == "abc&lt;&amp;&gt;&quot;&apos;d")
    }
}

/// Parses XML with Foundation's parser and counts elements.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var root = ""
    private var counts: [String: Int] = [:]

    static func parse(_ text: String) throws -> XMLCheck {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = check
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return check
    }

    func count(_ name: String) -> Int { counts[name, default: 0] }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root.isEmpty { root = name }
        counts[name, default: 0] += 1
    }
}
