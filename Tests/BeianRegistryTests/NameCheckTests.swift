import BeianDiagnostics
import BeianModel
import BeianRegistry
import Foundation
import Testing

/// One entity per registry (`NameCheck.swift`): a second bundle filing an approved entity's
/// name (compared by `NameKey`) or credit code is refused at submission and at approval; a
/// look-alike name is flagged to the reviewer.
@Suite struct NameCheckTests {
    static let clock = Clock(now: 1_764_000_000)
    static let name = "测试Acme科技有限公司"

    /// `xc` with its entity approved under `name`, and `yy` (a copy) named `other` (a YAML value).
    func registry(other: String, code: String? = nil) throws -> Scratch {
        let s = try Scratch(bundles: ["xc", "yy"])
        try s.edit("xc/entity.yaml", replacing: "name: 测试星辰科技有限公司", with: "name: \(Self.name)")
        _ = try Registry(clock: Self.clock).submit(bundle: s.bundle, items: [.entity], attestation: Lifecycle.attestation, actor: "填报人")
        _ = try Registry(clock: Self.clock).approve(bundle: s.bundle, item: .entity, reviewer: "王审")
        try s.edit("yy/entity.yaml", replacing: "name: 测试星辰科技有限公司", with: "name: \(other)")
        try s.edit("yy/entity.yaml", replacing: "credit_code: 91110108MA01TE7X01",
                   with: "credit_code: \(code ?? CreditCode.complete("91110108MA01TE7Y0")!)")
        return s
    }

    /// The codes `submit yy entity` is refused with (empty when it passes).
    func submitYY(_ s: Scratch) throws -> [Diagnostic] {
        do {
            _ = try Registry(clock: Self.clock).submit(bundle: s.path("yy").path, items: [.entity], attestation: Lifecycle.attestation, actor: "填报人")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test(arguments: [
        ("测试Ａｃｍｅ科技有限公司", ["S710"]),                      // full-width Latin
        ("\"测试\\u200BAcme科技有限公司\"", ["F220", "S710"]),         // zero-width space
        ("\"测试Acme\\u202E科技有限公司\"", ["F220", "S710"]),         // right-to-left override
        ("测试Acme科技有限公司\u{3000}\u{3000}", ["F220", "S710"]),   // trailing full-width spaces
    ])
    func theSameNameIsRefusedNamingTheOtherBundle(_ other: String, _ codes: [String]) throws {
        let s = try registry(other: other)
        let found = try submitYY(s)
        #expect(found.map(\.code.rawValue).sorted() == codes)
        let s710 = try #require(found.first { $0.code == .duplicateEntity })
        #expect(s710.location.path.hasSuffix("yy/entity.yaml") && s710.location.line == 2 && s710.location.column == 7)
        #expect(s710.field?.key == "name")
        #expect(s710.message.en.contains(s.path("xc").path), "\(s710.message.en)")
        #expect(s710.message.en.contains("“测试Acme科技有限公司”"))
    }

    @Test func theSameCreditCodeIsRefused() throws {
        let s = try registry(other: "测试另一家科技有限公司", code: "91110108MA01TE7X01")
        let found = try submitYY(s)
        #expect(found.map(\.code) == [.duplicateEntity])
        #expect(found.first?.field?.key == "credit_code" && found.first?.location.line == 3)
        #expect(found.first?.message.en.contains("credit code 91110108MA01TE7X01 is already filed by bundle \(s.path("xc").path)") == true)
    }

    @Test func aLookalikeNameIsOnlyFlagged() throws {
        let s = try registry(other: "\"测试\\u0410cm\\u0435科技有限公司\"")  // Cyrillic А and е
        #expect(try submitYY(s).isEmpty)
        let yy = try Registry(clock: Self.clock).record(bundle: s.path("yy").path)
        let findings = yy.entityNameFindings()
        #expect(findings.map(\.code) == [.lookalikeEntity])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.message.en.contains(s.path("xc").path) == true)
        // The reviewer sees it in `review show`, both names printed.
        let r = try CLI.run(["review", "show", "yy", "entity"], cwd: s.root)
        #expect(r.stdout.contains("warning[S711]") && r.stdout.contains("测试\u{0410}cm\u{0435}科技有限公司") && r.stdout.contains(Self.name), "\(r.stdout)")
    }

    /// Two bundles of one entity submitted before either is approved: the second approval is refused.
    @Test func theSecondApprovalIsRefused() throws {
        let s = try Scratch(bundles: ["xc", "yy"])
        try s.edit("yy/entity.yaml", replacing: "credit_code: 91110108MA01TE7X01", with: "credit_code: \(CreditCode.complete("91110108MA01TE7Y0")!)")
        for b in ["xc", "yy"] {
            _ = try Registry(clock: Self.clock).submit(bundle: s.path(b).path, items: [.entity], attestation: Lifecycle.attestation, actor: "填报人")
        }
        _ = try Registry(clock: Self.clock).approve(bundle: s.bundle, item: .entity, reviewer: "王审")
        #expect {
            try Registry(clock: Self.clock).approve(bundle: s.path("yy").path, item: .entity, reviewer: "王审")
        } throws: { error in
            (error as? RegistryError)?.diagnostics.map(\.code) == [.duplicateEntity]
        }
    }

    @Test func reviewShowEscapesInvisibleCharactersInNames() throws {
        let s = try registry(other: "\"测试\\u200BAcme科技有限公司\"")
        let r = try CLI.run(["review", "show", "yy", "entity"], cwd: s.root)
        #expect(r.stdout.contains("error[S710]"), "\(r.stdout)")
        #expect(r.stdout.contains("测试\\u200BAcme科技有限公司"))
        #expect(!r.stdout.unicodeScalars.contains("\u{200B}"))
    }
}
