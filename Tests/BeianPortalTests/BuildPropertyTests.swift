import BeianModel
import BeianOutput
@testable import BeianPortal
import Foundation
import Testing

@Suite("Reproducible, incremental and atomic builds")
struct BuildPropertyTests {
    @Test("the same input and SOURCE_DATE_EPOCH give byte-identical sites")
    func reproducible() async throws {
        let a = Fixture.tempDir(), b = Fixture.tempDir()
        let input = Fixture.input(filings: Fixture.many(80) + Fixture.filings())
        try await Fixture.build(input, into: a, options: Fixture.options { $0.parallelism = 1 })
        try await Fixture.build(input, into: b, options: Fixture.options { $0.parallelism = 4 })
        let left = Fixture.files(a.appendingPathComponent("site"))
        let right = Fixture.files(b.appendingPathComponent("site"))
        #expect(left.keys.sorted() == right.keys.sorted())
        for (path, data) in left { #expect(right[path] == data, "\(path) differs") }
    }

    @Test("a second build with the same input rewrites nothing")
    func noChange() async throws {
        let dir = Fixture.tempDir()
        let input = Fixture.input(filings: Fixture.many(120) + Fixture.filings())
        let first = try await Fixture.build(input, into: dir)
        let before = Fixture.inodes(dir.appendingPathComponent("site"))
        let second = try await Fixture.build(input, into: dir)
        #expect(second.written == 0)
        #expect(second.unchanged == first.files)
        // Each HTML page twice (Chinese and English): a filing's two pages, record and badge;
        // entities, announcements, content pages, 备案清单 (3 pages of all, one per type), the
        // 信息公告 list, /entities/ (3 pages), /filings/, 统计; each filings' feed twice (4 site-wide,
        // 6 types, 3 provinces, one per entity); then sitemap, CSV, JSON and feed once.
        let entities = Set(input.filings.map(\.entityID)).count
        let entityPages = (entities + 49) / 50
        #expect(second.skippedRendering == 4 * input.filings.count
                + 2 * (entities + Fixture.announcements().count + Fixture.pages().count + 3 + 6 + 1
                       + entityPages + 1 + 1)
                + 2 * (4 + 6 + 3 + entities)
                + 3 + 1)
        let after = Fixture.inodes(dir.appendingPathComponent("site"))
        let changed = after.filter { before[$0.key] != $0.value && !$0.key.hasPrefix(".") }.map(\.key)
        // The open data is the recycled copy's own file (made after the build from nothing, so
        // that a later build can patch it in place), with the same bytes.
        #expect(changed.sorted() == ["filings.csv", "filings.json"])
        let prev = dir.appendingPathComponent(".site.prev"), site = dir.appendingPathComponent("site")
        for path in changed {
            #expect(FileManager.default.contents(atPath: site.appendingPathComponent(path).path)
                    == FileManager.default.contents(atPath: prev.appendingPathComponent(path).path))
        }
    }

    @Test("changing one filing rewrites only its page, its entity, its list pages and the open data")
    func oneChange() async throws {
        let dir = Fixture.tempDir()
        var filings = Fixture.many(120)
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let before = Fixture.inodes(dir.appendingPathComponent("site"))
        let target = 60  // on list page 2; type 01 (60 % 6 == 0), its 11th filing
        filings[target].purpose = "修改后的主要用途"
        let report = try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let after = Fixture.inodes(dir.appendingPathComponent("site"))
        let rewritten = Set(after.filter { before[$0.key] != $0.value && !$0.key.hasPrefix(".") }.map(\.key))
        let f = filings[target]
        // Its record too (its badge shows only number and status: rendered, same bytes, kept).
        // Each page also in English (en/); the record, badge and open data are shared.
        let pages = ["filings/\(f.id)/index.html", "entities/\(f.entityID)/index.html", "list/page/2/index.html", "list/type-01/index.html"]
        #expect(rewritten == Set(pages + pages.map { "en/" + $0 } + ["filings/\(f.id)/record.json", "filings.csv", "filings.json"]))
        #expect(report.written == rewritten.count)
        #expect(Fixture.read(dir, "filings/\(f.id)/index.html").contains("修改后的主要用途"))
    }

    @Test("rebuilds on the recycled previous site give exactly the bytes of a fresh build")
    func recycled() async throws {
        let dir = Fixture.tempDir()
        var filings = Fixture.many(120) + Fixture.filings()
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let live = Fixture.files(dir.appendingPathComponent("site"))
        let before = Fixture.inodes(dir.appendingPathComponent("site"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".site.prev/index.html").path))

        // Third build: recycles .site.prev; one filing changes, one disappears.
        filings[60].purpose = "修改后的主要用途"
        let removed = filings.remove(at: 119)
        let report = try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let site = dir.appendingPathComponent("site")
        let after = Fixture.inodes(site)
        let rewritten = Set(after.filter { before[$0.key] != $0.value && !$0.key.hasPrefix(".") }.map(\.key))
        #expect(rewritten.contains("filings/\(filings[60].id)/index.html"))
        #expect(rewritten.count == report.written)
        #expect(report.written < 40)  // about 20 pages, each in both languages
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("filings/\(removed.id)").path))

        // The site that was live during the third build was never written to.
        #expect(Fixture.files(dir.appendingPathComponent(".site.prev")) == live)

        // And the result is byte for byte what a build from scratch gives.
        let fresh = Fixture.tempDir()
        try await Fixture.build(Fixture.input(filings: filings), into: fresh)
        let expected = Fixture.files(fresh.appendingPathComponent("site"))
        let got = Fixture.files(site)
        #expect(got.keys.sorted() == expected.keys.sorted())
        for (path, data) in expected { #expect(got[path] == data, "\(path) differs") }
    }

    @Test("a build from nothing leaves a hard-link copy of the site, which the next build recycles")
    func copyAfterBuildFromNothing() async throws {
        let dir = Fixture.tempDir()
        var filings = Fixture.many(120) + Fixture.filings()
        // A build that fails after making the copy leaves neither the copy nor a site.
        await #expect(throws: StepTimer.InjectedFailure.self) {
            try await Fixture.build(Fixture.input(filings: filings), into: dir,
                                    options: Fixture.options { $0.failAfterStep = "copy for the next build" })
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [".site.lock"])

        let first = try await Fixture.build(Fixture.input(filings: filings), into: dir)
        #expect(first.steps.map(\.name).suffix(2) == ["copy for the next build", "swap"])
        let site = dir.appendingPathComponent("site")
        let prev = dir.appendingPathComponent(".site.prev")
        // Every file of the site, the manifest too, is linked — but the open data, which the
        // next build patches in place, is a copy of its own.
        let live = Fixture.inodes(site)
        #expect(live.count > 150)
        #expect(live[".beian-manifest"] != nil)
        let data: Set = ["filings.csv", "filings.json"]
        let copied = Fixture.inodes(prev)
        #expect(copied.keys.sorted() == live.keys.sorted())
        #expect(copied.filter { !data.contains($0.key) } == live.filter { !data.contains($0.key) })
        for path in data {
            #expect(copied[path] != live[path])
            #expect(FileManager.default.contents(atPath: prev.appendingPathComponent(path).path)
                    == FileManager.default.contents(atPath: site.appendingPathComponent(path).path))
        }
        let beside = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(beside == [".site.lock", ".site.prev", "site"])

        // The next build starts from that copy (it becomes the live folder) and writes only
        // what changed; the site it replaces is never written to.
        let copyFolder = try #require(try FileManager.default.attributesOfItem(atPath: prev.path)[.systemFileNumber] as? Int)
        let before = Fixture.files(site)
        filings[30].purpose = "复制之后修改的主要用途"
        let report = try await Fixture.build(Fixture.input(filings: filings), into: dir)
        #expect(!report.steps.contains { $0.name.contains("copy") })
        #expect(try FileManager.default.attributesOfItem(atPath: site.path)[.systemFileNumber] as? Int == copyFolder)
        #expect(report.written > 0 && report.written < 20)
        #expect(Fixture.files(prev) == before)
        let fresh = Fixture.tempDir()
        try await Fixture.build(Fixture.input(filings: filings), into: fresh)
        #expect(Fixture.files(fresh.appendingPathComponent("site")) == Fixture.files(site))
    }

    @Test("without keeping the previous site, nothing is left beside the output")
    func noRecycling() async throws {
        let dir = Fixture.tempDir()
        let options = Fixture.options { $0.keepPreviousSite = false }
        try await Fixture.build(Fixture.input(), into: dir, options: options)
        let report = try await Fixture.build(Fixture.input(), into: dir, options: options)
        #expect(report.written == 0)
        let beside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != ".site.lock" }
        #expect(beside == ["site"])
    }

    @Test("a build that fails midway leaves the old site whole and no staging folder behind")
    func atomic() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(), into: dir)
        try await Fixture.build(Fixture.input(), into: dir)  // so the next one recycles .site.prev
        let site = dir.appendingPathComponent("site")
        let before = Fixture.files(site)
        var changed = Fixture.filings()
        changed[0].algorithmName = "不应出现的名称"
        for step in ["prepare", "render", "manifest"] {
            await #expect(throws: StepTimer.InjectedFailure.self) {
                try await Fixture.build(Fixture.input(filings: changed), into: dir, options: Fixture.options { $0.failAfterStep = step })
            }
            #expect(Fixture.files(site) == before)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("building") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test("a killed build's staging folder is cleared by the next build")
    func leftovers() async throws {
        let dir = Fixture.tempDir()
        let stale = dir.appendingPathComponent(".site.building-99999/filings")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        // A staging folder carries the marker from the moment it is made.
        try Data(SiteMarker.contents.utf8).write(to: dir.appendingPathComponent(".site.building-99999/\(SiteMarker.fileName)"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".site.old-7"), withIntermediateDirectories: true)
        try await Fixture.build(Fixture.input(), into: dir)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".site.building-99999").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".site.old-7").path), "an empty one too")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/index.html").path))
    }

    @Test("a folder at a leftover's place that the build did not make is refused, not deleted")
    func foreignLeftover() async throws {
        let dir = Fixture.tempDir()
        let notes = dir.appendingPathComponent(".site.building-99999/notes.txt")
        try FileManager.default.createDirectory(at: notes.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("不要删除\n".utf8).write(to: notes)
        await #expect(throws: PortalOutputRefused.self) { try await Fixture.build(Fixture.input(), into: dir) }
        #expect(try String(contentsOf: notes, encoding: .utf8) == "不要删除\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("site").path))
        let staging = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".site.building-") }
        #expect(staging == [".site.building-99999"], "no staging folder was made")
    }

    @Test("every site carries the marker; a folder without it is not replaced")
    func marker() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(), into: dir)
        let site = dir.appendingPathComponent("site")
        #expect(try String(contentsOf: site.appendingPathComponent(SiteMarker.fileName), encoding: .utf8) == SiteMarker.contents)
        #expect(SiteMarker.isMarked(site.path))
        let mine = dir.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: mine.appendingPathComponent("a.txt"))
        await #expect(throws: PortalOutputRefused.self) {
            _ = try await PortalBuilder(input: Fixture.input(), theme: Theme.builtIn(), options: Fixture.options()).build(to: mine)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: mine.path) == ["a.txt"])
    }

    @Test("a changed theme re-renders every page")
    func themeChange() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(), into: dir)
        let overrides = Fixture.tempDir("theme")
        try Data("body { color: #000; }\n".utf8).write(to: overrides.appendingPathComponent("style.css"))
        let theme = try Theme.load(overrideFolder: overrides)
        let report = try await Fixture.build(Fixture.input(), into: dir, theme: theme)
        #expect(report.skippedRendering == 3)  // only the sitemap and open data do not depend on the theme
        #expect(report.written >= report.pages)  // the CSS link's version changed on every page
    }
}

