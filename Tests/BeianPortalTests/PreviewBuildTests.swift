import BeianModel
import BeianOutput
@testable import BeianPortal
import Foundation
import Testing

/// A draft's preview (`BuildOptions.preview`) is made by the portal's own steps: every page
/// marked, the placeholder wherever a number would be, nothing made for publishing, and a
/// manifest that lists exactly what the folder holds (the preview used to patch the built pages
/// afterwards, leaving a manifest of unmarked pages and of files it then deleted).
@Suite struct PreviewBuildTests {
    @Test func aPreviewIsMarkedPublishesNothingAndItsManifestListsWhatItHolds() async throws {
        let dir = Fixture.tempDir()
        let filings = Fixture.filings()
        let preview = FilingPageRendererTests.preview  // a hostile text in each mark
        try await Fixture.build(Fixture.input(filings: filings, extraFiles: [preview.stylesheet: Data(".x {}\n".utf8)]), into: dir,
                                options: Fixture.options { $0.preview = preview })
        let site = dir.appendingPathComponent("site")
        let files = Fixture.files(site)
        let held = Set(files.keys.filter { !$0.hasPrefix(".beian-") })
        let manifest = BuildManifest.read(siteAt: site.path).groups.values.flatMap { $0.list() }
        #expect(Set(manifest.map { $0.path }) == held && manifest.count == held.count)
        for (path, entry) in manifest { #expect(files[path]?.count == entry.size, "\(path)") }

        // Nothing for publishing: no open data, sitemap, search page, feed, record or head.
        let published = held.filter {
            $0.hasSuffix(".xml") || $0.hasSuffix("/record.json") || $0.hasPrefix("filings.") || $0.hasPrefix("search/")
                || $0.hasPrefix("en/search/") || $0.hasPrefix("transparency/")
        }
        #expect(published.isEmpty, "\(published.sorted())")
        #expect(held.contains("preview.css") && held.contains("en/filings/\(filings[0].id)/index.html"))

        // Every page marked, each mark escaped; no number anywhere, the placeholder instead.
        let pages = files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 20)
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("<link rel=\"stylesheet\" href=\"/preview.css\"></head>\n<body><div class=\"beian-preview-banner\""), "\(path)")
            #expect(html.contains("<title>【预览&quot;】"), "\(path)")
            #expect(!html.contains("<i>") && !html.contains("<b>") && !html.contains("<s>"), "\(path)")
            #expect(!filings.contains { html.contains($0.number.description) }, "\(path)")
        }
        for f in filings {
            let page = Fixture.read(dir, "filings/\(f.id)/index.html")
            #expect(page.contains("待分配&lt;b&gt;&amp;") && !page.contains("badge-snippet") && !page.contains("record.json"))
            #expect(Fixture.read(dir, "filings/\(f.id)/badge.svg") == Badge.previewSVG(preview))
        }
    }
}
