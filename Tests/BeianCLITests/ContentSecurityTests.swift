import Foundation
import Testing

/// The built portal loads nothing from other origins (issue 14): a remote image in a filer's
/// disclosure or in an announcement becomes a plain link, and every page carries a
/// Content-Security-Policy that allows the portal's own files only — with nothing inline
/// (script, `style` attribute, event handler) that the policy would block.
@Suite(.serialized) struct ContentSecurityTests {
    static let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'\">"

    /// Every `.html` file of `site`, relative path → text.
    func pages(_ site: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        let walker = try #require(FileManager.default.enumerator(atPath: site.path))
        while let rel = walker.nextObject() as? String {
            guard rel.hasSuffix(".html") else { continue }
            out[rel] = try String(contentsOf: site.appendingPathComponent(rel), encoding: .utf8)
        }
        return out
    }

    @Test func aRemoteImageInADisclosureOrAnnouncementLoadsNothing() throws {
        let s = try Scratch()
        for name in ["bundles", "content"] {
            try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent(name), to: s.path(name))
        }
        let disclosure = "bundles/haitang-mobility/algorithms/dispatch/disclosure.md"
        try s.write(try s.read(disclosure) + "\n![跟踪像素](http://tracker.example/p.png) 与 ![](//tracker.example/q.gif)\n", to: disclosure)
        var r = try Beian.run(["submit", "bundles/haitang-mobility"] + BuildCommandTests.attest, in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["review", "approve", "bundles/haitang-mobility", "algorithm:dispatch", "--key", try Beian.demoReviewerKey()], in: s.url)
        #expect(r.status == 0, "\(r)")
        try s.write("""
            ---
            title: 图片公告
            date: 2026-05-01
            ---
            ![外链图](https://tracker.example/a.png "标题")

            | 左 | 中 | 右 |
            |:--|:-:|--:|
            | 1 | 2 | 3 |
            """, to: "content/announcements/2026-05-01-images.md")
        r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")

        let filing = try s.read("site/filings/440305976965106250011/index.html")
        #expect(filing.contains("<a href=\"http://tracker.example/p.png\">跟踪像素</a>"), "the image became a link")
        #expect(filing.contains("<a href=\"//tracker.example/q.gif\">//tracker.example/q.gif</a>"))
        let notice = try s.read("site/announcements/2026-05-01-images/index.html")
        #expect(notice.contains("<a href=\"https://tracker.example/a.png\" title=\"标题\">外链图</a>"))
        #expect(notice.contains("<td class=\"align-right\">3</td>"))

        let all = try pages(s.path("site"))
        #expect(all.count > 20 && all["404.html"] != nil && all["search/index.html"] != nil)
        let loads = try Regex(#"(?i)\s(src|srcset|poster|data)\s*=\s*"(?:[a-z][a-z0-9+.\-]*:|//|\\)"#)
        let inline = try Regex(#"(?i)<script(?![^>]*\ssrc=)[^>]*>|\sstyle\s*=|\son[a-z]+\s*=\s*""#)
        for (path, html) in all.sorted(by: { $0.key < $1.key }) {
            #expect(html.contains(Self.policy), "\(path) carries the policy")
            if let policy = html.range(of: Self.policy), let css = html.range(of: "<link rel=\"stylesheet\"") {
                #expect(policy.lowerBound < css.lowerBound, "\(path): the policy comes before anything is loaded")
            }
            #expect(html.firstMatch(of: loads) == nil, "\(path) loads nothing from an absolute address")
            #expect(html.firstMatch(of: inline) == nil, "\(path) has no inline script, style attribute or handler")
            #expect(!html.contains("<img src=\"http") && !html.contains("<img src=\"//"), "\(path)")
        }
    }
}