@Suite("Theme override")
struct ThemeTests {
    @Test("a file in the override folder replaces the built-in one; new assets are added")
    func override() async throws {
        let overrides = Fixture.tempDir("theme")
        try Data("{{>header}}<h1>找不到了</h1>{{>footer}}".utf8).write(to: overrides.appendingPathComponent("404.mustache"))
        try Data("body { background: #fff; }\n".utf8).write(to: overrides.appendingPathComponent("style.css"))
        try FileManager.default.createDirectory(at: overrides.appendingPathComponent("img"), withIntermediateDirectories: true)
        try Data([0x89, 0x50]).write(to: overrides.appendingPathComponent("img/logo.png"))
        let theme = try Theme.load(overrideFolder: overrides)
        #expect(theme.overrides == ["404.mustache", "img/logo.png", "style.css"])
        let dir = Fixture.tempDir()
        try await Fixture.build(Fixture.input(), into: dir, theme: theme)
        #expect(Fixture.read(dir, "404.html").contains("<h1>找不到了</h1>"))
        #expect(Fixture.read(dir, "assets/style.css") == "body { background: #fff; }\n")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/assets/img/logo.png").path))
        #expect(Fixture.read(dir, "index.html").contains("<h1 id=\"hero-title\">"))  // others stay built-in
    }

