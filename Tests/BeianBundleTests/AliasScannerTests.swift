@testable import BeianBundle
import BeianDiagnostics
import Testing

/// The lexer that refuses YAML aliases before Yams composes them (alias bombs): it must find
/// every alias and must not mistake text for one.
@Suite struct AliasScannerTests {
    @Test(arguments: [
        ("a: *x", 1, 4),
        ("list:\n  - *x", 2, 5),
        ("a: [b, *x]", 1, 8),
        ("a: {k: *x}", 1, 8),
        ("? *x\n: 1", 1, 3),
        ("a: [b,\n    *x]", 2, 5),
        ("--- *x", 1, 5),
        ("a: &x [1]\nb: *x", 2, 4),
        ("a: \"quoted\"\nb: *x", 2, 4),
        ("a: |\n  *text*\nb: *x", 3, 4),
        ("名称: 北京\n别名: *x", 2, 5),
        ("purpose: **加粗**的说明", 1, 10),  // YAML reads this as an alias too: the help says to quote it
    ])
    func findsTheAlias(_ text: String, _ line: Int, _ column: Int) {
        let found = AliasScanner.aliases(in: text)
        #expect(found.count == 1)
        #expect(found.first.map { [$0.line, $0.column] } == [line, column])
    }

    @Test(arguments: [
        "name: R&D 中心 *2",
        "text: 5 * 3 = 15",
        "text: a*b",
        "url: https://example.cn/*",
        "text: \"*quoted*\"",
        "text: '*single* and ''*escaped*'''",
        "text: \"multi\n  *line* \\\" still quoted\"",
        "a: 1 # *comment*",
        "# *a comment line*",
        "text: |\n  *bold*\n  - *item*\nnext: 1",
        "text: >-\n  *folded*\n\n  *after a blank line*\n",
        "list: [\"*a*\", '*b*']",
    ])
    func ignoresText(_ text: String) {
        #expect(AliasScanner.aliases(in: text).isEmpty)
    }

    @Test func stopsAtTheLimit() {
        let text = "a: [" + Array(repeating: "*x", count: 50).joined(separator: ", ") + "]"
        #expect(AliasScanner.aliases(in: text, limit: 10).count == 10)
    }

    /// An anchor without an alias still reaches the converter, which must see it (the anchor is
    /// held weakly by the node and owned by the parser).
    @Test func anAnchorAloneIsReportedWhereItStands() {
        let (_, diagnostics) = YAMLReader.parse("name: x\ndomains: &d [新闻资讯]\n", path: "f.yaml")
        #expect(diagnostics.map(\.code) == [.anchorsNotAllowed])
        #expect(diagnostics.first?.location.description == "f.yaml:2:10")
    }

    @Test func anAliasRefusesTheFileBeforeParsing() {
        let (value, diagnostics) = YAMLReader.parse("a: &x [1]\nb: *x\nc: *x\n", path: "f.yaml")
        #expect(value == nil)
        #expect(diagnostics.map(\.location.description) == ["f.yaml:2:4", "f.yaml:3:4"])
        #expect(diagnostics.allSatisfy { $0.code == .anchorsNotAllowed })
    }
}
