@testable import BeianBundle
import BeianDiagnostics
import Foundation
import Testing

/// F220 (`TextSafetyRule`), list limits and the disclosure's sections as the renderer sees them.
@Suite struct TextSafetyRuleTests {
    /// `code path:line:col` of every finding after `edits` on a copy of the valid fixture.
    func load(_ edits: (borrowing Scratch) throws -> Void) throws -> [String] {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        try edits(scratch)
        return scratch.load("b").diagnostics.map { "\($0.code.rawValue) \(scratch.relative($0.location))" }
    }

    func messages(_ edits: (borrowing Scratch) throws -> Void) throws -> [String] {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        try edits(scratch)
        return scratch.load("b").diagnostics.map { $0.code.rawValue + " " + $0.message.en }
    }

    static let entity = "b/entity.yaml", algorithm = "b/algorithms/feed-ranking/algorithm.yaml"
    static let disclosure = "b/algorithms/feed-ranking/disclosure.md"

    @Test(arguments: [
        ("\"北京星辰\\e]0;PWNED\\a智联科技有限公司\"", "character 5 is U+001B ESC, a control character (2 in all)"),
        ("\"北京星辰\\u200B智联科技有限公司\"", "character 5 is U+200B ZERO WIDTH SPACE, an invisible character"),
        ("\"\\u202E司公限有技科联智辰星京北\"", "character 1 is U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control"),
        ("\"\\n北京星辰智联科技有限公司\"", "character 1 is U+000A LF, a line break"),
        ("\"北京星辰智联科技有限公司\\n\"", "character 13 is U+000A LF, a line break"),
        ("北京星辰智联科技有限公司\u{3000}", "ends with white space, U+3000 IDEOGRAPHIC SPACE"),
        ("\"\u{00A0}北京星辰智联科技有限公司\"", "starts with white space, U+00A0 NO-BREAK SPACE"),
    ])
    func oneLineFieldsRefuseUnsafeText(_ value: String, _ message: String) throws {
        let found = try messages { s in
            try s.edit(Self.entity, replacing: "name: 北京星辰智联科技有限公司", with: "name: \(value)")
        }
        #expect(found == ["F220 " + message])
    }

