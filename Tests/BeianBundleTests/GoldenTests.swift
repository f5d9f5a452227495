import BeianBundle
import BeianDiagnostics
import Foundation
import Testing

/// One fixture and one golden per diagnostic code (ruff-style): `Fixtures/<CODE>/` is the valid
/// bundle with one thing broken, `Fixtures/<CODE>/expected.txt` what `validate` prints for it.
@Suite struct GoldenTests {
    /// Every code validation can produce; L, S, C and I codes belong to other commands.
    static let validationCodes = DiagnosticCode.allCases.filter { "BYFRDA".contains($0.rawValue.first!) }

    /// Breakage too big to commit, made in the scratch copy before validating.
    static let setups: [DiagnosticCode: @Sendable (URL) throws -> Void] = [
        .fileTooLarge: { bundle in
            // disclosure.md over its 256 KiB limit.
            let file = bundle.appendingPathComponent("algorithms/feed-ranking/disclosure.md")
            let padding = String(repeating: "本算法的补充说明。\n", count: 10_000)
            try (String(contentsOf: file, encoding: .utf8) + padding).write(to: file, atomically: false, encoding: .utf8)
        },
        .lineTooLong: { bundle in
            // One paragraph of 5,001 characters (a pasted document without line breaks).
            let file = bundle.appendingPathComponent("algorithms/feed-ranking/disclosure.md")
            let paragraph = String(String(repeating: "算法依据用户的历史行为进行排序。", count: 313).prefix(5_001))
            try (String(contentsOf: file, encoding: .utf8) + "\n" + paragraph + "\n").write(to: file, atomically: false, encoding: .utf8)
        },
        .linkRefused: { bundle in
            // A product file that is a symbolic link (git would keep it, but resources copy it).
            let product = bundle.appendingPathComponent("products/news-app.yaml")
            let elsewhere = bundle.deletingLastPathComponent().appendingPathComponent("news-app-elsewhere.yaml")
            try FileManager.default.moveItem(at: product, to: elsewhere)
            try FileManager.default.createSymbolicLink(atPath: product.path, withDestinationPath: "../../news-app-elsewhere.yaml")
        },
        .attachmentTooLarge: { bundle in
            // A sparse 21 MiB scan: over the 20 MiB limit without writing 21 MiB.
            let handle = try FileHandle(forWritingTo: bundle.appendingPathComponent("attachments/self-assessment.jpg"))
            try handle.truncate(atOffset: 21 << 20)
            try handle.close()
        },
    ]

    @Test(arguments: validationCodes.map(\.rawValue))
    func golden(_ name: String) throws {
        let code = try #require(DiagnosticCode(rawValue: name))
        let fixture = Fixtures.root.appendingPathComponent(code.rawValue)
        try #require(FileManager.default.fileExists(atPath: fixture.path), "no fixture Fixtures/\(code.rawValue)/")
        let scratch = try Scratch()
        let bundle = try scratch.copy(code.rawValue)
        try Self.setups[code]?(bundle)
        let output = scratch.report(code == .bundleNotFound ? "\(code.rawValue)/missing" : code.rawValue)
        #expect(output.contains("[\(code.rawValue)]: "), "the fixture does not trigger \(code.rawValue)")
        try Golden.check(output, against: fixture.appendingPathComponent("expected.txt"))
    }

    @Test func validFixtureHasNoDiagnostics() throws {
        let (bundle, diagnostics) = Fixtures.load(Fixtures.root.appendingPathComponent("valid").path)
        #expect(diagnostics.isEmpty, "\(DiagnosticRenderer.text(diagnostics, lang: .en))")
        let loaded = try #require(bundle)
        #expect(loaded.items.map(\.description) == ["entity", "product:news-app", "algorithm:feed-ranking"])
        #expect(loaded.completeness.values.allSatisfy { $0.isComplete })
    }

    /// Fixture folders and codes match one to one: no code without a fixture, no stray fixture.
    @Test func everyFixtureFolderIsACode() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.root.path).filter { !$0.hasPrefix(".") }
        #expect(Set(names) == Set(Self.validationCodes.map(\.rawValue) + ["valid"]))
    }
}
