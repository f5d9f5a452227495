import BeianModel
@testable import BeianPortal
import Foundation
import Testing

@Suite("备案清单 pagination")
struct PaginationTests {
    @Test("page count and ranges", arguments: [(0, 1), (1, 1), (50, 1), (51, 2), (100, 2), (101, 3)])
    func math(total: Int, pages: Int) {
        let p = Pagination(total: total, pageSize: 50)
        #expect(p.pageCount == pages)
        #expect(p.range(of: pages).upperBound == total)
        #expect(p.range(of: 1).lowerBound == 0)
    }

    @Test("the pager shows the first page, a window around the current one, and the last from page 1 and near the end")
    func window() {
        let p = Pagination(total: 1_000, pageSize: 50)  // 20 pages
        #expect(p.window(around: 1) == [1, 2, 3, nil, 20])
        #expect(p.window(around: 10) == [1, nil, 8, 9, 10, 11, 12, nil])
        #expect(p.window(around: 16) == [1, nil, 14, 15, 16, 17, 18, nil])
        #expect(p.window(around: 17) == [1, nil, 15, 16, 17, 18, 19, 20])
        #expect(p.window(around: 20) == [1, nil, 18, 19, 20])
        #expect(p.window(around: 4) == [1, 2, 3, 4, 5, 6, nil])
        #expect((1...20).filter { p.showsPageCount($0) } == [1, 17, 18, 19, 20])
        #expect(Pagination(total: 10, pageSize: 50).window(around: 1) == [1])
        #expect(Pagination(total: 60, pageSize: 50).window(around: 2) == [1, 2])
    }

    @Test("list pages are split at the page size and 序号 runs on across pages")
    func listPages() async throws {
        let dir = Fixture.tempDir()
        let filings = Fixture.many(120)
        try await Fixture.build(Fixture.input(filings: filings), into: dir, options: Fixture.options { $0.pageSize = 50 })
        let site = dir.appendingPathComponent("site")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("list/page/3/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("list/page/4/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("list/page/1/index.html").path))
        let page2 = Fixture.read(dir, "list/page/2/index.html")
        #expect(page2.components(separatedBy: "<td class=\"col-ordinal\">").count - 1 == 50)
        #expect(page2.contains("<td class=\"col-ordinal\">51</td>"))
        #expect(page2.contains("<td class=\"col-ordinal\">100</td>"))
        #expect(page2.contains("rel=\"prev\""))
        #expect(page2.contains("href=\"/list/\" rel=\"prev\""))
        #expect(page2.contains("aria-current=\"page\" aria-label=\"第 2 页，当前页\""))
        // 20 per type: one page each.
        let type1 = Fixture.read(dir, "list/type-01/index.html")
        #expect(type1.components(separatedBy: "<td class=\"col-ordinal\">").count - 1 == 20)
        #expect(!type1.contains("个性化推送类</td>"))
    }

    @Test("a page added at the end of 备案清单 remakes page 1 and the last pages only, as a fresh build has them")
    func newPageAtTheEnd() async throws {
        let dir = Fixture.tempDir()
        let filings = Fixture.many(121)
        let options = Fixture.options { $0.pageSize = 10 }
        try await Fixture.build(Fixture.input(filings: Array(filings.prefix(120))), into: dir, options: options)
        let site = dir.appendingPathComponent("site")
        let before = Fixture.files(site)
        let middle = Fixture.read(dir, "list/page/5/index.html")
        #expect(middle.contains("第 5 页。"))
        #expect(!middle.contains("第 12 页"))
        #expect(Fixture.read(dir, "list/page/10/index.html").contains("第 10 / 12 页。"))
        #expect(Fixture.read(dir, "list/index.html").contains("第 1 / 12 页。"))

        try await Fixture.build(Fixture.input(filings: filings), into: dir, options: options)
        let after = Fixture.files(site)
        let changed = Set(after.keys.filter { $0.hasPrefix("list/") && !$0.hasPrefix("list/type-") && before[$0] != after[$0] })
        // 12 → 13 pages: page 1 and the pages that show the count under either (9–12), and 13.
        #expect(changed == Set(["list/index.html"] + (9...13).map { "list/page/\($0)/index.html" }))
        #expect(Fixture.read(dir, "list/index.html").contains("第 1 / 13 页。"))
        #expect(Fixture.read(dir, "list/page/9/index.html").contains("第 9 页。"))

        let fresh = Fixture.tempDir()
        try await Fixture.build(Fixture.input(filings: filings), into: fresh, options: options)
        #expect(Fixture.files(fresh.appendingPathComponent("site")) == after)
    }

    @Test("oldest first keeps 序号 and page of a filing when newer ones are added")
    func stableOrder() async throws {
        let dir = Fixture.tempDir()
        let filings = Fixture.many(75)  // the last 15 approved on a later day than the first 60
        let options = Fixture.options { $0.pageSize = 25 }
        try await Fixture.build(Fixture.input(filings: Array(filings.prefix(60))), into: dir, options: options)
        let before = Self.places(dir)
        #expect(before.count == 60)
        #expect(before[filings[0].id] == Place(page: "list/index.html", ordinal: 1))
        #expect(before[filings[59].id] == Place(page: "list/page/3/index.html", ordinal: 60))
        #expect(Fixture.read(dir, "index.html").contains(filings[59].algorithmName))

        // 15 newer filings: every earlier one keeps its 序号 and its page; the new ones follow.
        try await Fixture.build(Fixture.input(filings: filings), into: dir, options: options)
        let after = Self.places(dir)
        #expect(after.count == 75)
        let moved = before.filter { after[$0.key] != $0.value }.map(\.key).sorted()
        #expect(moved == [], "filings whose 序号 or page changed: \(moved)")
        #expect(Set(filings[60...].compactMap { after[$0.id]?.ordinal }) == Set(61...75), "the new ones follow, by date and number")
        #expect(after[filings[74].id]?.page == "list/page/3/index.html")
    }

    struct Place: Equatable { var page: String; var ordinal: Int }

    /// Where each filing is listed in 备案清单: its page and its 序号.
    static func places(_ dir: URL) -> [String: Place] {
        var out: [String: Place] = [:]
        var pages = ["list/index.html"]
        var n = 2
        while FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/list/page/\(n)/index.html").path) {
            pages.append("list/page/\(n)/index.html")
            n += 1
        }
        for page in pages {
            for m in Fixture.read(dir, page).matches(of: /<td class="col-ordinal">(\d+)<\/td><td><a href="\/filings\/(\d+)\/" lang="zh-CN">/) {
                out[String(m.2)] = Place(page: page, ordinal: Int(m.1)!)
            }
        }
        return out
    }

    @Test("newest first puts the latest filing at 序号 1")
    func newestFirst() async throws {
        let dir = Fixture.tempDir()
        let filings = Fixture.many(60)
        try await Fixture.build(Fixture.input(filings: filings), into: dir, options: Fixture.options { $0.listOrder = .newestFirst })
        let list = Fixture.read(dir, "list/index.html")
        let newest = filings[59]
        #expect(list.contains("<td class=\"col-ordinal\">1</td><td><a href=\"/filings/\(newest.id)/\" lang=\"zh-CN\">"))
        let home = Fixture.read(dir, "index.html")
        let first = try #require(home.range(of: "/filings/"))
        #expect(home[first.upperBound...].hasPrefix(newest.id))
    }
}
