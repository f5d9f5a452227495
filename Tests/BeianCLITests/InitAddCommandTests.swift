import Foundation
import Testing

/// `beian init` and `beian add`: scaffolds a filer can fill in, every key explained in Chinese.
@Suite struct InitAddCommandTests {
    static let initArgs = ["--name", "北京星辰智联科技有限公司", "--credit-code", "91110108MA01KXQ3TD", "--region", "110108"]

    /// The required entity fields `init` leaves for the filer (it fills name, credit code, region
    /// and the licence's type and number).
    static let missingAfterInit: Set<String> = [
        "kind", "address", "certificate.valid_until", "certificate.scan",
        "legal_representative.name", "legal_representative.id_type", "legal_representative.id_number",
        "security_officer.name", "security_officer.title", "security_officer.id_type", "security_officer.id_number",
        "security_officer.mobile", "security_officer.email",
        "attachments.commitment_letter", "attachments.responsibility_report",
    ]

    @Test func initThenDraftPassesAndPlainValidateListsExactlyTheMissingFields() throws {
        let scratch = try Scratch()
        let created = try Beian.run(["init", "acme-tech"] + Self.initArgs, in: scratch.url)
        #expect(created.status == 0, "\(created)")
        #expect(created.stdout.hasPrefix("created bundle acme-tech\n"))
        for folder in ["products", "algorithms", "attachments"] {
            var isDir: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: scratch.path("acme-tech/\(folder)").path, isDirectory: &isDir) && isDir.boolValue)
        }

        let draft = try Beian.run(["validate", "--draft", "acme-tech"], in: scratch.url)
        #expect(draft.status == 0, "\(draft)")
        #expect(draft.stdout.hasPrefix("acme-tech entity: 28% (6/21)\n"))
        #expect(draft.stdout.hasSuffix("✓ 1 bundle valid\n"))

        let plain = try Beian.run(["validate", "--format", "json", "acme-tech"], in: scratch.url)
        #expect(plain.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [[String: Any]])
        #expect(Set(items.compactMap { $0["code"] as? String }) == ["F203"])
        let fields = items.compactMap { $0["field"] as? String }
        #expect(fields.count == Self.missingAfterInit.count)
        #expect(Set(fields) == Self.missingAfterInit)
    }

    @Test func initRefusesABadCreditCode() throws {
        let scratch = try Scratch()
        let run = try Beian.run(["init", "acme-tech", "--name", "北京星辰智联科技有限公司",
                                 "--credit-code", "91110108MA01KXQ3TE", "--region", "110108"], in: scratch.url)
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.hasPrefix("<command line>:1:1: error[F210]: credit_code (统一社会信用代码 / unified social credit code): check character should be 'D', found 'E'\n"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("acme-tech").path), "nothing is written")
    }

    @Test func initCollectsEveryProblem() throws {
        let scratch = try Scratch()
        let run = try Beian.run(["init", "Acme_Tech", "--name", "星", "--credit-code", "123", "--region", "999999"], in: scratch.url)
        #expect(run.status == 1)
        for code in ["B007", "F205", "F210", "F212"] { #expect(run.stdout.contains("error[\(code)]"), "\(code) missing") }
    }

    @Test func initRefusesANonEmptyFolder() throws {
        let scratch = try Scratch()
        try scratch.write("草稿\n", to: "acme-tech/notes.txt")
        let run = try Beian.run(["init", "acme-tech"] + Self.initArgs, in: scratch.url)
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("'acme-tech' exists and is not empty"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("acme-tech/entity.yaml").path))
        #expect(try scratch.read("acme-tech/notes.txt") == "草稿\n")
    }

    @Test func initAcceptsAnEmptyFolder() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(at: scratch.path("acme-tech"), withIntermediateDirectories: true)
        let run = try Beian.run(["init", "acme-tech"] + Self.initArgs, in: scratch.url)
        #expect(run.status == 0, "\(run)")
    }

    /// A key line of a scaffold: `key:` or `- key:` at any indentation.
    static func isKeyLine<S: StringProtocol>(_ line: S) -> Bool {
        var rest = Substring(line).drop { $0 == " " }
        if rest.hasPrefix("- ") { rest = rest.dropFirst(2) }
        let key = rest.prefix { ("a"..."z").contains($0) || $0 == "_" }
        return !key.isEmpty && rest.dropFirst(key.count).hasPrefix(":")
    }

    /// True when the line carries a comment `# …` with at least one Chinese character.
    static func hasChineseComment<S: StringProtocol>(_ line: S) -> Bool {
        guard let hash = line.range(of: " # ") else { return false }
        return line[hash.upperBound...].unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }

    static func uncommentedKeyLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { isKeyLine($0) && !hasChineseComment($0) }
    }

    @Test func theCommentCheckCanFail() {
        #expect(Self.uncommentedKeyLines("a: 1 # 说明\n  - id: \"x\"\nb: 2 # note\nc: \"# 不是注释\"\n")
                == ["  - id: \"x\"", "b: 2 # note", "c: \"# 不是注释\""])
    }

    @Test(arguments: [("product", "news-app", "products/news-app.yaml"),
                      ("algorithm", "feed", "algorithms/feed/algorithm.yaml")])
    func addScaffoldsAFileWithAChineseCommentOnEveryKey(_ kind: String, _ id: String, _ file: String) throws {
        let scratch = try Scratch()
        #expect(try Beian.run(["init", "acme"] + Self.initArgs, in: scratch.url).status == 0)
        let run = try Beian.run(["add", kind, "acme", id, "--name", "星辰资讯"], in: scratch.url)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "added \(kind):\(id)\n")
        let text = try scratch.read("acme/\(file)")
        let keyLines = text.split(separator: "\n").filter { Self.isKeyLine($0) }
        #expect(keyLines.count > 5)
        #expect(Self.uncommentedKeyLines(text).isEmpty)
        #expect(text.contains("name: \"星辰资讯\" # "))
        let draft = try Beian.run(["validate", "--draft", "acme"], in: scratch.url)
        #expect(draft.status == 0, "\(draft)")
        #expect(draft.stdout.contains("acme \(kind):\(id): "))
    }

    @Test func initScaffoldHasAChineseCommentOnEveryKey() throws {
        let scratch = try Scratch()
        #expect(try Beian.run(["init", "acme"] + Self.initArgs, in: scratch.url).status == 0)
        let text = try scratch.read("acme/entity.yaml")
        #expect(Self.uncommentedKeyLines(text).isEmpty)
        #expect(text.contains("credit_code: \"91110108MA01KXQ3TD\" # 统一社会信用代码"))
    }

    @Test func addAlgorithmWritesTheDisclosureTemplate() throws {
        let scratch = try Scratch()
        #expect(try Beian.run(["init", "acme"] + Self.initArgs, in: scratch.url).status == 0)
        #expect(try Beian.run(["add", "algorithm", "acme", "feed"], in: scratch.url).status == 0)
        let disclosure = try scratch.read("acme/algorithms/feed/disclosure.md")
        for heading in ["算法基本原理", "算法运行机制", "算法应用场景", "算法目的意图"] {
            #expect(disclosure.contains("\n## \(heading)\n"))
        }
    }

    /// The algorithm scaffold carries only its role's block: a 服务提供者 gets `applies_to` and
    /// no `technical_service`, a 服务技术支持者 the reverse (before: both blocks, so whoever
    /// left the other one empty got errors about a block that does not concern them).
    @Test func addAlgorithmScaffoldsOnlyTheBlockOfItsRole() throws {
        let scratch = try Scratch()
        #expect(try Beian.run(["init", "acme"] + Self.initArgs, in: scratch.url).status == 0)
        #expect(try Beian.run(["add", "algorithm", "acme", "feed"], in: scratch.url).status == 0)
        let provider = try scratch.read("acme/algorithms/feed/algorithm.yaml")
        #expect(provider.contains("\nrole: \"服务提供者\"") && provider.contains("\napplies_to:") && !provider.contains("technical_service:"), "\(provider)")
        #expect(Self.uncommentedKeyLines(provider).isEmpty)
        let add = try Beian.run(["add", "algorithm", "acme", "api", "--role", "服务技术支持者"], in: scratch.url)
        #expect(add.status == 0, "\(add)")
        let supporter = try scratch.read("acme/algorithms/api/algorithm.yaml")
        #expect(supporter.contains("\nrole: \"服务技术支持者\"") && supporter.contains("\ntechnical_service:") && !supporter.contains("applies_to:"), "\(supporter)")
        let validate = try Beian.run(["validate", "--format", "json", "acme"], in: scratch.url)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [[String: Any]])
        let aboutOtherRole = items.filter { d in
            let path = d["path"] as? String ?? "", field = d["field"] as? String ?? ""
            return (path.contains("/api/") && field.hasPrefix("applies_to")) || (path.contains("/feed/") && field.hasPrefix("technical_service"))
        }
        #expect(aboutOtherRole.isEmpty, "\(aboutOtherRole)")
        #expect(try Beian.run(["add", "algorithm", "acme", "x", "--role", "经销商"], in: scratch.url).status == 64)
    }

    @Test func addRefusesADuplicateABadIdAndAMissingBundle() throws {
        let scratch = try Scratch()
        #expect(try Beian.run(["init", "acme"] + Self.initArgs, in: scratch.url).status == 0)
        #expect(try Beian.run(["add", "product", "acme", "news-app"], in: scratch.url).status == 0)
        let again = try Beian.run(["add", "product", "acme", "news-app"], in: scratch.url)
        #expect(again.status == 1)
        #expect(again.stdout.contains("error[F214]: 'news-app' already exists"))
        let badID = try Beian.run(["add", "product", "acme", "News App"], in: scratch.url)
        #expect(badID.status == 1)
        #expect(badID.stdout.contains("error[B007]"))
        let noBundle = try Beian.run(["add", "product", "elsewhere", "news-app"], in: scratch.url)
        #expect(noBundle.status == 2)
        #expect(noBundle.stdout.contains("error[B001]: 'elsewhere' is not a bundle (no entity.yaml)"))
        let badKind = try Beian.run(["add", "service", "acme", "x"], in: scratch.url)
        #expect(badKind.status == 64)
    }
}
