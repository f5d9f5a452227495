import BeianTestSupport
import Foundation
import Testing

/// SPEC §7 in one registry folder: an initialized registry accepts only decisions signed by
/// a trusted reviewer key, and `verify` catches the three forgeries of issue 15 — a bundle
/// approved on the filer's own machine and copied in, a bundle rolled back by copying an old
/// folder over it, and a second entity with an entity id or credit code already taken.
@Suite(.serialized) struct TrustTests {
    /// Keys live outside the registry (a key inside a bundle or registry is refused).
    struct Keys {
        let dir: URL
        let registry: String, reviewer: String, stranger: String
        let registryPublic: String, reviewerPublic: String

        init(_ s: Scratch) throws {
            dir = ScratchFolders.register(s.root.deletingLastPathComponent().appendingPathComponent("keys-\(UUID().uuidString)"))
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            registry = dir.appendingPathComponent("registry.key").path
            reviewer = dir.appendingPathComponent("reviewer.key").path
            stranger = dir.appendingPathComponent("stranger.key").path
            func make(_ path: String, _ name: String, _ kind: String) throws -> String {
                let r = try CLI.run(["key", "new", path, "--name", name, "--kind", kind, "--json"], cwd: s.root)
                #expect(r.status == 0, "\(r.stdout)")
                let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: String]
                return o?["publicKey"] ?? ""
            }
            registryPublic = try make(registry, "beian-test-registry", "registry")
            reviewerPublic = try make(reviewer, "王审", "reviewer")
            _ = try make(stranger, "官方审核员", "reviewer")
        }
    }

    static func initialize(_ s: Scratch, _ k: Keys) throws {
        let r = try CLI.run(["registry", "init", "--registry", ".", "--key", k.registry, "--reviewer", k.reviewerPublic], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
    }

    @Test func decisionsNeedATrustedReviewerKey() throws {
        let s = try Scratch()
        let k = try Keys(s)
        try Self.initialize(s, k)
        var r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        r = try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "官方审核员"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S712]"), "\(r.stdout)")
        r = try CLI.run(["review", "approve", "xc", "entity", "--key", k.stranger], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S712]") && r.stdout.contains("not a reviewer key this registry trusts"), "\(r.stdout)")
        r = try CLI.run(["review", "approve", "xc", "entity", "--key", k.reviewer], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        try CLI.run(["review", "approve", "xc", "product:app", "--key", k.reviewer], cwd: s.root)  // a linked product is reviewed
        r = try CLI.run(["review", "reject", "xc", "algorithm:feed", "--key", k.reviewer, "--reason", "公示内容不全"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", k.registryPublic], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        // The decision is signed by the reviewer's key, inside the hash chain.
        let ledger = try String(contentsOf: s.path("xc/.beian/ledger.jsonl"), encoding: .utf8)
        #expect(ledger.contains("\"signer\":\"\(k.reviewerPublic)\""))
        // A registry key obtained from elsewhere that is not this registry's: exit 2.
        let other = try CLI.run(["key", "show", k.stranger, "--json"], cwd: s.root)
        let strangerKey = try #require((try JSONSerialization.jsonObject(with: Data(other.stdout.utf8)) as? [String: String])?["publicKey"])
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", strangerKey], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("error[S713]"), "\(r.stdout)")
        // registry.json edited by hand to trust another key: its signature no longer holds.
        let config = s.path(".beian-registry/registry.json")
        let text = try String(contentsOf: config, encoding: .utf8)
        try text.replacingOccurrences(of: k.reviewerPublic, with: strangerKey).write(to: config, atomically: true, encoding: .utf8)
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("registry.json:1:1: error[S713]"), "\(r.stdout)")
        r = try CLI.run(["review", "approve", "xc", "algorithm:search", "--key", k.stranger], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("error[S713]"), "\(r.stdout)")
    }

    /// Forgery 1: the filer approves its own copy ("官方审核员", no key) and copies the bundle in.
    @Test func aBundleApprovedElsewhereAndCopiedInFailsVerify() throws {
        let s = try Scratch(bundles: ["xc", "forged"])
        let k = try Keys(s)
        // The filer's machine: its own folder, outside the registry.
        let filer = s.root.appendingPathComponent("filer-machine")
        try FileManager.default.createDirectory(at: filer, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: s.path("forged"), to: filer.appendingPathComponent("forged"))
        try Self.initialize(s, k)
        var r = try CLI.run(["submit", "forged"] + attest, cwd: filer)
        #expect(r.status == 0)
        for item in ["entity", "product:app", "algorithm:feed"] {
            r = try CLI.run(["review", "approve", "forged", item, "--reviewer", "官方审核员"], cwd: filer)
            #expect(r.status == 0, "\(r.stdout)")
        }
        try FileManager.default.moveItem(at: filer.appendingPathComponent("forged"), to: s.path("forged"))
        try FileManager.default.removeItem(at: filer)
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.contains("forged/.beian/ledger.jsonl:1:1: error[L606]: this registry never recorded this bundle's ledger"), "\(r.stdout)")
        #expect(r.stdout.contains("forged/.beian/ledger.jsonl:5:1: error[L605]: event #5 (approve of entity by '官方审核员') is not signed by a reviewer"), "\(r.stdout)")
    }

    /// Forgery 2: the registry approves, then an older copy of the bundle is copied back over it.
    @Test func aBundleRolledBackToAnOlderCopyFailsVerify() throws {
        let s = try Scratch()
        let k = try Keys(s)
        try Self.initialize(s, k)
        var r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        #expect(r.status == 0)
        let old = s.root.deletingLastPathComponent().appendingPathComponent("old-\(UUID().uuidString)")
        ScratchFolders.register(old)
        try FileManager.default.copyItem(at: s.path("xc"), to: old)
        for item in ["entity", "product:app", "algorithm:feed"] {
            r = try CLI.run(["review", "approve", "xc", item, "--key", k.reviewer], cwd: s.root)
            #expect(r.status == 0, "\(r.stdout)")
        }
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        try FileManager.default.removeItem(at: s.path("xc"))
        try FileManager.default.copyItem(at: old, to: s.path("xc"))
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.contains("xc/.beian/ledger.jsonl:4:1: error[L606]: the ledger was rolled back: the registry recorded 7 events (heads.jsonl line 4), the bundle has 4"), "\(r.stdout)")
        // Removing the bundle altogether is caught as well.
        try FileManager.default.removeItem(at: s.path("xc"))
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("error[L606]: bundle 'xc', recorded by the registry, is missing"), "\(r.stdout)")
    }

    /// Forgery 3: a second bundle with the same credit code, approved on another machine whose
    /// entity-id ledger handed out the same id, copied in: both duplicates are named.
    @Test func aSecondEntityWithTheSameIdOrCreditCodeFailsVerify() throws {
        let s = try Scratch(bundles: ["xc"])
        let k = try Keys(s)
        try Self.initialize(s, k)
        var r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        r = try CLI.run(["review", "approve", "xc", "entity", "--key", k.reviewer], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        try CLI.run(["review", "approve", "xc", "product:app", "--key", k.reviewer], cwd: s.root)  // a linked product is reviewed
        // Elsewhere: a copy of the same entity under another folder name, approved there.
        let elsewhere = s.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Bundle.module.url(forResource: "Fixtures/xc", withExtension: nil)!, to: elsewhere.appendingPathComponent("xc"))
        r = try CLI.run(["submit", "xc"] + attest, cwd: elsewhere)
        r = try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: elsewhere)
        #expect(r.status == 0, "\(r.stdout)")
        try CLI.run(["review", "approve", "xc", "product:app", "--reviewer", "R"], cwd: elsewhere)  // a linked product is reviewed
        try FileManager.default.moveItem(at: elsewhere.appendingPathComponent("xc"), to: s.path("twin"))
        try FileManager.default.removeItem(at: elsewhere)
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.contains("twin/.beian/ledger.jsonl:5:1: error[L607]: entity id ") && r.stdout.contains(" already belongs to bundle 'xc'"), "\(r.stdout)")
        #expect(r.stdout.contains("twin/.beian/ledger.jsonl:5:1: error[L607]: credit code 91110108MA01TE7X01 is already the entity of bundle 'xc'"), "\(r.stdout)")
    }

    /// A registry with history before `registry init`: the registry vouches for it, so its
    /// unsigned decisions stay valid; decisions after it must be signed.
    @Test func historyBeforeInitIsAdopted() throws {
        let s = try Scratch()
        var r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        r = try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
        #expect(r.status == 0)
        try CLI.run(["review", "approve", "xc", "product:app", "--reviewer", "R"], cwd: s.root)  // a linked product is reviewed
        let k = try Keys(s)
        r = try CLI.run(["registry", "init", "--registry", ".", "--key", k.registry, "--reviewer", k.reviewerPublic], cwd: s.root)
        #expect(r.status == 0 && r.stdout.contains("vouched for the ledgers of 1 bundle"), "\(r.stdout)")
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", k.registryPublic], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        r = try CLI.run(["registry", "init", "--registry", ".", "--key", k.registry], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S713]"), "\(r.stdout)")
        r = try CLI.run(["registry", "init", "--registry", ".", "--key", k.reviewer], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("is not a registry key"), "\(r.stdout)")
    }

    /// `beian import` into an initialized registry: only with the registry's key, which then
    /// vouches for every imported bundle, so `verify` passes.
    @Test func importIntoAnInitializedRegistryNeedsItsKey() throws {
        let s = try Scratch(bundles: [])
        let k = try Keys(s)
        try Self.initialize(s, k)
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BeianImportTests/Fixtures")
        let args = ["import", fixtures.appendingPathComponent("lists.csv").path, "--cancellations",
                    fixtures.appendingPathComponent("cancellations.csv").path, "--registry", "."]
        var r = try CLI.run(args, cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S713]") && r.stdout.contains("an import needs its registry key"), "\(r.stdout)")
        r = try CLI.run(args + ["--key", k.reviewer], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S713]"), "\(r.stdout)")
        r = try CLI.run(args + ["--key", k.registry], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", k.registryPublic], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout.prefix(2000))")
        // Importing again changes nothing and adopts nothing new.
        let heads = try Data(contentsOf: s.path(".beian-registry/heads.jsonl"))
        r = try CLI.run(args + ["--key", k.registry], cwd: s.root)
        #expect(r.status == 0)
        #expect(try Data(contentsOf: s.path(".beian-registry/heads.jsonl")) == heads)
    }

    /// A misspelt registry folder, or a bundle given as the registry, is an error (exit 2), not
    /// an empty registry that "verifies" and has "nothing to review".
    @Test func aMissingRegistryFolderIsAnError() throws {
        let s = try Scratch()
        for args in [["review", "list", "--registry", "nonexistent"], ["verify", "--registry", "nonexistent"],
                     ["review", "receive", "x.zip", "--registry", "nonexistent"]] {
            let r = try CLI.run(args, cwd: s.root)
            #expect(r.status == 2 && r.stdout.contains("nonexistent:1:1: error[O953]: the registry folder 'nonexistent' does not exist"), "\(args): \(r.stdout)")
        }
        let r = try CLI.run(["review", "list", "--registry", "xc"], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("'xc' is a bundle, not a registry"), "\(r.stdout)")
    }
}
