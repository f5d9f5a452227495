import Foundation
import Testing

/// End to end, through the real CLI and the real Markdown renderer: the demo registry plus a
/// bundle whose every field is hostile (Tests/hostile-registry.py) is approved and built, then
/// every file of the site — HTML, CSV, JSON, the search index, the feed, the sitemap, and
/// whatever is added later — is searched for every private value of every bundle
/// (`PrivateValues`), in every encoding a reader could undo (`SiteTexts`).
@Suite(.serialized) struct PrivacyTests {
    /// Builds the hostile registry into the scratch folder; returns the script's run.
    static func hostileRegistry(_ s: borrowing Scratch) throws -> (status: Int32, output: String) {
        let exe = try #require(Beian.executable, "no beian executable found; run swift build first")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Beian.packageRoot.appendingPathComponent("Tests/hostile-registry.py").path, exe.path, s.url.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func noPrivateValueOfAnyBundleReachesAnyFileOfTheSite() throws {
        let s = try Scratch()
        let built = try Self.hostileRegistry(s)
        try #require(built.status == 0, "\(built.output)")

        let secrets = try PrivateValues(bundles: s.path("bundles"), content: s.path("content"))
        // The collection must have found what it is for, or the search below proves nothing.
        let texts = Set(secrets.values.map(\.text))
        for expected in ["13912345678", "priv.officer+leak@example.cn", "110108198001011237", "91110108MA01TE7X01",
                         "PRIV-REJECT 退回理由<img src=x onerror=window.__pwned=1>", "987654321"] {
            #expect(texts.contains(expected), "the private values include \(expected)")
        }
        #expect(texts.contains { $0.hasPrefix("私密地址<b>PRIV-ADDR</b>") }, "the hostile address")
        #expect(secrets.values.count > 150, "every demo bundle's private values: \(secrets.values.count)")
        #expect(secrets.attachments.count >= 10)

        let files = try SiteTexts.read(s.path("site"))
        let paths = Set(files.map(\.path))
        for required in ["index.html", "filings.csv", "filings.json", "announcements/feed.xml", "sitemap.xml", "search/manifest.json"] {
            #expect(paths.contains(required), "the site has \(required)")
        }
        #expect(files.count > 50)
        // The hostile filing is published (its public fields are), so its private ones were there to leak.
        #expect(files.contains { $0.path == "filings.csv" && $0.texts.contains { $0.contains("变更后算法") } })

        var leaks: [String] = []
        for file in files {
            for secret in secrets.values where file.texts.contains(where: { $0.contains(secret.text) }) {
                leaks.append("\(file.path): \(secret)")
            }
            for (name, bytes) in secrets.attachments where Self.shares(file.bytes, with: bytes) {
                leaks.append("\(file.path): bytes of \(name)")
            }
        }
        #expect(leaks == [], "private data in the public site:\n\(leaks.prefix(40).joined(separator: "\n"))")
    }

    /// True when `haystack` holds one of several 32-byte pieces taken across `attachment`
    /// (past the first 64 bytes, which are the format's header, alike in every PDF or PNG).
    static func shares(_ haystack: Data, with attachment: Data) -> Bool {
        guard attachment.count > 96 else { return haystack.range(of: attachment) != nil }
        let step = max(1, (attachment.count - 96) / 8)
        for start in stride(from: 64, to: attachment.count - 32, by: step) {
            let piece = attachment[attachment.startIndex + start ..< attachment.startIndex + start + 32]
            if haystack.range(of: piece) != nil { return true }
        }
        return false
    }
}