    @Test("a broken override template is reported with its file and line")
    func broken() throws {
        let overrides = Fixture.tempDir("theme")
        try Data("{{>header}}\n{{#rows}}\n{{>footer}}".utf8).write(to: overrides.appendingPathComponent("list.mustache"))
        let theme = try Theme.load(overrideFolder: overrides)
        #expect {
            try CompiledTheme(theme)
        } throws: { error in
            let d = (error as? PortalError)?.diagnostics ?? []
            return d.count == 1 && d[0].location.path == "content/theme/list.mustache"
        }
    }

    @Test("an overridden header must keep the Content-Security-Policy line")
    func headerKeepsThePolicy() throws {
        let builtIn = try #require(try Theme.builtIn().templates["header"])
        #expect(builtIn.contains(ContentSecurityPolicy.meta))
        let overrides = Fixture.tempDir("theme")
        let header = overrides.appendingPathComponent("header.mustache")
        try Data(builtIn.replacingOccurrences(of: ContentSecurityPolicy.meta + "\n", with: "").utf8).write(to: header)
        #expect {
            try CompiledTheme(try Theme.load(overrideFolder: overrides))
        } throws: { error in
            let d = (error as? PortalError)?.diagnostics ?? []
            return d.count == 1 && d[0].location.path == "content/theme/header.mustache"
                && d[0].message.en == "the header template lacks the portal's Content-Security-Policy"
        }
        // A header of its own that keeps the line is fine (and pages are rendered by Mustache).
        try Data(builtIn.replacingOccurrences(of: "<body>", with: "<body class=\"custom\">").utf8).write(to: header)
        _ = try CompiledTheme(try Theme.load(overrideFolder: overrides))
    }

    @Test("the built-in theme passes its own escaping rule")
    func builtInLint() throws {
        let theme = try Theme.builtIn()
        for (name, source) in theme.templates { #expect(ThemeLint.check(source, path: name).isEmpty, "\(name)") }
        #expect(Set(theme.templates.keys) == Set(Theme.requiredTemplates))
    }
}

