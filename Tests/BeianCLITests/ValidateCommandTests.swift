import Foundation
import Testing

/// `beian validate`: output, exit codes (0 ok · 1 findings · 2 I/O · 64 usage), formats, languages.
@Suite struct ValidateCommandTests {
    @Test func cleanBundleExitsZero() throws {
        let run = try Beian.run(["validate", "valid"], in: Beian.fixtures)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "✓ 1 bundle valid\n")
        #expect(run.stderr.isEmpty)
    }

    /// Fixtures whose golden the CLI must reproduce as is (B003, D403 and A505 are enlarged at
    /// test time, B008 gets its link at test time, B001 is the missing-folder case below).
    static let goldenFixtures: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Beian.fixtures.path)) ?? []
        return names.filter { $0.count == 4 && !["B001", "B003", "D403", "A505", "B008"].contains($0) }.sorted()
    }()

    /// Every broken fixture: stdout is its golden plus the summary line; exit 1 when it has errors.
    @Test(arguments: goldenFixtures)
    func brokenBundlePrintsItsGolden(_ code: String) throws {
        let expected = try String(contentsOf: Beian.fixtures.appendingPathComponent("\(code)/expected.txt"), encoding: .utf8)
        let errors = expected.components(separatedBy: ": error[").count - 1
        let warnings = expected.components(separatedBy: ": warning[").count - 1
        let summary = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in 1 bundle\n"
        let run = try Beian.run(["validate", code], in: Beian.fixtures)
        #expect(run.stdout == expected + summary)
        #expect(run.status == (errors > 0 ? 1 : 0), "\(run)")
        #expect(run.stderr.isEmpty)
    }

    @Test func missingFolderExitsTwo() throws {
        let run = try Beian.run(["validate", "no-such-bundle"], in: Beian.fixtures)
        #expect(run.status == 2, "\(run)")
        #expect(run.stdout.hasPrefix("no-such-bundle:1:1: error[B001]: no bundle folder at 'no-such-bundle'\n"))
    }

    @Test func aMissingFolderAmongGoodOnesStillExitsTwo() throws {
        let run = try Beian.run(["validate", "valid", "F210", "nowhere"], in: Beian.fixtures)
        #expect(run.status == 2, "\(run)")
        #expect(run.stdout.contains("F210/entity.yaml:4:14: error[F210]"))
        #expect(run.stdout.hasSuffix("2 errors, 0 warnings in 3 bundles\n"))
    }

    @Test func severalBundlesAreReportedTogether() throws {
        let run = try Beian.run(["validate", "valid", "F210", "F219"], in: Beian.fixtures)
        #expect(run.status == 1)
        #expect(run.stdout.hasSuffix("1 error, 1 warning in 3 bundles\n"))
    }

    @Test(arguments: [["validate", "--frobnicate", "valid"], ["validate"], ["validate", "--format", "xml", "valid"],
                      ["validate", "--lang", "fr", "valid"], ["no-such-command"]])
    func usageErrorsExit64(_ args: [String]) throws {
        let run = try Beian.run(args, in: Beian.fixtures)
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("Error:"))
        #expect(run.stdout.isEmpty)
    }

    @Test func unknownFlagIsNamed() throws {
        let run = try Beian.run(["validate", "--frobnicate", "valid"], in: Beian.fixtures)
        #expect(run.stderr.contains("Unknown option '--frobnicate'"))
    }

    // MARK: JSON

    @Test func jsonHasEveryField() throws {
        let run = try Beian.run(["validate", "--format", "json", "F210", "F219"], in: Beian.fixtures)
        #expect(run.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 2)
        let first = try #require(items.first)
        #expect(Set(first.keys) == ["code", "severity", "path", "line", "column", "field", "field_zh", "field_en", "message", "help"])
        #expect(first["code"] as? String == "F210")
        #expect(first["severity"] as? String == "error")
        #expect(first["path"] as? String == "F210/entity.yaml")
        #expect(first["line"] as? Int == 4)
        #expect(first["column"] as? Int == 14)
        #expect(first["field"] as? String == "credit_code")
        #expect(first["field_zh"] as? String == "统一社会信用代码")
        #expect(first["field_en"] as? String == "unified social credit code")
        #expect(first["message"] as? String == "check character should be 'D', found 'E'")
        #expect(first["help"] as? String == "copy the 18 characters from the business licence")
        #expect(items.last?["severity"] as? String == "warning")
    }

    @Test func jsonOfACleanBundleIsAnEmptyArray() throws {
        let run = try Beian.run(["validate", "--format", "json", "valid"], in: Beian.fixtures)
        #expect(run.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [Any] != nil)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || run.stdout == "[]\n")
    }

    @Test func jsonOfAMissingFolderStillParses() throws {
        let run = try Beian.run(["validate", "--format", "json", "nowhere"], in: Beian.fixtures)
        #expect(run.status == 2)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(items.map { $0["code"] as? String } == ["B001"])
    }

    // MARK: language

    static let zhF210 = """
        F210/entity.yaml:4:14: error[F210]: credit_code (统一社会信用代码 / unified social credit code): 校验位应为“D”，实为“E”
          帮助: 从营业执照上逐位核对 18 位代码
        共 1 个错误，0 个警告（1 个备案包）

        """
    static let enF210 = """
        F210/entity.yaml:4:14: error[F210]: credit_code (统一社会信用代码 / unified social credit code): check character should be 'D', found 'E'
          help: copy the 18 characters from the business licence
        1 error, 0 warnings in 1 bundle

        """

    @Test(arguments: [
        (["--lang", "zh"], [String: String](), zhF210),
        (["--lang", "en"], [:], enF210),
        ([], ["LANG": "zh_CN.UTF-8"], zhF210),
        ([], ["LANG": "en_US.UTF-8"], enF210),
        (["--lang", "en"], ["LANG": "zh_CN.UTF-8"], enF210),
        ([], ["LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"], enF210),
        ([], ["LANG": "", "LC_MESSAGES": "zh_TW.UTF-8"], zhF210),
    ])
    func language(_ flags: [String], _ env: [String: String], _ expected: String) throws {
        let run = try Beian.run(["validate"] + flags + ["F210"], in: Beian.fixtures, env: env)
        #expect(run.stdout == expected)
        #expect(run.status == 1)
    }

    @Test func cleanBundleInChinese() throws {
        let run = try Beian.run(["validate", "valid"], in: Beian.fixtures, env: ["LANG": "zh_CN.UTF-8"])
        #expect(run.stdout == "✓ 1 个备案包检查通过\n")
    }

    // MARK: drafts

    @Test func draftPrintsCompleteness() throws {
        let run = try Beian.run(["validate", "--draft", "valid"], in: Beian.fixtures)
        #expect(run.status == 0)
        #expect(run.stdout == """
            valid entity: 100% (21/21)
            valid product:news-app: 100% (19/19)
            valid algorithm:feed-ranking: 100% (33/33)
            ✓ 1 bundle valid

            """)
    }

    @Test func draftAcceptsEmptyFieldsButNotWrongOnes() throws {
        let scratch = try Scratch()
        try scratch.copy("valid", as: "b")
        try scratch.edit("b/entity.yaml", replacing: "address: 北京市海淀区中关村大街 27 号 8 层 801 室", with: "address:")
        try scratch.edit("b/entity.yaml", replacing: "kind: 企业", with: "kind: 公司")
        let run = try Beian.run(["validate", "--draft", "b"], in: scratch.url)
        #expect(run.status == 1)
        #expect(run.stdout == """
            b/entity.yaml:5:7: error[F204]: kind (主体类型 / entity kind): '公司' is not an allowed value
              help: allowed: 企业 | 事业单位 | 社会团体 | 民办非企业单位 | 其他
            b entity: 95% (20/21, 1 error)
              missing: b/entity.yaml:7:9 address (registered address)
            b product:news-app: 100% (19/19)
            b algorithm:feed-ranking: 100% (33/33)
            1 error, 0 warnings in 1 bundle

            """)
    }

    @Test func draftJSONCarriesCompleteness() throws {
        let run = try Beian.run(["validate", "--draft", "--format", "json", "valid"], in: Beian.fixtures)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["diagnostics"] as? [Any])?.isEmpty == true)
        let drafts = try #require(object["drafts"] as? [[String: Any]])
        let items = try #require(drafts.first?["items"] as? [[String: Any]])
        #expect(items.map { $0["item"] as? String } == ["entity", "product:news-app", "algorithm:feed-ranking"])
        #expect(items.allSatisfy { $0["percent"] as? Int == 100 })
    }

    @Test func outputIsByteStable() throws {
        let a = try Beian.run(["validate", "F203", "R301", "Y101", "valid"], in: Beian.fixtures)
        let b = try Beian.run(["validate", "F203", "R301", "Y101", "valid"], in: Beian.fixtures)
        #expect(a.stdout == b.stdout)
        #expect(!a.stdout.isEmpty)
    }
}
