@testable import BeianBundle
import BeianDiagnostics
import Foundation
import Testing

/// Behaviour of single rules that the goldens do not pin down.
@Suite struct RuleTests {
    func load(_ edits: (borrowing Scratch) throws -> Void) throws -> [String] {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        try edits(scratch)
        return scratch.load("b").diagnostics.map { "\($0.code.rawValue) \(scratch.relative($0.location))" }
    }

    @Test func disclosureWithWindowsLineEndings() throws {
        let found = try load { s in
            let file = s.url.appendingPathComponent("b/algorithms/feed-ranking/disclosure.md")
            let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
            try s.write(text, to: "b/algorithms/feed-ranking/disclosure.md")
        }
        #expect(found.isEmpty)
    }

    @Test func yamlWithWindowsLineEndings() throws {
        let found = try load { s in
            let text = try String(contentsOf: s.url.appendingPathComponent("b/entity.yaml"), encoding: .utf8)
            try s.write(text.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "kind: 企业", with: "kind: 公司"),
                        to: "b/entity.yaml")
        }
        #expect(found == ["F204 b/entity.yaml:5:7"])
    }

    @Test func duplicateKeyInAWindowsFileIsFoundAtTheRepeat() throws {
        let found = try load { s in
            let text = try String(contentsOf: s.url.appendingPathComponent("b/entity.yaml"), encoding: .utf8)
            try s.write(text.replacingOccurrences(of: "kind: 企业\n", with: "kind: 企业\nname: 重复\n")
                            .replacingOccurrences(of: "\n", with: "\r\n"), to: "b/entity.yaml")
        }
        #expect(found == ["Y102 b/entity.yaml:6:1"])
    }

    @Test func aSharedAttachmentIsReportedWhereverItIsNamed() throws {
        let found = try load { s in
            try s.edit("b/entity.yaml", replacing: "commitment_letter: attachments/commitment-letter.pdf",
                       with: "commitment_letter: attachments/missing.pdf")
            try s.edit("b/entity.yaml", replacing: "responsibility_report: attachments/responsibility-report.pdf",
                       with: "responsibility_report: attachments/missing.pdf")
        }
        #expect(found == ["A501 b/entity.yaml:27:22", "A501 b/entity.yaml:28:26"])
    }

    @Test func oneScanMayServeSeveralFields() throws {
        let found = try load { s in
            try s.edit("b/entity.yaml", replacing: "responsibility_report: attachments/responsibility-report.pdf",
                       with: "responsibility_report: attachments/commitment-letter.pdf")
        }
        #expect(found.isEmpty)
    }

    /// Plain scalars are typed as YAML 1.1 does, as far as the rules care.
    @Test(arguments: [
        ("real_name_required: true", "real_name_required: \"true\"", ["F216 b/products/news-app.yaml:7:21"]),
        ("real_name_required: true", "real_name_required: True", ["F216 b/products/news-app.yaml:7:21"]),
        ("real_name_required: true", "real_name_required: false", []),
        ("real_name_required: true", "real_name_required: ~", ["F203 b/products/news-app.yaml:7:21"]),
        ("real_name_required: true", "real_name_required: null", ["F203 b/products/news-app.yaml:7:21"]),
        ("name: 星辰资讯", "name: \"null\"", []),
        ("name: 星辰资讯", "name: 2048", []),
        ("name: 星辰资讯", "name: !!str null", []),
    ])
    func scalarTyping(_ old: String, _ new: String, _ expected: [String]) throws {
        let found = try load { s in try s.edit("b/products/news-app.yaml", replacing: old, with: new) }
        #expect(found == expected)
    }

    @Test(arguments: [
        ("~", YAMLScalar.Resolved.null), ("null", .null), ("", .null), ("true", .bool), ("off", .bool),
        ("12", .int), ("-3", .int), ("1_000", .int), ("1.5", .float), ("123456", .int),
        ("1.5.6", .string), ("北京", .string), ("nullable", .string), ("truex", .string),
    ])
    func plainScalarResolution(_ text: String, _ expected: YAMLScalar.Resolved) throws {
        let (value, _) = YAMLReader.parse("k: \(text)\n", path: "f.yaml")
        guard case .scalar(let s)? = value?["k"] else { Issue.record("no scalar"); return }
        #expect(s.resolved == expected)
    }
}
