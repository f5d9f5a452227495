import Foundation
import Testing

/// A symbolic link in `content/` is refused like one in `content/files/` or `theme/` (issue
/// 25): a page or announcement linked to a file outside got that file's ID number published.
/// Each case is the attack through `beian build`: exit 1, C802 at the link, nothing published.
@Suite(.serialized) struct ContentLinkTests {
    /// An ID number the linked files hold: it must never reach the site.
    static let secret = "11010519491231002X"

    /// A page with the secret, valid in every other way (so only the link is refused).
    static let leakyPage = "---\ntitle: 关于\n---\n证件号码 \(secret)\n"

    struct Case: CustomStringConvertible, Sendable {
        var description: String
        /// The path reported, relative to the scratch folder.
        var link: String
        /// Makes the link in the scratch folder `s` (the demo content copied there), pointing
        /// into `outside`.
        var make: @Sendable (URL, URL) throws -> Void
    }

    static func link(_ at: URL, to target: URL) throws {
        if FileManager.default.fileExists(atPath: at.path) { try FileManager.default.removeItem(at: at) }
        try FileManager.default.createSymbolicLink(at: at, withDestinationURL: target)
    }

    static let cases: [Case] = [
        Case(description: "a page linked to a file outside", link: "content/pages/leak.md") { s, outside in
            try link(s.appendingPathComponent("content/pages/leak.md"), to: outside.appendingPathComponent("leak.md"))
        },
        Case(description: "an announcement linked to a file outside", link: "content/announcements/2026-03-02-platform-launch.md") { s, outside in
            try Data("---\ntitle: 平台上线\ndate: 2026-03-02\n---\n证件号码 \(secret)\n".utf8).write(to: outside.appendingPathComponent("notice.md"))
            try link(s.appendingPathComponent("content/announcements/2026-03-02-platform-launch.md"), to: outside.appendingPathComponent("notice.md"))
        },
        Case(description: "an English version linked to a file outside", link: "content/pages/about.en.md") { s, outside in
            try Data("---\ntitle: About\n---\nID number \(secret)\n".utf8).write(to: outside.appendingPathComponent("about.en.md"))
            try link(s.appendingPathComponent("content/pages/about.en.md"), to: outside.appendingPathComponent("about.en.md"))
        },
        Case(description: "the pages folder a link", link: "content/pages") { s, outside in
            let pages = outside.appendingPathComponent("pages")
            try FileManager.default.copyItem(at: s.appendingPathComponent("content/pages"), to: pages)
            try FileManager.default.copyItem(at: outside.appendingPathComponent("leak.md"), to: pages.appendingPathComponent("leak.md"))
            try link(s.appendingPathComponent("content/pages"), to: pages)
        },
        Case(description: "the announcements folder a link", link: "content/announcements") { s, outside in
            let folder = outside.appendingPathComponent("announcements")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("---\ntitle: 泄露\ndate: 2026-03-02\n---\n证件号码 \(secret)\n".utf8).write(to: folder.appendingPathComponent("2026-03-02-leak.md"))
            try link(s.appendingPathComponent("content/announcements"), to: folder)
        },
        Case(description: "site.yaml a link", link: "content/site.yaml") { s, outside in
            let text = try String(contentsOf: s.appendingPathComponent("content/site.yaml"), encoding: .utf8)
            let footer = try #require(text.split(separator: "\n").first { $0.hasPrefix("footer:") })
            try Data(text.replacingOccurrences(of: footer, with: "footer: 证件号码 \(secret)").utf8).write(to: outside.appendingPathComponent("site.yaml"))
            try link(s.appendingPathComponent("content/site.yaml"), to: outside.appendingPathComponent("site.yaml"))
        },
    ]

    @Test(arguments: cases) func aLinkInContentIsRefusedAndNothingIsPublished(_ c: Case) throws {
        let s = try Scratch()
        for name in ["bundles", "content"] {
            try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent(name), to: s.path(name))
        }
        let outside = s.path("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data(Self.leakyPage.utf8).write(to: outside.appendingPathComponent("leak.md"))
        try c.make(s.url, outside)

        let r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 1, "\(c): refused\n\(r)")
        let out = r.stdout + r.stderr
        #expect(out.contains("\(c.link):1:1: error[C802]") && out.contains("symbolic link"), "\(c): C802 at the link\n\(r)")
        #expect(!out.contains(Self.secret), "\(c)")
        #expect(!FileManager.default.fileExists(atPath: s.path("site").path), "\(c): nothing published")
    }

    /// The content folder itself may be a link: it is the operator's own path, given on the
    /// command line (a deployment's `content -> /srv/portal/content`).
    @Test func theContentFolderItselfMayBeALink() throws {
        let s = try Scratch()
        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("bundles"), to: s.path("bundles"))
        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("content"), to: s.path("real-content"))
        try FileManager.default.createSymbolicLink(at: s.path("content"), withDestinationURL: s.path("real-content"))
        let r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        #expect(FileManager.default.fileExists(atPath: s.path("site/pages/about/index.html").path))
    }
}
