import BeianContent
import BeianDiagnostics
import Testing

/// Every front-matter mistake an operator can make is reported with its code and real
/// position in the `.md` file, and all of them are reported in one pass.
@Suite struct FrontMatterErrorTests {
    let root = Fixture.path("broken")
    let content: SiteContent

    init() throws {
        content = try Fixture.load(root)
    }

    /// (code, line, column, severity) of each problem in one file.
    func found(_ file: String) -> [String] {
        Fixture.diagnostics(content, root: root, file: file).map {
            "\($0.severity.rawValue)[\($0.code.rawValue)] \($0.location.line):\($0.location.column)"
        }
    }

    @Test func missingTitle() {
        #expect(found("announcements/missing-title.md") == ["error[C801] 2:1"])
        let d = Fixture.diagnostics(content, root: root, file: "announcements/missing-title.md")
        #expect(d.first?.field?.key == "title")
        #expect(d.first?.message.zh == "缺少必填项“title”")
    }

    @Test func badDate() {
        #expect(found("announcements/bad-date.md") == ["error[C801] 3:7"])
        #expect(Fixture.diagnostics(content, root: root, file: "announcements/bad-date.md").first?.message.en
            == "'2026-02-30' is not a valid date")
    }

    @Test func unknownKeyWithDidYouMean() {
        #expect(found("announcements/unknown-key.md") == ["error[C801] 4:1"])
        let d = Fixture.diagnostics(content, root: root, file: "announcements/unknown-key.md").first
        #expect(d?.help.en == "did you mean `pinned`?")
        #expect(d?.help.zh == "是否想写 `pinned`？")
    }

    @Test func badYAML() {
        #expect(found("announcements/bad-yaml.md") == ["error[C801] 3:5"])
        #expect(Fixture.diagnostics(content, root: root, file: "announcements/bad-yaml.md").first?.message.en
            .hasPrefix("YAML syntax error:") == true)
    }

    @Test func nonUTF8PointsAtTheFirstBadByte() {
        #expect(found("announcements/non-utf8.md") == ["error[C802] 2:8"])
    }

    @Test func missingClosingFence() {
        #expect(found("announcements/unclosed.md") == ["error[C801] 1:1"])
    }

    @Test func noFrontMatterAtAll() {
        #expect(found("announcements/no-front-matter.md") == ["error[C801] 1:1"])
    }

    @Test func pinnedMustBeABoolean() {
        #expect(found("announcements/bad-pinned.md") == ["error[C801] 4:9"])
    }

    @Test func windowsLineEndingsKeepLineNumbers() {
        #expect(found("announcements/crlf.md") == ["error[C801] 4:1"])
    }

    @Test func fileNameMustBeURLSafe() {
        #expect(found("announcements/Bad Name.md") == ["error[C802] 1:1"])
    }

    @Test func futureDateIsOnlyAWarning() {
        #expect(found("announcements/future-date.md") == ["warning[C801] 3:7"])
        #expect(content.announcements.contains { $0.slug == "future-date" })
    }

    @Test func rawHTMLIsAWarningOnItsRealLine() {
        #expect(found("announcements/raw-html.md") == ["warning[C802] 8:1"])
        let a = content.announcements.first { $0.slug == "raw-html" }
        #expect(a?.html == "<p>正文。</p>\n<p><!-- raw HTML omitted -->红字<!-- raw HTML omitted --></p>\n")
    }

    @Test func emptyBodyIsAWarning() {
        #expect(found("announcements/empty-body.md") == ["warning[C802] 5:1"])
    }

    @Test func strayFileIsAWarning() {
        #expect(found("announcements/notes.txt") == ["warning[C802] 1:1"])
    }

    @Test func pageNavOrderMustBeANumber() {
        #expect(found("pages/bad-order.md") == ["error[C801] 3:12"])
        #expect(content.pages.map(\.slug) == ["fine"])
    }

    @Test func siteProblemsAreAllReported() {
        #expect(found("site.yaml") == ["error[C802] 2:11", "error[C802] 4:10", "error[C802] 5:1", "error[C802] 10:10"])
        #expect(content.site == nil)
    }

    @Test func onlyFilesWithoutErrorsAreLoadedNewestFirst() {
        #expect(content.announcements.map(\.slug) == ["future-date", "empty-body", "raw-html", "good"])
        #expect(content.announcements.last?.html == "<p>这是<strong>“重要”</strong>通知。</p>\n")
    }

    /// The whole report as a user reads it; re-record with BEIAN_RECORD=1.
    @Test func reportMatchesGolden() throws {
        let text = DiagnosticRenderer.text(content.diagnostics, lang: .zh) + DiagnosticRenderer.text(content.diagnostics, lang: .en)
        try Golden.check(text.replacingOccurrences(of: root, with: "content"), named: "broken.diagnostics.txt")
    }
}

@Suite struct ContentFolderTests {
    @Test func missingSiteSettings() throws {
        let root = Fixture.path("empty")
        let content = try Fixture.load(root)
        #expect(content.diagnostics.map { "\($0.location.path):\($0.location.line):\($0.location.column) \($0.code.rawValue)" }
            == ["\(root)/site.yaml:1:1 C802"])
        #expect(content.announcements.isEmpty && content.pages.isEmpty && content.site == nil)
    }

    @Test func missingFolderIsThrown() {
        #expect(throws: ContentLoader.Unreadable.self) { try Fixture.load("/nonexistent/content") }
    }
}