@Suite("Open data on rebuilds")
struct OpenDataRebuildTests {
    @Test("a rebuild copies unchanged chunks of filings.json and filings.csv and still matches a fresh build")
    func chunks() async throws {
        let dir = Fixture.tempDir()
        var filings = Fixture.many(1_100)  // three chunks of 500
        try await Fixture.build(Fixture.input(filings: filings), into: dir, options: Fixture.options { $0.keepPreviousSite = false })
        // Mark the live file's first chunk, which the change below leaves alone: if the rebuild
        // copies the chunk instead of making it again, the mark survives.
        let json = dir.appendingPathComponent("site/filings.json")
        var bytes = try Data(contentsOf: json)
        let marker = Data("第0号示例公司".utf8)
        let at = try #require(bytes.range(of: marker))
        bytes.replaceSubrange(at, with: Data("第X号示例公司".utf8))  // same length
        try bytes.write(to: json)  // replaces the file (new inode), as tampering would

        filings[700].purpose = "变更后的用途"
        try await Fixture.build(Fixture.input(filings: filings), into: dir, options: Fixture.options { $0.keepPreviousSite = false })
        let rebuilt = try String(contentsOf: json, encoding: .utf8)
        #expect(rebuilt.contains("第X号示例公司"), "chunk 1 was copied, not made again")
        #expect(rebuilt.contains("变更后的用途"))

        // Without the tampering, the result equals a fresh build's bytes.
        let fresh = Fixture.tempDir()
        try await Fixture.build(Fixture.input(filings: filings), into: fresh)
        let expected = try String(contentsOf: fresh.appendingPathComponent("site/filings.json"), encoding: .utf8)
        #expect(rebuilt.replacingOccurrences(of: "第X号", with: "第0号") == expected)
        #expect(Fixture.read(dir, "filings.csv") == Fixture.read(fresh, "filings.csv"))
    }
}

@Suite("Open data and sitemaps patched on the recycled site")
struct PatchedRebuildTests {
    @Test("rebuilds that patch the recycled open data and remake one sitemap file match a fresh build")
    func patched() async throws {
        let dir = Fixture.tempDir()
        var filings = Fixture.many(1_600)  // four chunks of 500
        let options = Fixture.options { $0.sitemapLimit = 500 }
        try await Fixture.build(Fixture.input(filings: filings), into: dir, options: options)
        try await Fixture.build(Fixture.input(filings: filings), into: dir, options: options)
        let steps: [(inout [PublicFiling]) -> Void] = [
            { $0[1_200].purpose = "第一次变更" },                       // chunk 2: patched from there
            { $0[1_300].purpose = "第二次变更，更长一些的主要用途" },      // the recycled copy is two builds old
            { $0.append(Fixture.filing(entity: "9000001", year: 26, entityName: "新备案公司", approvedOn: "2030-01-01")) },
            { $0[10].purpose = "开头的变更" },                            // chunk 0: a new file
            { $0.append(Fixture.filing(entity: "9000002", year: 26, entityName: "又一家公司", approvedOn: "2030-02-01")) },
        ]
        for step in steps {
            step(&filings)
            try await Fixture.build(Fixture.input(filings: filings), into: dir, options: options)
            let fresh = Fixture.tempDir()
            try await Fixture.build(Fixture.input(filings: filings), into: fresh, options: options)
            let live = Fixture.files(dir.appendingPathComponent("site"))
            let expected = Fixture.files(fresh.appendingPathComponent("site"))
            #expect(live.keys.filter { !$0.hasPrefix(".") }.sorted() == expected.keys.filter { !$0.hasPrefix(".") }.sorted())
            for (path, data) in expected where !path.hasPrefix(".") { #expect(live[path] == data, "\(path) differs") }
            try? FileManager.default.removeItem(at: fresh)
        }
    }
}
