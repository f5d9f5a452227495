import Foundation
import Testing

/// `review list` shows the oldest items first, 100 as a table unless told otherwise, and says
/// how many more there are — from the index in an initialized registry (so its cost does not
/// grow with the queue) and from the ledgers in a plain folder alike. JSON lists everything
/// unless `--limit` is given.
@Suite struct ReviewListLimitTests {
    let attest = ["--attest", "我承诺上述填报信息真实有效"]

    func queue(_ s: Scratch, _ args: [String]) throws -> [[String: Any]] {
        let r = try CLI.run(["review", "list", "--registry", ".", "--json"] + args, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    }

    @Test(arguments: [false, true])
    func theOldestAreShownAndTheRestCounted(initialized: Bool) throws {
        let s = try Scratch()
        if initialized {
            try FileManager.default.createDirectory(at: s.path("keys"), withIntermediateDirectories: true)
            #expect(try CLI.run(["key", "new", "keys/registry.key", "--name", "reg", "--kind", "registry"], cwd: s.root).status == 0)
            #expect(try CLI.run(["registry", "init", "--registry", ".", "--key", "keys/registry.key"], cwd: s.root).status == 0)
        }
        #expect(try CLI.run(["submit", "xc"] + attest, cwd: s.root).status == 0)
        let all = try queue(s, [])
        #expect(all.count >= 3)
        #expect(FileManager.default.fileExists(atPath: s.path(".beian-registry/index.sqlite").path) == initialized)

        // The first two, in the order of the whole list.
        let two = try queue(s, ["--limit", "2"])
        #expect(two.map { $0["item"] as? String } == all.prefix(2).map { $0["item"] as? String })

        var r = try CLI.run(["review", "list", "--registry", ".", "--limit", "2", "--lang", "en"], cwd: s.root)
        #expect(r.status == 0)
        #expect(r.stdout.contains("… and \(all.count - 2) more awaiting review (\(all.count) in all; the oldest 2 are shown, --all shows every one)"), "\(r.stdout)")
        // Each row shows its submission digest (16 digits): the first two rows only.
        let digests = all.compactMap { ($0["submission"] as? String).map { String($0.prefix(16)) } }
        #expect(Set(digests).count == all.count)
        #expect(digests.filter { r.stdout.contains($0) } == Array(digests.prefix(2)), "\(r.stdout)")
        r = try CLI.run(["review", "list", "--registry", ".", "--all", "--limit", "2", "--lang", "en"], cwd: s.root)
        #expect(!r.stdout.contains("more awaiting review") && digests.allSatisfy { r.stdout.contains($0) }, "\(r.stdout)")
        r = try CLI.run(["review", "list", "--registry", ".", "--lang", "en"], cwd: s.root)
        #expect(!r.stdout.contains("more awaiting review"))
        r = try CLI.run(["review", "list", "--registry", ".", "--limit", "0"], cwd: s.root)
        #expect(r.status != 0 && r.stderr.contains("--limit"), "\(r.stderr)")
    }
}
