import BeianContent
import BeianDiagnostics
import BeianModel
import Foundation
import Testing

/// English versions of pages and announcements (`<slug>.en.md`, SPEC §10): loaded beside their
/// Chinese original, checked by the same rules, located when wrong, and cached per file.
@Suite struct TranslationTests {
    /// A copy of the demo content, its root and the cache file beside it.
    let root: URL
    let cache: URL
    var content: String { root.appendingPathComponent("content").path }

    init() throws {
        (root, cache) = try ContentCacheTests.scratch()
    }

    func write(_ relative: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent("content/\(relative)"), atomically: true, encoding: .utf8)
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/\(relative)"))
    }

    /// "severity[code] line:col" of each problem in one file.
    func found(_ loaded: SiteContent, _ relative: String) -> [String] {
        Fixture.diagnostics(loaded, root: content, file: relative).map {
            "\($0.severity.rawValue)[\($0.code.rawValue)] \($0.location.line):\($0.location.column)"
        }
    }

    @Test func theDemoTranslationsAreAttachedToTheirOriginals() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try Fixture.load(content)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.pages.count == 2 && loaded.pages.allSatisfy { $0.english != nil })
        #expect(loaded.announcements.count == 5 && loaded.announcements.allSatisfy { $0.english != nil })
        let about = try #require(loaded.pages.first { $0.slug == "about" })
        #expect(about.title == "关于" && about.navOrder == 2)
        #expect(about.english?.title == "About")
        // Its tables' scrolling regions are named in English; the original's in Chinese.
        #expect(about.english?.html.contains("aria-label=\"Table 1\"") == true && about.html.contains("aria-label=\"表格 1\""))
        #expect(about.english?.html.contains("表格") == false)
        #expect(about.english?.path == "\(content)/pages/about.en.md")
        #expect(about.english?.summary == nil)
        #expect(about.english?.html.contains(#"<h2 id="#) == true)
        #expect(about.english?.html.contains("fictional") == true)
        let launch = try #require(loaded.announcements.first { $0.slug == "2026-03-02-platform-launch" })
        #expect(launch.pinned && launch.date == CalendarDate("2026-03-02"))
        #expect(launch.english?.summary?.hasPrefix("From 2 March 2026") == true)
        #expect(launch.english?.excerpt == launch.english?.summary)
        // No summary: the start of the English body.
        let openData = try #require(loaded.announcements.first { $0.slug == "2026-09-15-open-data" })
        #expect(openData.english?.summary == nil)
        #expect(openData.english?.excerpt.hasPrefix("To make the published algorithm filings") == true)
        // The translations are not items of their own.
        #expect(!loaded.pages.contains { $0.slug.contains(".") })
    }

    @Test func chineseInAnEnglishBodyIsMarkedAsChineseOutsideTags() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("pages/about.en.md", """
            ---
            title: About
            ---

            Number `网信算备110108823483902220017号`, see [备案 list](https://example.cn/x "中文标题") & 公告。

            """)
        let html = try #require(try Fixture.load(content).pages.first { $0.slug == "about" }?.english?.html)
        #expect(html.contains(#"<code><span lang="zh-CN">网信算备110108823483902220017号</span></code>"#))
        #expect(html.contains(#"title="中文标题""#), "attributes are left alone")
        #expect(html.contains(#"<span lang="zh-CN">备案</span> list</a> &amp; <span lang="zh-CN">公告。</span>"#))
        // The Chinese original is not touched.
        let guide = try #require(try Fixture.load(content).pages.first { $0.slug == "guide" })
        #expect(!guide.html.contains("lang="))
        #expect(guide.english?.html.contains(#"<span lang="zh-CN">我承诺上述填报信息真实有效</span>"#) == true)
    }

    @Test func aTranslationWithoutItsOriginalIsALocatedError() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try remove("announcements/2026-11-10-maintenance.md")
        try write("pages/abuot.en.md", "---\ntitle: About\n---\n\nText.\n")
        let loaded = try Fixture.load(content)
        let d = Fixture.diagnostics(loaded, root: content, file: "announcements/2026-11-10-maintenance.en.md")
        #expect(d.map(\.code) == [.contentInvalid] && d.first?.severity == .error)
        #expect(d.first?.message.en == "the English version '2026-11-10-maintenance.en.md' has no Chinese original 2026-11-10-maintenance.md")
        #expect(d.first?.help.en.contains("write the Chinese original 2026-11-10-maintenance.md") == true)
        #expect(found(loaded, "pages/abuot.en.md") == ["error[C802] 1:1"])
        #expect(loaded.diagnostics.count == 2)
        #expect(!loaded.announcements.contains { $0.slug.contains("maintenance") })
    }

    @Test func badFrontMatterInATranslationIsLocated() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        // A key the Chinese file sets: refused, saying where it comes from.
        try write("announcements/2026-09-15-open-data.en.md", "---\ntitle: Open data\ndate: 2026-09-16\npinned: true\n---\n\nText.\n")
        // Missing title, unknown key with a guess.
        try write("announcements/2026-11-10-maintenance.en.md", "---\nsummry: Down for a while.\n---\n\nText.\n")
        // nav_order belongs to the Chinese page; YAML broken in another.
        try write("pages/about.en.md", "---\ntitle: About\nnav_order: 1\n---\n\nText.\n")
        try write("pages/guide.en.md", "---\ntitle: [Guide\n---\n\nText.\n")
        // Chinese in the English title: a warning at the value.
        try write("announcements/2026-07-06-attachment-requirements.en.md", "---\ntitle: Notice on 附件\n---\n\nText.\n")
        let loaded = try Fixture.load(content)

        #expect(found(loaded, "announcements/2026-09-15-open-data.en.md") == ["error[C801] 3:1", "error[C801] 4:1"])
        let date = Fixture.diagnostics(loaded, root: content, file: "announcements/2026-09-15-open-data.en.md")[0]
        #expect(date.message.en == "an English version does not set 'date': the value of the Chinese original 2026-09-15-open-data.md is used")
        #expect(date.help.zh == "删除这一行；要修改请编辑 2026-09-15-open-data.md")
        #expect(found(loaded, "announcements/2026-11-10-maintenance.en.md") == ["error[C801] 2:1", "error[C801] 2:1"])
        #expect(Fixture.diagnostics(loaded, root: content, file: "announcements/2026-11-10-maintenance.en.md")
            .contains { $0.help.en == "did you mean `summary`?" })
        #expect(found(loaded, "pages/about.en.md") == ["error[C801] 3:1"])
        #expect(Fixture.diagnostics(loaded, root: content, file: "pages/about.en.md").first?.message.en.contains("'nav_order'") == true)
        #expect(found(loaded, "pages/guide.en.md") == ["error[C801] 3:1"], "the unclosed [ of line 2, found where the YAML ends")
        #expect(found(loaded, "announcements/2026-07-06-attachment-requirements.en.md") == ["warning[C801] 2:8"])

        // A broken translation is left out; its original is published in Chinese only.
        let openData = try #require(loaded.announcements.first { $0.slug == "2026-09-15-open-data" })
        #expect(openData.english == nil && openData.title == "关于开通备案开放数据下载的公告")
        #expect(loaded.pages.first { $0.slug == "about" }?.english == nil)
    }

    @Test func translationsGetTheSameSafetyRulesAsTheirOriginals() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try write("pages/about.en.md", "---\ntitle: About\n---\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
        var bytes = Array("---\ntitle: Guide\n---\n\nText ".utf8)
        bytes += [0xFF, 0x0A]
        try Data(bytes).write(to: root.appendingPathComponent("content/pages/guide.en.md"))
        try write("pages/about.fr.md", "---\ntitle: À propos\n---\n\nTexte.\n")
        let loaded = try Fixture.load(content)
        #expect(found(loaded, "pages/about.en.md") == ["warning[C802] 5:1"])
        let html = try #require(loaded.pages.first { $0.slug == "about" }?.english?.html)
        #expect(!html.contains("<script") && !html.contains("javascript:"))
        #expect(found(loaded, "pages/guide.en.md") == ["error[C802] 5:6"])
        let fr = Fixture.diagnostics(loaded, root: content, file: "pages/about.fr.md")
        #expect(fr.first?.code == .contentInvalid && fr.first?.severity == .error)
        #expect(fr.first?.help.en.hasPrefix("only English versions are supported, named <original>.en.md") == true)
        // Over the size limit, like any content file.
        try write("pages/guide.en.md", "---\ntitle: Guide\n---\n\n" + String(repeating: "a", count: ContentLoader.maxMarkdownSize))
        #expect(try Fixture.load(content).diagnostics.contains { $0.location.path.hasSuffix("guide.en.md") && $0.severity == .error })
    }

    @Test func editingOnlyTheTranslationIsSeenThroughTheCache() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let loader = ContentLoader(today: Fixture.today)
        let first = try loader.load(content, cache: cache)
        #expect(first.diagnostics.isEmpty)
        let written = try Data(contentsOf: cache)
        let again = try loader.load(content, cache: cache)
        #expect(ContentCacheTests.same(again, first))
        #expect(again.pages.first { $0.slug == "about" }?.english != nil, "a translation survives a load from the cache")
        #expect(try Data(contentsOf: cache) == written)

        // Proof the translations are cached: one altered in the cache comes back altered.
        let marker = Array("MARKEDMARKEDMARKED".utf8)  // as many bytes as 我承诺上述填
        let body = Data(written.dropLast(8))
        let altered = ContentCacheTests.replacing(Array("我承诺上述填".utf8), with: marker, in: body)
        #expect(altered != body)
        try (altered + ContentCacheTests.checksum(altered)).write(to: cache)
        #expect(try loader.load(content, cache: cache).pages.first { $0.slug == "guide" }?.english?.html.contains("MARKEDMARKED") == true)

        // Only the .en.md edited: the new English text, the Chinese page as before.
        try write("pages/guide.en.md", "---\ntitle: Filing guide, revised\n---\n\nA revised guide.\n")
        let edited = try loader.load(content, cache: cache)
        let guide = try #require(edited.pages.first { $0.slug == "guide" })
        #expect(guide.english?.title == "Filing guide, revised")
        #expect(guide.english?.html.contains("<p>A revised guide.</p>") == true)
        // The Chinese page still comes from the cache (its altered copy): it was not read again.
        #expect(guide.title == "填报指南" && guide.html.contains("MARKEDMARKED"))
        #expect(guide.english == (try loader.load(content)).pages.first { $0.slug == "guide" }?.english)

        // The translation removed: gone from the page, though the original came from the cache.
        try remove("pages/guide.en.md")
        let removed = try loader.load(content, cache: cache)
        #expect(removed.pages.first { $0.slug == "guide" }?.english == nil)
        // And added again, broken: reported every time, never served from the cache.
        try write("pages/guide.en.md", "---\ntitle: Guide\ndate: 2026-01-01\n---\n\nText.\n")
        #expect(found(try loader.load(content, cache: cache), "pages/guide.en.md") == ["error[C801] 3:1"])
        #expect(found(try loader.load(content, cache: cache), "pages/guide.en.md") == ["error[C801] 3:1"])
    }
}
