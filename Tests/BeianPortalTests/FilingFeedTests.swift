import BeianModel
@testable import BeianPortal
import Foundation
import Testing

/// The filings' feeds (SPEC §13): read back by a real feed parser (PyPI `feedparser`, run by
/// python3), each holding the steps it should, bounded, hostile text kept as text, linked from
/// its page, and kept unrendered by a rebuild no new step reaches.
@Suite("filings' feeds")
struct FilingFeedTests {
    /// A registry with a change and a cancellation: entity 8234839 in Beijing, entity 2959887
    /// in Shenzhen (its ranking filing cancelled), and a change of a Shanghai filing.
    static func filings() -> [PublicFiling] {
        var out = Fixture.filings()
        let i = out.firstIndex { $0.entityID == "5001234" }!
        out[i].history.append(PublicEvent(date: CalendarDate("2025-05-05")!, note: "算法名称由“旧”变更为“新”", kind: .changed,
                                          changes: [PublicChange(field: .algorithmName, old: ["旧"], new: ["新"])]))
        out[i].algorithmName = "上海变更后算法" + Fixture.hostile[0]
        return out
    }

    /// Every feed of the site, parsed by feedparser: path → (bozo, title, entries as [title, id, link, updated]).
    static func parse(_ dir: URL) throws -> [String: (bozo: Bool, title: String, entries: [[String]])] {
        let script = """
        import feedparser, json, os, sys
        out = {}
        root = sys.argv[1]
        for base, _, names in os.walk(root):
            for n in names:
                if n.endswith(".xml") and (n == "feed.xml" or "/feeds" in base):
                    p = os.path.join(base, n)
                    d = feedparser.parse(p)
                    out[os.path.relpath(p, root)] = {"bozo": bool(d.bozo), "title": d.feed.get("title", ""),
                        "entries": [[e.get("title", ""), e.get("id", ""), e.get("link", ""), e.get("updated", "")] for e in d.entries]}
        print(json.dumps(out, ensure_ascii=False))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, dir.path]
        let pipe = Pipe(), err = Pipe()
        p.standardOutput = pipe
        p.standardError = err
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        try #require(p.terminationStatus == 0, "feedparser (pip install feedparser; scripts/system-deps test): \(errors)")
        let o = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        return o.mapValues { ($0["bozo"] as? Bool ?? true, $0["title"] as? String ?? "", $0["entries"] as? [[String]] ?? []) }
    }

    @Test("every feed parses, and holds the steps of its scope: new filings, changes, cancellations")
    func feedsParseAndHoldTheirSteps() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(filings: Self.filings()), into: dir)
        let feeds = try Self.parse(dir.appendingPathComponent("site"))
        for lang in ["", "en/"] {
            for path in ["feeds/filings.xml", "feeds/new.xml", "feeds/changes.xml", "feeds/cancellations.xml", "feeds/type-01.xml",
                         "feeds/province-11.xml", "feeds/province-44.xml", "feeds/province-31.xml",
                         "entities/2959887/feed.xml", "entities/8234839/feed.xml", "entities/5001234/feed.xml"] {
                #expect(feeds[lang + path] != nil, "\(lang + path) is published")
            }
        }
        for (path, feed) in feeds { #expect(!feed.bozo, "\(path) is well-formed for feedparser") }
        func titles(_ path: String) -> [String] { feeds[path]?.entries.map { $0[0] } ?? [] }
        // The cancellation: in the cancellations feed, the entity's, its province's and the site's.
        let cancelled = "备案注销：示例算法87-03-1"
        for path in ["feeds/cancellations.xml", "entities/2959887/feed.xml", "feeds/province-44.xml", "feeds/filings.xml", "feeds/type-03.xml"] {
            #expect(titles(path).contains(cancelled), "\(path) holds the cancellation")
        }
        #expect(titles("feeds/cancellations.xml") == [cancelled])
        #expect(!titles("entities/8234839/feed.xml").contains(cancelled))
        #expect(!titles("feeds/changes.xml").contains(cancelled))
        // The change: in the changes feed, not in the new filings' feed; its hostile name is text.
        let changed = "备案变更：上海变更后算法" + Fixture.hostile[0]
        #expect(titles("feeds/changes.xml") == [changed])
        #expect(titles("entities/5001234/feed.xml").first == changed, "newest first")
        #expect(!titles("feeds/new.xml").contains(changed))
        #expect(titles("feeds/new.xml").count == Self.filings().count)
        #expect(titles("feeds/filings.xml").count == Self.filings().count + 2)
        #expect(!Fixture.read(dir, "feeds/changes.xml").contains("<script>"))
        // English feeds: UI strings in English, filer text as filed; ids shared, links to /en/.
        #expect(feeds["en/feeds/cancellations.xml"]?.entries.first?[0] == "Cancelled: 示例算法87-03-1")
        let zh = try #require(feeds["feeds/cancellations.xml"]?.entries.first)
        let en = try #require(feeds["en/feeds/cancellations.xml"]?.entries.first)
        #expect(zh[1] == en[1] && zh[1].hasPrefix("https://beian.example.cn/filings/") && zh[1].hasSuffix("#event-2"))
        #expect(en[2].hasPrefix("https://beian.example.cn/en/filings/"))
        #expect(zh[3] == "2025-06-30T00:00:00+08:00", "dated by the step, not the build")
    }

    @Test("each feed is linked from its page, in both languages")
    func linkedFromPages() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(filings: Self.filings()), into: dir)
        let pages = ["index.html": "/feeds/filings.xml", "list/index.html": "/feeds/cancellations.xml",
                     "list/type-01/index.html": "/feeds/type-01.xml", "entities/2959887/index.html": "/entities/2959887/feed.xml",
                     "stats/index.html": "/feeds/province-44.xml"]
        for (page, feed) in pages {
            for lang in ["", "en/"] {
                let html = Fixture.read(dir, lang + page)
                #expect(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"") && html.contains("href=\"/\(lang)\(feed.dropFirst())\">"),
                        "\(lang + page) links \(feed) in its head")
                #expect(html.contains("<a href=\"/\(lang)\(feed.dropFirst())\" type=\"application/atom+xml\">"), "\(lang + page) links \(feed) visibly")
            }
        }
    }

    @Test("a feed holds the latest 100 steps, and a rebuild keeps it unrendered unless a new step reaches it")
    func boundedAndIncremental() async throws {
        let dir = Fixture.tempDir()
        var filings = Fixture.many(150)
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let feeds = try Self.parse(dir.appendingPathComponent("site"))
        #expect(feeds["feeds/filings.xml"]?.entries.count == 100)
        #expect(feeds["feeds/new.xml"]?.entries.count == 100)
        let newest = try #require(feeds["feeds/new.xml"]?.entries.first)
        #expect(newest[3] == "2020-01-08T00:00:00+08:00", "the newest day of 150 filings at 20 a day")
        let before = Fixture.inodes(dir.appendingPathComponent("site"))
        // An edit of the oldest filing reaches no feed but its entity's (and the type's list).
        filings[0].purpose = "改过的用途"
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let after = Fixture.inodes(dir.appendingPathComponent("site"))
        #expect(before["feeds/filings.xml"] == after["feeds/filings.xml"], "kept: its candidates did not change")
        #expect(before["en/feeds/new.xml"] == after["en/feeds/new.xml"])
        // A cancellation today reaches the site's feeds, its type's and its entity's.
        filings[3].status = .cancelled
        filings[3].cancelledOn = CalendarDate("2020-02-01")
        filings[3].history.append(PublicEvent(date: CalendarDate("2020-02-01")!, note: "已注销", kind: .cancelled))
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let again = try Self.parse(dir.appendingPathComponent("site"))
        let name = filings[3].algorithmName
        #expect(again["feeds/filings.xml"]?.entries.first?[0] == "备案注销：" + name)
        #expect(again["feeds/cancellations.xml"]?.entries.map { $0[0] } == ["备案注销：" + name])
        #expect(again["feeds/\(filings[3].type.slug).xml"]?.entries.first?[0] == "备案注销：" + name)
        #expect(again["entities/\(filings[3].entityID)/feed.xml"]?.entries.first?[0] == "备案注销：" + name)
    }

    @Test("which filings a feed can hold is decided from the summaries, and agrees with reading every filing")
    func candidatesAgreeWithAFullRead() {
        var filings = Fixture.many(300)
        for i in stride(from: 0, to: 300, by: 7) {
            filings[i].history.append(PublicEvent(date: CalendarDate(unixTime: 1_580_000_000 + Int64(i % 13) * 86_400), note: "变更", kind: .changed))
        }
        let summaries = filings.map { FilingSummary($0) }
        for kind in [nil] + PublicEventKind.allCases {
            for limit in [1, 5, 100] {
                let fast = FilingFeed.steps(FilingFeed.candidates(Array(filings.indices), summaries: summaries, kind: kind, limit: limit),
                                            filings: filings, kind: kind, limit: limit)
                let full = FilingFeed.steps(Array(filings.indices), filings: filings, kind: kind, limit: limit)
                #expect(fast.map { "\($0.filing)/\($0.event)" } == full.map { "\($0.filing)/\($0.event)" }, "\(String(describing: kind)) \(limit)")
            }
        }
    }
}
