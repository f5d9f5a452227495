import Foundation
import Testing

/// `beian build --out` writes only where it may (issue 14, "nothing lost"): an absent or empty
/// folder, or a site it made (`.beian-site`). Whatever else `--out` or the places beside it
/// name — the registry, a user's folder, `.`, a file, a link — is refused with exit 2 and left
/// byte for byte as it was. An empty or missing registry does not empty a published portal.
@Suite(.serialized) struct OutputSafetyTests {
    /// Copies bundles/ and content/ of the repository into the scratch folder.
    func demo(_ s: borrowing Scratch) throws {
        for name in ["bundles", "content"] {
            try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent(name), to: s.path(name))
        }
    }

    /// Every entry under `root` (hidden ones too): files by their bytes, links by their target,
    /// folders by their name. Equal snapshots, an untouched tree.
    func snapshot(_ root: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        func visit(_ url: URL, _ rel: String) throws {
            let attrs = try fm.attributesOfItem(atPath: url.path)
            switch attrs[.type] as? FileAttributeType {
            case .typeSymbolicLink?: out[rel] = Data(("link:" + (try fm.destinationOfSymbolicLink(atPath: url.path))).utf8)
            case .typeDirectory?:
                out[rel + "/"] = Data()
                for name in try fm.contentsOfDirectory(atPath: url.path) { try visit(url.appendingPathComponent(name), rel + "/" + name) }
            default: out[rel] = try Data(contentsOf: url)
            }
        }
        try visit(root, "")
        return out
    }

    /// The scratch folder's entries besides the given ones: what a build left beside its output.
    func entries(_ s: borrowing Scratch) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: s.url.path))
    }

    @Test func theRegistryFolderIsNeverTheOutput() throws {
        let s = try Scratch()
        try demo(s)
        let before = try snapshot(s.url)
        for extra in [[], ["--no-keep-previous"]] {
            let r = try Beian.run(["build", "--out", "bundles"] + extra, in: s.url, timeout: 120)
            #expect(r.status == 2, "\(r)")
            #expect(r.stderr.contains("bundles:1:1: error[O951]: the output folder holds files beian build did not write (no .beian-site)"), "\(r)")
            #expect(r.stderr.contains("bundles:1:1: error[O951]: the output is the --registry folder “bundles” itself"), "\(r)")
        }
        #expect(try snapshot(s.url) == before, "nothing was moved, deleted or written")
    }

    @Test func aFolderOrFileOfSomeoneElseIsRefused() throws {
        let s = try Scratch()
        try demo(s)
        try s.write("我的笔记\n", to: "mine/notes.txt")
        try s.write("a file\n", to: "plain.txt")
        try FileManager.default.createSymbolicLink(atPath: s.path("link").path, withDestinationPath: "mine")
        let before = try snapshot(s.url)
        let cases: [(String, String)] = [
            ("mine", "mine:1:1: error[O951]: the output folder holds files beian build did not write"),
            ("plain.txt", "plain.txt:1:1: error[O951]: the output is a file, not a folder"),
            ("link", "link:1:1: error[O951]: the output is a symbolic link"),
            (".", ".:1:1: error[O951]: the output is the current folder, which cannot be a site folder"),
            ("./", "./:1:1: error[O951]: the output is the current folder"),
            ("..", "..:1:1: error[O951]: the output is the parent folder"),
            ("/", "/:1:1: error[O951]: the output is the root folder"),
            ("home", "home:1:1: error[O951]: the output is the home folder"),
        ]
        try FileManager.default.createDirectory(at: s.path("home"), withIntermediateDirectories: true)
        try s.write("profile\n", to: "home/.profile")
        let withHome = try snapshot(s.url)
        for (out, message) in cases {
            let r = try Beian.run(["build", "--out", out], in: s.url, env: ["HOME": s.path("home").path], timeout: 120)
            #expect(r.status == 2, "\(out): \(r)")
            #expect(r.stderr.contains(message), "\(out): \(r)")
            #expect(r.stderr.contains("help:") || r.stderr.contains("= help"), "a one-line remedy: \(r)")
        }
        #expect(try snapshot(s.url) == withHome)
        #expect(before.count + 2 == withHome.count)
    }

    @Test func theOutputMayNotOverlapItsInputs() throws {
        let s = try Scratch()
        try demo(s)
        try FileManager.default.createSymbolicLink(atPath: s.path("registry-link").path, withDestinationPath: "bundles")
        let before = try snapshot(s.url)
        let cases: [([String], String)] = [
            (["--out", "bundles/site"], "bundles/site:1:1: error[O951]: the output lies inside the --registry folder “bundles”"),
            (["--out", "registry-link/site"], "registry-link/site:1:1: error[O951]: the output lies inside the --registry folder “bundles”"),
            (["--out", "content/../bundles/x/.."], "error[O951]: the output is the parent folder"),
            (["--out", "work", "--content", "work/content"], "work:1:1: error[O951]: the --content folder “work/content” lies inside the output"),
            (["--out", "site", "--bundles", "registry-link", "--content", "."], "site:1:1: error[O951]: the output lies inside the --content folder “.”"),
        ]
        for (args, message) in cases {
            let r = try Beian.run(["build"] + args, in: s.url, timeout: 120)
            #expect(r.status == 2, "\(args): \(r)")
            #expect(r.stderr.contains(message), "\(args): \(r)")
        }
        #expect(try snapshot(s.url) == before)
    }

    @Test func whatLiesBesideTheOutputIsDeletedOnlyIfTheBuildMadeIt() throws {
        let s = try Scratch()
        try demo(s)
        try s.write("keep me\n", to: ".site.prev/thesis.tex")
        try s.write("keep me too\n", to: ".site.building-4242/draft.md")
        try s.write("and me\n", to: ".site.old-7/a.txt")
        try s.write("mine\n", to: ".site.search-state/x")
        try s.write("not a cache\n", to: ".site.content-cache")
        try s.write("a file of mine\n", to: "mine.txt")
        try FileManager.default.createSymbolicLink(atPath: s.path(".site.lock").path, withDestinationPath: "mine.txt")
        let before = try snapshot(s.url)
        let r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 2, "\(r)")
        for path in [".site.prev", ".site.building-4242", ".site.old-7", ".site.search-state", ".site.content-cache", ".site.lock"] {
            #expect(r.stderr.contains("\(path):1:1: error[O951]"), "\(path): \(r)")
        }
        #expect(try snapshot(s.url) == before, "refused, not deleted; and no site was made")
    }

    @Test func aBuildMarksItsSiteAndReplacesOnlyMarkedOrEmptyFolders() throws {
        let s = try Scratch()
        try demo(s)
        try FileManager.default.createDirectory(at: s.path("site"), withIntermediateDirectories: true)
        var r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "an empty folder may be the output: \(r)")
        #expect(try s.read("site/.beian-site") == "{\"format\":\"beian-site\",\"version\":1}\n")
        #expect(try s.read(".site.prev/.beian-site") == "{\"format\":\"beian-site\",\"version\":1}\n", "the kept copy is marked too")
        // A site of a build from before the marker (its manifest says it is one) is replaced, and marked.
        try FileManager.default.removeItem(at: s.path("site/.beian-site"))
        try FileManager.default.removeItem(at: s.path(".site.prev/.beian-site"))
        r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        #expect(FileManager.default.fileExists(atPath: s.path("site/.beian-site").path))
        // The leftover of a killed build carries the marker, so the next build clears it.
        try FileManager.default.copyItem(at: s.path("site"), to: s.path(".site.building-99999"))
        r = try Beian.run(["build", "--no-keep-previous"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        #expect(try entries(s).filter { $0.hasPrefix(".site.building") || $0 == ".site.prev" }.isEmpty)
    }

    @Test func anEmptyOrMissingRegistryDoesNotEmptyThePortal() throws {
        let s = try Scratch()
        try demo(s)
        var r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        try FileManager.default.createDirectory(at: s.path("empty"), withIntermediateDirectories: true)
        let before = try snapshot(s.url)

        r = try Beian.run(["build", "--bundles", "misspelt"], in: s.url, timeout: 120)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("misspelt:1:1: error[O953]: the registry folder “misspelt” does not exist or is not a folder"), "\(r)")

        r = try Beian.run(["build", "--bundles", "empty"], in: s.url, timeout: 120)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("empty:1:1: error[O952]: the registry at empty has 0 filings but the live site has 8"), "\(r)")
        #expect(r.stderr.contains("pass --allow-empty"), "\(r)")
        let after = try snapshot(s.url).filter { !$0.key.hasPrefix("/.site.registry-cache") && !$0.key.hasPrefix("/.site.content-cache") }
        #expect(after == before.filter { !$0.key.hasPrefix("/.site.registry-cache") && !$0.key.hasPrefix("/.site.content-cache") },
                "the live site and its kept copy are untouched")

        r = try Beian.run(["build", "--bundles", "empty", "--allow-empty"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("built site/: 0 filings"), "\(r)")
    }
}
