import Foundation
import Testing

/// Reproducible and atomic builds, shown with real `beian build` processes on the demo registry
/// (real Markdown, the search index, every file): two builds in two places make the same bytes,
/// and a build killed with SIGKILL after any step (`BEIAN_FAULT=build:<step>`, debug builds
/// only: Sources/BeianStore/FaultPoint.swift) leaves the live site exactly the old one or,
/// once swapped, exactly the new one — never a mix — and the next build recovers.
@Suite(.serialized) struct CrashSafetyTests {
    /// The build's steps, in order (PortalBuilder), and the point between the swap and the
    /// recycling of the replaced site.
    static let beforeSwap = ["index", "prepare", "rows", "render", "open data", "manifest", "flush"]
    static let afterSwap = ["swap", "exchanged"]

    func demo(_ s: borrowing Scratch, into folder: String = "") throws {
        for name in ["bundles", "content"] {
            try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent(name),
                                             to: s.path(folder.isEmpty ? name : "\(folder)/\(name)"))
        }
    }

    /// Every entry under `dir` (files with their bytes, folders, links with their targets).
    static func tree(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let base = dir.standardizedFileURL.path + "/"
        guard let walk = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey]) else { return [:] }
        for case let url as URL in walk {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            let v = try url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey])
            if v.isSymbolicLink == true {
                out[path] = Data(("link → " + (try FileManager.default.destinationOfSymbolicLink(atPath: url.path))).utf8)
            } else if v.isDirectory == true {
                out[path + "/"] = Data()
            } else {
                out[path] = try Data(contentsOf: url)
            }
        }
        return out
    }

    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    @Test func twoBuildProcessesInTwoPlacesMakeTheSameBytes() throws {
        let s = try Scratch()
        try demo(s, into: "one")
        try demo(s, into: "elsewhere/two")
        let first = try Beian.run(["build", "--bundles", "bundles", "--content", "content", "--out", "site"], in: s.path("one"), timeout: 120)
        #expect(first.status == 0, "\(first)")
        let second = try Beian.run(["build", "--bundles", "bundles", "--content", "content", "--out", "public/site"],
                                   in: s.path("elsewhere/two"), timeout: 120)
        #expect(second.status == 0, "\(second)")
        let a = try Self.tree(s.path("one/site")), b = try Self.tree(s.path("elsewhere/two/public/site"))
        #expect(a.count > 50 && a.keys.contains("search/manifest.json") && a.keys.contains("filings.json"))
        #expect(Self.differences(a, b) == [], "the two builds differ")
    }

    /// The live site is whole after a build killed at each step of a rebuild, and of a first build.
    @Test func aBuildKilledAfterAnyStepLeavesTheLiveSiteWhole() throws {
        let s = try Scratch()
        try demo(s)
        let notice = "---\ntitle: 崩溃测试公告\ndate: 2026-11-30\n---\n\n第二个站点版本。\n"
        // The two versions of the site, each built fresh into its own folder.
        #expect(try Beian.run(["build", "--out", "ref-a", "--no-keep-previous"], in: s.url, timeout: 120).status == 0)
        try s.write(notice, to: "content/announcements/2026-11-30-crash.md")
        #expect(try Beian.run(["build", "--out", "ref-b", "--no-keep-previous"], in: s.url, timeout: 120).status == 0)
        let versions = [try Self.tree(s.path("ref-a")), try Self.tree(s.path("ref-b"))]
        try #require(!Self.differences(versions[0], versions[1]).isEmpty)
        try FileManager.default.removeItem(at: s.path("content/announcements/2026-11-30-crash.md"))

        // A first build, killed before its site exists: no site, then a build makes it.
        for step in Self.beforeSwap + ["copy for the next build"] {
            let r = try Beian.run(["build"], in: s.url, env: ["BEIAN_FAULT": "build:\(step)"], timeout: 120)
            #expect(r.killed, "killed after \(step): \(r)")
            #expect(!FileManager.default.fileExists(atPath: s.path("site").path), "no half site after a first build killed after \(step)")
        }
        var live = 0
        var r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        #expect(Self.differences(try Self.tree(s.path("site")), versions[live]) == [])

        // Rebuilds: each one toggles the announcement, so the new site differs from the live one.
        for step in Self.beforeSwap + Self.afterSwap {
            let next = 1 - live
            if next == 1 {
                try s.write(notice, to: "content/announcements/2026-11-30-crash.md")
            } else {
                try FileManager.default.removeItem(at: s.path("content/announcements/2026-11-30-crash.md"))
            }
            r = try Beian.run(["build"], in: s.url, env: ["BEIAN_FAULT": "build:\(step)"], timeout: 120)
            #expect(r.killed, "killed after \(step): \(r)")
            let expected = Self.afterSwap.contains(step) ? next : live
            let diff = Self.differences(try Self.tree(s.path("site")), versions[expected])
            #expect(diff == [], "killed after \(step): the live site is not the \(expected == live ? "old" : "new") one whole: \(diff.prefix(10))")
            // The next build clears the leftovers and makes the new site.
            r = try Beian.run(["build"], in: s.url, timeout: 120)
            #expect(r.status == 0, "after a kill at \(step): \(r)")
            #expect(Self.differences(try Self.tree(s.path("site")), versions[next]) == [], "the build after a kill at \(step)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: s.url.path).filter { $0.contains(".building-") || $0.contains(".old-") }
            #expect(leftovers == [], "after a kill at \(step)")
            live = next
        }
    }
}
