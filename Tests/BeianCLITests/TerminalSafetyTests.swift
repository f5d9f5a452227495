import Foundation
import Testing

/// Filer text reaches the reviewer's terminal with its controls shown, never obeyed: every
/// command that prints a name, a purpose, a disclosure or a message quoting a value goes
/// through `Console`, which escapes them as `\uXXXX`.
@Suite struct TerminalSafetyTests {
    static let attest = ["--attest", "我承诺上述填报信息真实有效"]

    /// Byte sequences a terminal acts on or that reorder or hide text: C0 controls (other than
    /// LF and TAB), DEL, C1 controls in UTF-8 (C2 80–C2 9F), U+202E and U+200B.
    static func unsafeBytes(_ s: String) -> [String] {
        let bytes = Array(s.utf8)
        var found: [String] = []
        for (i, b) in bytes.enumerated() {
            if (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F { found.append(String(format: "%02X at %d", b, i)) }
            if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { found.append(String(format: "C2 %02X at %d", bytes[i + 1], i)) }
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, [0x8B, 0xAE].contains(bytes[i + 2]) { found.append("E2 80 \(bytes[i + 2]) at \(i)") }
        }
        return found
    }

    /// The submitter's name as given with `--by`: recorded in the ledger as typed.
    static let hostileActor = "填报\u{1B}]0;PWNED\u{7}人员\u{202E}"

    /// A bundle `b` submitted by a hostile `--by` name, whose files were then made hostile:
    /// entity name, algorithm name, purpose, a list entry, an enum value (quoted back by F204)
    /// and the disclosure. (A submission itself cannot carry them any more: F220 refuses them,
    /// and review commands show the submitted bytes, not these later edits.)
    func hostileRegistry(_ s: borrowing Scratch) throws {
        try s.copy("valid", as: "b")
        #expect(try Beian.run(["submit", "b", "--by", Self.hostileActor] + Self.attest, in: s.url).status == 0)
        try s.edit("b/entity.yaml", replacing: "name: 北京星辰智联科技有限公司", with: "name: \"北京星辰\\e]0;PWNED\\a智联\\u202E科技\\0有限公司\"")
        let algorithm = "b/algorithms/feed-ranking/algorithm.yaml"
        try s.edit(algorithm, replacing: "name: 星辰资讯个性化推荐算法", with: "name: \"\\e[1A\\e[2K星辰\\x9B31m推荐\\u200B算法\"")
        try s.edit(algorithm, replacing: "domains: [新闻资讯]", with: "domains: [\"新闻\\x7F资讯\\e[H\"]")
        try s.edit(algorithm, replacing: "purpose: 应用于", with: "purpose: \"\\e]8;;https://evil.example\\a\\x85\"\n# 应用于")
        try s.edit(algorithm, replacing: "type: 个性化推送类", with: "type: \"个性化\\e[2K推送类\"")
        let disclosure = s.path("b/algorithms/feed-ranking/disclosure.md")
        try s.write(try s.read("b/algorithms/feed-ranking/disclosure.md") + "尾注\u{1B}[31m红\u{7}\u{0}\u{9B}\n", to: "b/algorithms/feed-ranking/disclosure.md")
        _ = disclosure
    }

    @Test(arguments: [
        ["validate", "b"],
        ["validate", "--format", "json", "b"],
        ["review", "list", "--registry", "."],
        ["review", "list", "--registry", ".", "--json"],
        ["review", "show", "b", "entity"],
        ["review", "show", "b", "algorithm:feed-ranking"],
        ["review", "show", "b", "algorithm:feed-ranking", "--json"],
        ["status", "b"],
        ["drafts", "b"],
    ])
    func noCommandPrintsRawControls(_ args: [String]) throws {
        let s = try Scratch()
        try hostileRegistry(s)
        let run = try Beian.run(args, in: s.url)
        #expect(Self.unsafeBytes(run.stdout).isEmpty, "\(run)")
        #expect(Self.unsafeBytes(run.stderr).isEmpty, "\(run)")
        #expect(!run.stdout.isEmpty)
    }

    @Test func theControlsAreShownEscaped() throws {
        let s = try Scratch()
        try hostileRegistry(s)
        let escapedActor = "填报\\u001B]0;PWNED\\u0007人员\\u202E"
        var run = try Beian.run(["review", "show", "b", "entity"], in: s.url)
        #expect(run.stdout.contains(escapedActor), "\(run)")
        run = try Beian.run(["review", "show", "b", "algorithm:feed-ranking"], in: s.url)
        #expect(run.stdout.contains(escapedActor), "\(run)")
        run = try Beian.run(["review", "list", "--registry", "."], in: s.url)
        #expect(run.stdout.contains(escapedActor), "\(run)")
        // The live files' hostile text, as `status` and `drafts` show it.
        run = try Beian.run(["status", "b"], in: s.url)
        #expect(run.stdout.contains("\\u001B[1A\\u001B[2K星辰\\u009B31m推荐\\u200B算法"), "\(run)")
        run = try Beian.run(["validate", "b"], in: s.url)
        #expect(run.status == 1)
        #expect(run.stdout.contains("b/entity.yaml:3:7: error[F220]: name (主体名称 / entity name): character 5 is U+001B ESC, a control character (4 in all)"), "\(run)")
        #expect(run.stdout.contains("error[F204]: type (算法类型 / algorithm type): '个性化\\u001B[2K推送类'"), "\(run)")
        // JSON keeps the value: the escape is JSON's own.
        run = try Beian.run(["review", "show", "b", "entity", "--json"], in: s.url)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(json?["submitted_by"] as? String == "填报\u{1B}]0;PWNED\u{7}人员\u{202E}")
    }

    @Test func aListOf200000EntriesIsRefusedQuickly() throws {
        let s = try Scratch()
        try s.copy("valid", as: "b")
        try s.edit("b/algorithms/feed-ranking/algorithm.yaml", replacing: "domains: [新闻资讯]",
                   with: "domains: [" + Array(repeating: "a", count: 200_000).joined(separator: ", ") + "]")
        let run = try Beian.run(["validate", "b"], in: s.url, timeout: 60)
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("b/algorithms/feed-ranking/algorithm.yaml:5:10: error[F205]: domains (应用领域 / application domains): at most 17 entries, has 200000"), "\(run)")
        // Mostly parsing 600 KB of YAML (about a second). The limit guards against a pass that
        // compares entries pairwise (minutes at 200,000), with room for a loaded machine.
        #expect(run.seconds < 30, "took \(run.seconds) s")
    }
}
