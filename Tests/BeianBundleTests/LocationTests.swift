import BeianBundle
import BeianDiagnostics
import Foundation
import Testing

/// Exact 1-based `line:column` of what the loader reports. Columns count Unicode scalars, so
/// Chinese text before a problem on the same line counts one column per character.
@Suite struct LocationTests {
    static let entity = "entity.yaml", product = "products/news-app.yaml"
    static let algorithm = "algorithms/feed-ranking/algorithm.yaml"

    /// `CODE path:line:col field` for each diagnostic after applying `edits` to a copy of `valid`.
    func findings(_ edits: [(file: String, old: String, new: String)]) throws -> [String] {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        for e in edits { try scratch.edit("b/\(e.file)", replacing: e.old, with: e.new) }
        return scratch.load("b").diagnostics.map {
            "\($0.code.rawValue) \(scratch.relative($0.location))\($0.field.map { " " + $0.key } ?? "")"
        }
    }

    /// Expects exactly `expected` after replacing `old` by `new` in `file`.
    func expect(_ file: String, _ old: String, _ new: String, _ expected: [String],
                sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let found = try findings([(file, old, new)])
        #expect(found == expected, sourceLocation: sourceLocation)
    }

    // MARK: values

    @Test func valueOfATopLevelKey() throws {
        try expect(Self.entity, "kind: 企业", "kind: 公司", ["F204 b/entity.yaml:5:7 kind"])
    }

    @Test func quotedValueOfANestedKey() throws {
        try expect(Self.entity, #"mobile: "13800138000""#, #"mobile: "1380013800""#, ["F209 b/entity.yaml:24:11 security_officer.mobile"])
    }

    @Test func valueAfterChineseOnTheSameLine() throws {
        // `    steps: [打开App, 首页, ` is 23 scalars (43 bytes): the inner list starts at column 24.
        try expect(Self.product, "steps: [打开App, 首页, 推荐]", "steps: [打开App, 首页, [推荐]]", ["F202 b/products/news-app.yaml:11:24 paths[1].steps[3]"])
    }

    @Test func itemOfANestedListInTheSecondPath() throws {
        let long = String(repeating: "长", count: 101)
        try expect(Self.product, "name: 资讯搜索", "name: \(long)", ["F205 b/products/news-app.yaml:20:15 paths[2].functions[1].name"])
    }

    @Test func itemOfAFlowListInADeepMapping() throws {
        try expect(Self.algorithm, "modalities: [文本, 图像]", "modalities: [文本, 图片]", ["F204 b/algorithms/feed-ranking/algorithm.yaml:19:22 details.data.modalities[2]"])
    }

    // MARK: keys

    @Test func unknownNestedKeyAndTheKeyItReplaced() throws {
        try expect(Self.entity, "  type: 营业执照", "  tpye: 营业执照", [
            "F203 b/entity.yaml:10:1 certificate.type",   // missing: reported at `certificate:`
            "F201 b/entity.yaml:11:3 certificate.tpye",   // unknown: at the key itself
        ])
    }

    @Test func unknownKeyInAListItem() throws {
        try expect(Self.product, "        name: 首页推荐", "        nmae: 首页推荐", [
            "F203 b/products/news-app.yaml:13:9 paths[1].functions[1].name",  // missing: at the item
            "F201 b/products/news-app.yaml:14:9 paths[1].functions[1].nmae",
        ])
    }

    @Test func unknownTopLevelKeySuggestsTheNearestKnownOne() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        try scratch.edit("b/entity.yaml", replacing: "website:", with: "websites:")
        let d = try #require(scratch.load("b").diagnostics.first { $0.code == .unknownKey })
        #expect(scratch.relative(d.location) == "b/entity.yaml:8:1")
        #expect(d.help.en == "did you mean `website`?")
        #expect(d.help.zh == "是否想写 `website`？")
    }

    // MARK: missing keys

    @Test func missingKeyIsReportedAtItsParentKey() throws {
        try expect(Self.entity, "  scan: attachments/business-licence.png\n", "", ["F203 b/entity.yaml:10:1 certificate.scan"])
    }

    @Test func missingKeyTwoLevelsDown() throws {
        try expect(Self.algorithm, "    kind: 深度学习排序模型\n", "", ["F203 b/algorithms/feed-ranking/algorithm.yaml:25:3 details.model.kind"])
    }

    @Test func missingBlockReportsEachOfItsFieldsAtTheFileStart() throws {
        let legal = "legal_representative:\n  name: 王建国\n  id_type: 居民身份证\n  id_number: \"110108198503072013\"\n"
        try expect(Self.entity, legal, "", [
            "F203 b/entity.yaml:2:1 legal_representative.id_number",
            "F203 b/entity.yaml:2:1 legal_representative.id_type",
            "F203 b/entity.yaml:2:1 legal_representative.name",
        ])
    }

