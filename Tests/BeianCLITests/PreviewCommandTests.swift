import Foundation
import Testing

/// `beian preview`: a filer's draft as the public would see it once approved, marked as a
/// preview, with nothing private (the privacy checks of `build` applied to its output).
@Suite struct PreviewCommandTests {
    /// The private values of the demo entity: credit code, ID numbers, mobiles, e-mails.
    static func privateValues(_ entityYAML: String) -> [String] {
        entityYAML.split(separator: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard let key = ["credit_code:", "id_number:", "mobile:", "email:"].first(where: { t.hasPrefix($0) }) else { return nil }
            let value = t.dropFirst(key.count).split(separator: "#").first.map(String.init) ?? ""
            let clean = value.trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            return clean.isEmpty ? nil : clean
        }
    }

    static func files(under dir: URL) -> [String: String] {
        var out: [String: String] = [:]
        let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if let text = try? String(contentsOf: url, encoding: .utf8) {
                out[String(url.path.dropFirst(dir.path.count + 1))] = text
            }
        }
        return out
    }

    @Test func theDraftsPagesAreMarkedShowTheDisclosureAndNothingPrivate() throws {
        let s = try Scratch()
        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("bundles/xingchen-tech"), to: s.path("xingchen-tech"))
        let r = try Beian.run(["preview", "xingchen-tech", "--out", "preview"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        let files = Self.files(under: s.path("preview"))
        let pages = files.filter { $0.key.hasSuffix(".html") }
        // One page per algorithm (filings/<21 digits>/), and its English copy under en/.
        let filingPages = pages.filter { $0.key.hasPrefix("filings/") && $0.key.count == "filings/".count + 21 + "/index.html".count }
        let englishPages = pages.filter { $0.key.hasPrefix("en/filings/") && $0.key.count == "en/filings/".count + 21 + "/index.html".count }
        #expect(filingPages.count == 3 && englishPages.count == 3, "one page per algorithm: \(pages.keys.sorted())")
        #expect(pages.keys.contains { $0.hasPrefix("entities/") })
        for (path, html) in pages {
            #expect(html.contains("预览 · 未备案"), "\(path) is not marked")
            #expect(html.contains("<title>【预览 · 未备案】"), "\(path)'s title is not marked")
            #expect(html.range(of: #"网信算备\d{21}号"#, options: .regularExpression) == nil, "\(path) shows a 备案编号")
        }
        #expect(filingPages.values.allSatisfy { $0.contains("备案编号待分配（预览）") })
        // The disclosure of each algorithm is rendered on its page (its first paragraph).
        let disclosure = try s.read("xingchen-tech/algorithms/news-feed/disclosure.md")
        let paragraph = try #require(disclosure.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.isEmpty })
        #expect(filingPages.values.contains { $0.contains(String(paragraph.prefix(30))) }, "disclosure not rendered: \(paragraph.prefix(30))")
        // Nothing private anywhere in the output, and nothing made for publishing.
        let secrets = Self.privateValues(try s.read("xingchen-tech/entity.yaml"))
        #expect(secrets.count >= 5, "\(secrets)")
        for (path, text) in files {
            for secret in secrets { #expect(!text.contains(secret), "\(path) carries \(secret)") }
        }
        for published in ["filings.csv", "filings.json", "sitemap.xml", "search/index.html", "en/search/index.html", "announcements/feed.xml",
                          "feeds/filings.xml", "en/feeds/filings.xml", "entities/0000000/feed.xml", "en/entities/0000000/feed.xml"] {
            #expect(files[published] == nil, "\(published) in a preview")
        }
        #expect(!files.keys.contains { $0.hasSuffix(".xml") }, "a feed or sitemap in a preview: \(files.keys.sorted())")
        // No public record or head (those are what the registry signs); each draft's badge says
        // 未备案 with the placeholder, and its page offers no embed code to copy.
        #expect(!files.keys.contains { $0.hasSuffix("record.json") || $0.hasPrefix("transparency/") }, "\(files.keys.sorted())")
        let badges = files.filter { $0.key.hasSuffix("/badge.svg") }
        #expect(badges.count == 3 && badges.values.allSatisfy { $0.contains(">未备案</text>") && $0.contains(">备案编号待分配（预览）</text>") && !$0.contains("已备案") })
        #expect(filingPages.values.allSatisfy { $0.contains("alt=\"备案编号待分配（预览） 未备案\"") && !$0.contains("badge-snippet") && !$0.contains("record.json") })
        #expect(englishPages.values.allSatisfy { $0.contains("alt=\"备案编号待分配（预览） Not filed\"") && $0.contains("Filing badge")
            && !$0.contains("badge-snippet") && !$0.contains("record.json") })
    }

    /// Every link and image of every preview page leads to a file the preview holds: a preview
    /// makes no search page, feed or open data, so its pages offer none (no search box, no feed
    /// link, no open-data footer), and the English filing pages show the draft's badge from
    /// beside the Chinese page. (Before the preview was a build option, 24 pages linked /search/,
    /// the feeds and filings.csv, and the English badge was a broken relative link.)
    @Test func aPreviewLinksOnlyToFilesItHolds() throws {
        let s = try Scratch()
        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("bundles/xingchen-tech"), to: s.path("xingchen-tech"))
        let r = try Beian.run(["preview", "xingchen-tech", "--out", "preview"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        let files = Self.files(under: s.path("preview"))
        var checked = 0
        for (path, html) in files where path.hasSuffix(".html") {
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            for match in html.matches(of: /(?:href|src|action)="([^"#?]*)/) {
                let link = String(match.1)
                guard !link.isEmpty, !link.hasPrefix("http://"), !link.hasPrefix("https://") else { continue }
                var target = link.hasPrefix("/") ? String(link.dropFirst()) : (folder.isEmpty ? link : folder + "/" + link)
                if target.isEmpty || target.hasSuffix("/") { target += "index.html" }
                #expect(files[target] != nil || FileManager.default.fileExists(atPath: s.path("preview/" + target).path),
                        "\(path) links \(link), which the preview does not hold")
                checked += 1
            }
        }
        #expect(checked > 500, "\(checked) links checked")
    }

    /// The preview of the demo bundle, page for page: the marked pages (banner, stylesheet,
    /// title prefix, placeholder number, embed note, the draft's badge) byte for byte, and every
    /// other file by path and size, so a change to how a preview is made shows here.
    /// The goldens sit in `Goldens/preview-xingchen-tech` (`files.txt`: "size path", sorted;
    /// the other files are the output's at the same path). A missing golden fails.
    @Test func theDemoPreviewIsItsGolden() throws {
        let s = try Scratch()
        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("bundles/xingchen-tech"), to: s.path("xingchen-tech"))
        let r = try Beian.run(["preview", "xingchen-tech", "--out", "preview"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        let golden = Beian.packageRoot.appendingPathComponent("Tests/BeianCLITests/Goldens/preview-xingchen-tech")
        let expected = Self.files(under: golden)
        let listing = try #require(expected["files.txt"], "no golden listing at \(golden.path)/files.txt")
        let out = s.path("preview")
        let made = Self.files(under: out).keys.filter { !$0.split(separator: "/").contains { $0.hasPrefix(".beian-") } }
        let sizes = try made.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { path in
            let size = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(path).path)[.size] as? Int ?? -1
            return "\(size) \(path)\n"
        }.joined()
        #expect(sizes == listing, "the preview's files differ from \(golden.path)/files.txt")
        #expect(expected.count > 1)
        for (path, text) in expected where path != "files.txt" {
            #expect(try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8) == text, "\(path) differs from its golden")
        }
    }

    @Test func anInvalidDraftGetsItsDiagnosticsAndNoPreview() throws {
        let s = try Scratch()
        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("bundles/xingchen-tech"), to: s.path("b"))
        try s.write((try s.read("b/entity.yaml")) + "surprise: 1\n", to: "b/entity.yaml")
        let r = try Beian.run(["preview", "b", "--out", "preview"], in: s.url, timeout: 60)
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("b/entity.yaml:"), "\(r)")
        #expect(r.stderr.contains("F201"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: s.path("preview").path))
    }

    @Test func aFolderThatIsNotAPreviewIsRefusedAndKept() throws {
        let s = try Scratch()
        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("bundles/xingchen-tech"), to: s.path("b"))
        try s.write("mine", to: "notes/todo.txt")
        let r = try Beian.run(["preview", "b", "--out", "notes"], in: s.url, timeout: 60)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("error[O951]"), "\(r)")
        #expect(try s.read("notes/todo.txt") == "mine")
    }

    @Test func oneOfOutAndServeIsRequired() throws {
        let s = try Scratch()
        #expect(try Beian.run(["preview", "b"], in: s.url).status == 64)
        #expect(try Beian.run(["preview", "b", "--out", "x", "--serve"], in: s.url).status == 64)
    }
}