    @Test func theFindingIsLocatedAtTheValueAndNamesTheField() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        try scratch.edit(Self.algorithm, replacing: "domains: [新闻资讯]", with: "domains: [新闻资讯, \"电子\\x9B商务\"]")
        let d = try #require(scratch.load("b").diagnostics.first)
        #expect(scratch.relative(d.location) == "b/algorithms/feed-ranking/algorithm.yaml:5:17")
        #expect(d.code == .unsafeCharacter && d.field?.key == "domains[2]")
        #expect(d.message.en == "character 3 is U+009B CSI, a control character")
    }

    @Test func multiLineFieldsAllowTabsAndLineBreaksOnly() throws {
        #expect(try load { s in
            try s.edit(Self.algorithm, replacing: "purpose: 应用于首页信息流，", with: "purpose: \"\\t应用于首页\\n信息流，\"\n# ")
        }.isEmpty)
        #expect(try load { s in
            try s.edit(Self.algorithm, replacing: "purpose: 应用于首页信息流，", with: "purpose: \"\\e[1A\\e[2K应用于首页信息流，\"\n# ")
        } == ["F220 \(Self.algorithm):7:10"])
        for stray in ["\\r", "\\v", "\\N", "\\L"] {  // CR, VT, NEL, U+2028
            #expect(try load { s in
                try s.edit(Self.algorithm, replacing: "purpose: 应用于首页信息流，", with: "purpose: \"应用于首页\(stray)信息流，\"\n# ")
            } == ["F220 \(Self.algorithm):7:10"], "\(stray)")
        }
    }

    @Test func theDisclosureIsCheckedAtEachCharacter() throws {
        let found = try load { s in
            let text = try String(contentsOf: s.url.appendingPathComponent(Self.disclosure), encoding: .utf8)
            try s.write(text + "尾注\u{1B}[31m红\u{7}\u{0}\n\t缩进\u{2066}\r\n", to: Self.disclosure)
        }
        let lines = try String(contentsOf: Fixtures.root.appendingPathComponent("valid/algorithms/feed-ranking/disclosure.md"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(found == ["F220 \(Self.disclosure):\(lines):3", "F220 \(Self.disclosure):\(lines):9", "F220 \(Self.disclosure):\(lines):10",
                          "F220 \(Self.disclosure):\(lines + 1):4"])
    }

    @Test func aHostileDisclosureGetsAtMostTwentyFindings() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        try scratch.write(String(repeating: "\u{1B}", count: 100_000) + "\n", to: Self.disclosure)
        let f220 = scratch.load("b").diagnostics.filter { $0.code == .unsafeCharacter }
        #expect(f220.count == TextSafetyRule.maxReportedPerFile)
        #expect(f220.last?.message.en.hasSuffix("(99980 more not listed)") == true)
    }

    @Test func aRepeatedListEntryIsFoundAtTheRepeat() throws {
        #expect(try load { s in
            try s.edit(Self.algorithm, replacing: "domains: [新闻资讯]", with: "domains: [新闻资讯, 电子商务, 新闻资讯]")
        } == ["F214 \(Self.algorithm):5:23"])
    }

    /// A list of 200,000 entries is refused as quickly as it was parsed: a list of choices
    /// (应用领域) and a list of text (使用场景), one after the other (each timed on its own).
    /// The counts of findings show the entries past the bound are never looked at; the time
    /// limit is a guard against a pass that compares entries pairwise (minutes at 200,000),
    /// with room for a debug build on a loaded machine — speed itself is for Benchmarks/.
    static let quadraticGuard: TimeInterval = 30

    @Test func aListOf200000EntriesIsRefusedQuickly() throws {
        var start = Date()
        var found = try load { s in
            try s.edit(Self.algorithm, replacing: "domains: [新闻资讯]",
                       with: "domains: [" + Array(repeating: "a", count: 200_000).joined(separator: ", ") + "]")
        }
        // One finding for the length; the entries are looked at among the first 17 only (as
        // many as there are 应用领域 to choose from): each not a choice, each after the first a repeat.
        #expect(found.first == "F205 \(Self.algorithm):5:10")
        #expect(found.filter { $0.hasPrefix("F204 ") }.count == BundleSchema.domains.count, "\(found.count)")
        #expect(found.filter { $0.hasPrefix("F214 ") }.count == BundleSchema.domains.count - 1)
        #expect(Date().timeIntervalSince(start) < Self.quadraticGuard)

        start = Date()
        found = try load { s in
            try s.edit(Self.algorithm, replacing: "scenarios: [首页信息流推荐]",
                       with: "scenarios: [" + Array(repeating: "a", count: 200_000).joined(separator: ", ") + "]")
        }
        // One finding for the length; the repeats are looked for among the first 100 only.
        #expect(found.first == "F205 \(Self.algorithm):6:12")
        #expect(found.dropFirst().allSatisfy { $0.hasPrefix("F214 ") } && found.count == 100)
        #expect(Date().timeIntervalSince(start) < Self.quadraticGuard)
    }

    /// The renderer reads `<!-- x --> text` as one HTML block ending on its line; the check
    /// used to read everything after it as an unclosed comment and report D401 at the end.
    @Test func aCommentFollowedByTextOnTheSameLineHidesNothing() throws {
        #expect(try load { s in
            try s.edit(Self.disclosure, replacing: "## 算法基本原理\n", with: "<!-- 请填写 --> 说明\n\n## 算法基本原理\n")
        }.isEmpty)
    }

    @Test func aHeadingInsideFencedCodeIsNoSection() throws {
        let found = try load { s in
            try s.edit(Self.disclosure, replacing: "## 算法运行机制\n", with: "```\n## 算法运行机制\n```\n")
        }
        #expect(found.map { String($0.prefix(4)) } == ["D401"])
    }

    @Test func aSectionHoldingOnlyRawHTMLIsEmpty() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        let text = try String(contentsOf: scratch.url.appendingPathComponent(Self.disclosure), encoding: .utf8)
        let start = try #require(text.range(of: "## 算法运行机制\n"))
        let end = try #require(text.range(of: "## 算法应用场景"))
        try scratch.write(text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: "\n<div>仅有 HTML</div>\n\n"), to: Self.disclosure)
        #expect(scratch.load("b").diagnostics.map(\.code) == [.emptySection])
    }
}
