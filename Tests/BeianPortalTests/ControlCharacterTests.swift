import BeianModel
@testable import BeianPortal
import Foundation
import Testing

/// A snapshot approved (or imported) before F220 may still hold terminal controls, bidi
/// overrides or invisible characters: no file of the built portal carries them raw.
@Suite struct ControlCharacterTests {
    static let payload = "\u{1B}]0;PWNED\u{7}\u{0}\u{8}\u{7F}\u{85}\u{9B}31m\u{202E}\u{200B}\u{FEFF}\u{2066}"

    /// Raw controls (C0 but tab, LF and CR; DEL; C1 as UTF-8), U+202E, U+200B, U+FEFF, U+2066.
    static func unsafe(_ data: Data) -> Bool {
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // filings.csv opens with a BOM for spreadsheets
        return text.unicodeScalars.contains { u in
            let v = u.value
            return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v)
                || [0x202E, 0x200B, 0xFEFF, 0x2066].contains(v)
        }
    }

    @Test func noOutputFileHoldsThem() async throws {
        let p = Self.payload
        var f = Fixture.filing(name: "算法" + p, entityName: "主体" + p, products: ["产品" + p + "（APP）"],
                               purpose: "用途" + p, cancelledOn: "2025-05-01", notes: ["备注" + p],
                               disclosure: "## 算法基本原理\n\n正文" + p + "\n")
        f.history.append(PublicEvent(date: CalendarDate("2025-04-01")!, note: "变更" + p))
        let notice = PortalAnnouncement(slug: "n", title: "公告" + p, date: CalendarDate("2025-02-02")!,
                                        summary: "摘要" + p, html: "<p>正文</p>", text: "正文")
        let page = PortalPage(slug: "p", title: "页面" + p, navOrder: 1, html: "<p>正文</p>")
        // The stand-in renderer passes the disclosure through as it is: the page must not.
        var input = Fixture.input(filings: [f], announcements: [notice], pages: [page])
        input.renderMarkdown = { "<p>" + $0 + "</p>" }
        let dir = Fixture.tempDir()
        try await Fixture.build(input, into: dir)
        let files = Fixture.files(dir.appendingPathComponent("site")).filter { !$0.key.hasPrefix(".beian") }
        #expect(files.count > 5)
        for (path, data) in files {
            #expect(!Self.unsafe(data), "\(path) holds a raw control, bidi or invisible character")
        }
        let html = Fixture.read(dir, "filings/\(f.id)/index.html")
        #expect(html.contains("<h1 data-field=\"name\" lang=\"zh-CN\">算法]0;PWNED31m</h1>"))
        #expect(html.contains("<p>## 算法基本原理\n\n正文]0;PWNED31m\n</p>"))
    }
}
