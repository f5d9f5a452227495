import BeianDiagnostics
import BeianModel
@testable import BeianPortal
import Foundation
import Testing

/// An English version (`PortalTranslation`, SPEC §10) is part of the input of the pages that
/// show it, so editing only the English text re-renders them, and nothing else.
@Suite("English versions in the pages' input keys")
struct TranslationKeyTests {
    @Test("a translation added or edited re-renders exactly the pages that show it")
    func translationsChangeTheirPagesKeys() async throws {
        let dir = Fixture.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var announcements = Fixture.announcements()
        var pages = Fixture.pages()
        let build = { (a: [PortalAnnouncement], p: [PortalPage]) in
            try await Fixture.build(Fixture.input(announcements: a, pages: p), into: dir).skippedRendering
        }
        // Each page job makes its page in every language (the English one under en/).
        let n = Lang.allCases.count
        _ = try await build(announcements, pages)
        let steady = try await build(announcements, pages)
        #expect(try await build(announcements, pages) == steady)

        // Added: the announcement's page and the 信息公告 list that shows its title and summary.
        announcements[0].english = PortalTranslation(title: "First batch", summary: "Published.", html: "<p>Published.</p>")
        #expect(try await build(announcements, pages) == steady - 2 * n)
        #expect(try await build(announcements, pages) == steady)
        // The body only: the list does not show it.
        announcements[0].english?.html = "<p>Published again.</p>"
        #expect(try await build(announcements, pages) == steady - n)
        // The summary: both.
        announcements[0].english?.summary = "Published, again."
        #expect(try await build(announcements, pages) == steady - 2 * n)
        // A page's English title is in every English page's footer (and navigation): every page
        // is made again; its body only: its page.
        pages[0].english = PortalTranslation(title: "About", html: "<p>About this portal.</p>")
        let all = try await build(announcements, pages)
        #expect(all < steady - 2 * n)
        #expect(try await build(announcements, pages) == steady)
        pages[0].english?.html = "<p>About this portal, again.</p>"
        #expect(try await build(announcements, pages) == steady - n)
        pages[0].english?.title = "About us"
        #expect(try await build(announcements, pages) == all)
        // Removed again: every page (the footer shows the Chinese title again).
        pages[0].english = nil
        #expect(try await build(announcements, pages) == all)
        #expect(try await build(announcements, pages) == steady)
    }
}
