import Foundation
import Testing

/// Filers install one file: the `beian` executable copied ALONE into an empty folder (no
/// `*.resources` bundle folders beside it) builds the portal, prints templates and scaffolds
/// bundles — the templates, the portal theme and the search client are compiled in.
@Suite(.serialized) struct SelfContainedBinaryTests {
    /// `<scratch>/bin/beian`: a copy of the built executable with nothing beside it, as if on
    /// another machine. SwiftPM's `Bundle.module` falls back to the absolute path of the build
    /// folder compiled into the binary, so that path is blanked out in the copy (same length,
    /// `/xxx…`): the copy cannot reach this build tree's `*.resources` folders either.
    func lonelyBinary(in s: borrowing Scratch) throws -> URL {
        let built = try #require(Beian.executable, "no beian executable found; run swift build first")
        let bin = s.path("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let copy = bin.appendingPathComponent("beian")
        let buildFolder = Data(built.resolvingSymlinksInPath().deletingLastPathComponent().path.utf8)
        var bytes = try Data(contentsOf: built)
        let blank = Data([UInt8(ascii: "/")] + Array(repeating: UInt8(ascii: "x"), count: buildFolder.count - 1))
        var from = bytes.startIndex
        while let r = bytes.range(of: buildFolder, in: from..<bytes.endIndex) {
            bytes.replaceSubrange(r, with: blank)
            from = r.upperBound
        }
        try bytes.write(to: copy)
        #expect(chmod(copy.path, 0o755) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: bin.path) == ["beian"])
        return copy
    }

    func run(_ exe: URL, _ args: [String], in s: borrowing Scratch) throws -> Beian.Run {
        try Beian.run(args, in: s.path("work"), timeout: 120, executable: exe)
    }

    @Test func theCopiedBinaryBuildsPrintsTemplatesAndScaffolds() throws {
        let s = try Scratch()
        let exe = try lonelyBinary(in: s)
        let work = s.path("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        for name in ["bundles", "content"] {
            try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent(name), to: work.appendingPathComponent(name))
        }

        // build: the theme (templates and style.css) and the search client come from the binary.
        var r = try run(exe, ["build"], in: s)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("built site/: 8 filings"), "\(r)")
        let home = try s.read("work/site/index.html")
        #expect(home.contains("<!DOCTYPE html>"))
        #expect(try s.read("work/site/filings/110108874287803250013/index.html").contains("<h1 data-field=\"name\" lang=\"zh-CN\">星辰热榜精选算法</h1>"))
        let site = s.path("work/site").path
        let files = try #require(FileManager.default.subpaths(atPath: site))
        #expect(files.contains { $0.hasPrefix("assets/") && $0.hasSuffix(".css") }, "the theme's style sheet is written")
        #expect(files.contains { $0.hasSuffix("search.js") }, "the search client is written")

        // template: the attachment templates come from the binary.
        r = try run(exe, ["template", "commitment-letter", "--bundle", "bundles/xingchen-tech", "--out", "letter.html"], in: s)
        #expect(r.status == 0, "\(r)")
        let letter = try s.read("work/letter.html")
        #expect(letter.hasPrefix("<!DOCTYPE html>"))
        #expect(letter.contains("北京星辰智联科技有限公司"))
        r = try run(exe, ["template", "disclosure", "--bundle", "bundles/xingchen-tech", "--algorithm", "hot-ranking"], in: s)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("</html>"))

        // init: a new bundle that validates as a draft.
        r = try run(exe, ["init", "acme-tech"] + InitAddCommandTests.initArgs, in: s)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("created bundle acme-tech\n"))
        #expect(FileManager.default.fileExists(atPath: s.path("work/acme-tech/entity.yaml").path))
        r = try run(exe, ["validate", "--draft", "acme-tech"], in: s)
        #expect(r.status == 0, "\(r)")

        // Still nothing but the binary in its folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path("bin").path) == ["beian"])
    }
}
