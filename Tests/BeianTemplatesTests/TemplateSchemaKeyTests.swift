import BeianBundle
import Foundation
import Testing

/// Each printed template tells the filer where its scan goes: the file and the YAML key
/// (`data-key="file:key"`), and that key must be one the bundle schema has and takes an
/// attachment — not a key `validate` then refuses (F201). The disclosure has no scan in the
/// bundle: its page names `disclosure.md`, and asks for no YAML path.
@Suite struct TemplateSchemaKeyTests {
    static let bundle = "\(TemplateCommandTests.bundles)/xingchen-tech"

    /// Runs the real binary (as `TemplateCommandTests` does) with `args`.
    func run(_ args: [String]) throws -> TemplateCommandTests.Run {
        let process = Process()
        process.executableURL = TemplateCommandTests.binary
        process.arguments = args
        process.environment = ["LANG": "C", "SOURCE_DATE_EPOCH": "1796000000"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// The `data-key` values the page names.
    static func keys(_ html: String) -> [String] {
        html.matches(of: /data-key="([^"]*)"/).map { String($0.1) }
    }

    /// The schema field at a dotted key path of a file's fields, if the schema has it.
    static func field(_ path: String, in fields: [FieldSpec]) -> FieldSpec? {
        var fields = fields
        var found: FieldSpec?
        for part in path.split(separator: ".") {
            guard let f = fields.first(where: { $0.key == part }) else { return nil }
            found = f
            if case .object(let inner) = f.kind { fields = inner } else { fields = [] }
        }
        return found
    }

    @Test(arguments: [("commitment-letter", nil), ("responsibility-report", nil), ("self-assessment", "news-feed")] as [(String, String?)])
    func theKeyAScanGoesUnderIsAnAttachmentKeyOfTheSchema(kind: String, algorithm: String?) throws {
        let args = ["template", kind, "--bundle", Self.bundle] + (algorithm.map { ["--algorithm", $0] } ?? [])
        let run = try run(args)
        #expect(run.status == 0, "\(run.stderr)")
        let keys = Self.keys(run.stdout)
        #expect(keys.count == 1, "the page names one place for its scan: \(keys)")
        for key in keys {
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            try #require(parts.count == 2, "\(key)")
            let fields = parts[0] == "entity.yaml" ? BundleSchema.entity : parts[0] == "algorithm.yaml" ? BundleSchema.algorithm : []
            let spec = try #require(Self.field(parts[1], in: fields), "\(parts[1]) is not a key of \(parts[0]) (validate says F201)")
            guard case .attachment = spec.kind else { Issue.record("\(key) is not an attachment field"); continue }
            #expect(run.stdout.contains(parts[1]), "the instruction spells the key out")
        }
        #expect(!run.stdout.contains("在 YAML 中填写路径。"), "no instruction without the key")
    }

    @Test func theDisclosureAsksForNoYAMLPathAndNamesItsFile() throws {
        let run = try run(["template", "disclosure", "--bundle", Self.bundle, "--algorithm", "news-feed"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.keys(run.stdout) == ["disclosure.md"])
        #expect(run.stdout.contains("algorithms/news-feed/disclosure.md"))
        #expect(!run.stdout.contains("在 YAML 中填写路径"), "the schema has no key for a disclosure scan")
        #expect(FileManager.default.fileExists(atPath: "\(Self.bundle)/algorithms/news-feed/disclosure.md"))
    }
}