    @Test func emptyValueIsReportedWhereTheValueShouldBe() throws {
        try expect(Self.entity, "name: 北京星辰智联科技有限公司", "name:", ["F203 b/entity.yaml:3:6 name"])
        try expect(Self.entity, "name: 北京星辰智联科技有限公司", #"name: """#, ["F203 b/entity.yaml:3:7 name"])
    }

    // MARK: duplicate keys

    @Test func duplicateTopLevelKeyIsReportedAtTheRepeat() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        try scratch.edit("b/entity.yaml", replacing: "kind: 企业\n", with: "kind: 企业\naddress: 北京\n")
        let diagnostics = scratch.load("b").diagnostics
        #expect(diagnostics.map { "\($0.code.rawValue) \(scratch.relative($0.location))" } == ["Y102 b/entity.yaml:8:1"])
        #expect(diagnostics.first?.message.en == "key 'address' appears again in the same mapping (first on line 6)")
    }

    @Test func duplicateKeyInsideAListItem() throws {
        try expect(Self.product, "    functions:\n      - id: news-search\n",
                             "    functions:\n      - id: news-search\n        id: search2\n", ["Y102 b/products/news-app.yaml:20:9"])
    }

    @Test func duplicateKeyInAFlowMappingFallsBackToTheFirst() throws {
        try expect(Self.entity, "kind: 企业", "kind: {a: 1, a: 2}", ["Y102 b/entity.yaml:5:8"])
    }

    // MARK: YAML syntax

    @Test func colonInsideAPlainValueAfterChinese() throws {
        // `address: 北京市海淀区` is 15 scalars; the second colon is column 16 (byte 28).
        try expect(Self.entity, "address: 北京市海淀区中关村", "address: 北京市海淀区: 中关村", ["Y101 b/entity.yaml:7:16"])
    }

    @Test func tabIndentation() throws {
        try expect(Self.entity, "  title: 首席安全官", "\ttitle: 首席安全官", ["Y101 b/entity.yaml:21:1"])
    }

    @Test func unclosedBracketNamesWhereItOpened() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        try scratch.edit("b/products/news-app.yaml", replacing: "[打开App, 首页, 推荐]", with: "[打开App, 首页, 推荐")
        let d = try #require(scratch.load("b").diagnostics.first)
        #expect(d.code == .yamlSyntax)
        #expect(scratch.relative(d.location) == "b/products/news-app.yaml:12:14")
        #expect(d.message.en.contains("(from 11:12)"))
    }

    @Test func unclosedQuoteReportsTheEndAndTheStart() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        try scratch.edit("b/entity.yaml", replacing: "report: attachments/", with: "report: \"attachments/")
        let d = try #require(scratch.load("b").diagnostics.first)
        #expect(d.code == .yamlSyntax)
        #expect(scratch.relative(d.location) == "b/entity.yaml:29:1")
        #expect(d.message.en == "YAML syntax error: while scanning a quoted scalar (from 28:26) found unexpected end of stream")
    }

    // MARK: invalid UTF-8

    @Test(arguments: [
        // bytes, line, column, byte offset of the first bad byte
        (Array("address: 北京市海淀区".utf8) + [0xFF] + Array("中关村 \u{FF}\n".utf8), 1, 16, 27),
        (Array("a: 1\nb: 2\n北京\n名称: ".utf8) + [0xB1, 0xB1, 0xBE, 0xA9] + [0x0A], 4, 5, 25),  // GBK 北京
        (Array("name: 北京".utf8) + [0xE5, 0x8C], 1, 9, 12),                                  // truncated at the end
        ([0xEF, 0xBB, 0xBF] + Array("name: ".utf8) + [0xC0, 0xAF], 1, 7, 9),                  // BOM, then overlong
        (Array("name: x\r\nkind: ".utf8) + [0xED, 0xA0, 0x80], 2, 7, 15),                     // a UTF-16 surrogate
    ] as [([UInt8], Int, Int, Int)])
    func firstInvalidByte(_ bytes: [UInt8], _ line: Int, _ column: Int, _ offset: Int) throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        try scratch.write(Data(bytes), to: "b/entity.yaml")
        let diagnostics = scratch.load("b").diagnostics
        #expect(diagnostics.map { "\($0.code.rawValue) \(scratch.relative($0.location))" } == ["B004 b/entity.yaml:\(line):\(column)"])
        #expect(diagnostics.first?.message.en == "byte \(offset) starts an invalid UTF-8 sequence")
    }

    // MARK: order

    @Test func findingsAcrossFilesAreSortedByPathLineAndColumn() throws {
        let found = try findings([
            (Self.entity, "email: security@xingchen-zl.cn", "email: security"),
            (Self.entity, "kind: 企业", "kind: 公司"),
            (Self.algorithm, "launched_on: 2023-05-18", "launched_on: 2023-5-18"),
            (Self.product, "form: APP", "form: App"),
        ])
        #expect(found == [
            "F206 b/algorithms/feed-ranking/algorithm.yaml:8:14 launched_on",
            "F204 b/entity.yaml:5:7 kind",
            "F208 b/entity.yaml:25:10 security_officer.email",
            "F204 b/products/news-app.yaml:3:7 form",
        ])
    }
}
