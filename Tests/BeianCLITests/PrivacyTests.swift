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
        // A product URL's parts but its host are private: path, query, userinfo, fragment.
        for part in ["/PRIV-URL-PATH/download", "token=PRIV-URL-QUERY", "PRIV-URL-USER", "PRIV-URL-PASS", "PRIV-URL-FRAGMENT"] {
            #expect(texts.contains(part), "the private values include the URL's \(part)")
        }
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
        // Its product's host is published (网站域名: the page, the search index), lower-cased;
        // nothing else of the URL is (the search below).
        #expect(files.contains { $0.path.hasPrefix("filings/") && $0.path.hasSuffix("index.html")
            && String(decoding: $0.bytes, as: UTF8.self).contains("<li data-field=\"hosts\">shop.audit.example.cn</li>") })
        #expect(files.contains { $0.path.hasPrefix("search/d/") && $0.texts.contains { $0.contains("shop.audit.example.cn") } })

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
        // Private values replaced by the approved change (no longer in the bundle, so not in
        // `secrets`) are not in its public history either.
        for old in ["PRIV-PI", "PRIV-ADDR", "路1号院2号楼"] {
            #expect(!files.contains { $0.texts.contains { $0.contains(old) } }, "\(old) on the site")
        }
        // The public ones are: the entity's rename, old → new.
        #expect(files.contains { $0.path == "filings.json" && $0.texts.contains { $0.contains("\"field\":\"entityName\"") } })
    }

    /// The same hostile registry's HTML, feed and open data, as the real renderer and the real
    /// CLI wrote them: every hostile string is escaped text, nothing of it became markup (the
    /// browser checks of scripts/test then load these pages in Chromium).
    @Test func hostileInputStaysTextInEveryFileOfTheCLIBuiltSite() throws {
        let s = try Scratch()
        let built = try Self.hostileRegistry(s)
        try #require(built.status == 0, "\(built.output)")
        let files = try SiteTexts.read(s.path("site"))
        var markup: [String] = []
        var pages = 0, attributes = 0
        for file in files where file.path.hasSuffix(".html") || file.path.hasSuffix(".xml") {
            let raw = String(decoding: file.bytes, as: UTF8.self)
            pages += 1
            for bad in ["<script>window.__pwned", "<img src=x", "<b>PRIV", "<i>法人", "<svg onload"] where raw.contains(bad) {  // the portal draws its own SVG charts (统计)
                markup.append("\(file.path): \(bad)")
            }
            for (tag, name, value) in Self.attributes(raw) {
                attributes += 1
                let v = value.lowercased().trimmingCharacters(in: .whitespaces)
                if name.hasPrefix("on") { markup.append("\(file.path): <\(tag) \(name)=…>") }
                if ["href", "src", "action", "formaction"].contains(name), v.hasPrefix("javascript:") || v.hasPrefix("data:") {
                    markup.append("\(file.path): <\(tag) \(name)=\(value)>")
                }
                // A remote image stays a link (docs/bundle-format.md): never loaded by the page.
                if tag == "img", name == "src", v.hasPrefix("http") || v.hasPrefix("//") { markup.append("\(file.path): <img src=\(value)>") }
            }
        }
        #expect(pages > 20)
        #expect(attributes > 500, "the scan read the pages' attributes: \(attributes)")
        #expect(Self.attributes(#"<p title="x onerror=y">t</p><img src=x onerror=alert(1)>"#).map(\.1) == ["title", "src", "onerror"])
        #expect(markup == [], "hostile strings became markup:\n\(markup.prefix(30).joined(separator: "\n"))")
        // The strings are there as text: escaped in the filing page, unevaluated as templates.
        let filing = try #require(files.first { $0.path.hasPrefix("filings/") && $0.texts.contains { $0.contains("变更后算法") } && $0.path.hasSuffix(".html") })
        let text = try #require(filing.texts.first { $0.contains("<script>window.__pwned=1;alert(1)</script>变更后算法") },
                                "the hostile name reads back exactly once its entities are undone")
        #expect(text.contains("{{x}}{{{y}}}{{>header}}"), "template syntax in a filing is shown, not evaluated")
        #expect(String(decoding: filing.bytes, as: UTF8.self).contains("&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;变更后算法"))
        // The remote image of the disclosure is a plain link, not an image (docs/bundle-format.md).
        #expect(String(decoding: filing.bytes, as: UTF8.self).contains("https://evil.example.com/x.png"))
        // The open data holds the values exactly.
        let json = try #require(files.first { $0.path == "filings.json" })
        #expect(String(decoding: json.bytes, as: UTF8.self).contains("+1+1\\\" onerror=\\\"window.__pwned=1\\\" x=\\\"<script>") ||
                json.texts.contains { $0.contains("+1+1\" onerror=\"window.__pwned=1\" x=\"<script>window.__pwned=1;alert(1)</script>变更后算法") })
    }

    /// Every attribute of every start tag of an HTML or XML text, as a browser tokenizes them:
    /// (tag, attribute name, value), quoted values read whole (an escaped `onerror=` inside a
    /// value is text, not an attribute). Comments are skipped.
    static func attributes(_ text: String) -> [(String, String, String)] {
        let u = Array(text.unicodeScalars)
        var out: [(String, String, String)] = []
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" }
        while i < u.count {
            guard u[i] == "<" else { i += 1; continue }
            if i + 3 < u.count, u[i + 1] == "!", u[i + 2] == "-", u[i + 3] == "-" {
                var j = i + 4
                while j + 2 < u.count, !(u[j] == "-" && u[j + 1] == "-" && u[j + 2] == ">") { j += 1 }
                i = j + 3
                continue
            }
            var j = i + 1
            guard j < u.count, u[j].properties.isAlphabetic else { i += 1; continue }
            var tag = ""
            while j < u.count, !isSpace(u[j]), u[j] != ">", u[j] != "/" { tag.unicodeScalars.append(u[j]); j += 1 }
            while j < u.count, u[j] != ">" {
                if isSpace(u[j]) || u[j] == "/" { j += 1; continue }
                var name = ""
                while j < u.count, !isSpace(u[j]), u[j] != "=", u[j] != ">", u[j] != "/" { name.unicodeScalars.append(u[j]); j += 1 }
                while j < u.count, isSpace(u[j]) { j += 1 }
                var value = ""
                if j < u.count, u[j] == "=" {
                    j += 1
                    while j < u.count, isSpace(u[j]) { j += 1 }
                    if j < u.count, u[j] == "\"" || u[j] == "'" {
                        let q = u[j]
                        j += 1
                        while j < u.count, u[j] != q { value.unicodeScalars.append(u[j]); j += 1 }
                        j += 1
                    } else {
                        while j < u.count, !isSpace(u[j]), u[j] != ">" { value.unicodeScalars.append(u[j]); j += 1 }
                    }
                }
                if !name.isEmpty { out.append((tag.lowercased(), name.lowercased(), value)) }
            }
            i = j + 1
        }
        return out
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
