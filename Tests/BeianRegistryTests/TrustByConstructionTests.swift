import BeianModel
@testable import BeianRegistry
import BeianTestSupport
import BeianTrust
import Foundation
import Testing

/// Issue 25 (SPEC §11): each attack that worked against the registry before, run again through
/// the real CLI. Each test failed on the main of 2026-12-07 (`BEIAN_TEST_BINARY` runs them
/// against another build).
@Suite(.serialized) struct TrustByConstructionTests {
    typealias Machines = TwoMachinesTests.Machines

    /// An initialized single-folder registry with `xc` submitted, approved and its algorithm
    /// `feed` cancelled by a signed decision: ten events, the last two the cancellation.
    static func cancelledRegistry() throws -> (Scratch, TrustTests.Keys) {
        let s = try Scratch()
        let k = try TrustTests.Keys(s)
        try TrustTests.initialize(s, k)
        var r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        for item in ["entity", "product:app", "algorithm:feed", "algorithm:search"] {
            r = try CLI.run(["review", "approve", "xc", item, "--key", k.reviewer], cwd: s.root)
            #expect(r.status == 0, "\(item): \(r.stdout)")
        }
        r = try CLI.run(["cancel", "xc", "algorithm:feed", "--reason", "产品下线"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        r = try CLI.run(["review", "approve", "xc", "algorithm:feed", "--key", k.reviewer], cwd: s.root)
        #expect(r.status == 0 && r.stdout.contains("cancelled"), "\(r.stdout)")
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        return (s, k)
    }

    static func cutLedger(_ s: Scratch, dropping n: Int) throws -> Int {
        let url = s.path("xc/.beian/ledger.jsonl")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        try (lines.dropLast(n).joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return lines.count - n
    }

    // MARK: 1. History is one-way

    /// Before: cut the ledger from 10 events to 8 (dropping the signed cancellation), then one
    /// `submit`: `verify` passed and the cancelled filing was published as 已备案.
    @Test func aRolledBackLedgerStaysCaughtWhateverIsWrittenAfter() throws {
        let (s, _) = try Self.cancelledRegistry()
        let ledger = s.path("xc/.beian/ledger.jsonl")
        #expect(try Self.cutLedger(s, dropping: 2) == 8)
        var r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("error[L606]") && r.stdout.contains("rolled back"), "\(r.stdout)")
        // A write on top of the rolled-back ledger is refused, and writes nothing.
        try s.edit("xc/entity.yaml", replacing: "中关村大街1号", with: "中关村大街9号")
        let before = try Data(contentsOf: ledger)
        r = try CLI.run(["submit", "xc", "entity"] + attest, cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("error[L606]") && r.stdout.contains("rolled back"), "\(r.stdout)")
        #expect(try Data(contentsOf: ledger) == before)
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("error[L606]"), "\(r.stdout)")
    }

    /// Before: appending one unsigned `head` line (ledgerSeq 8) to heads.jsonl by hand made the
    /// rolled-back ledger pass `verify`: only the last head was checked.
    @Test func aHeadWrittenByHandCannotRescueARolledBackLedger() throws {
        let (s, _) = try Self.cancelledRegistry()
        _ = try Self.cutLedger(s, dropping: 2)
        let cut = try Ledger.open(s.path("xc/.beian/ledger.jsonl"), displayPath: "ledger")
        var heads = try Ledger.open(s.path(".beian-registry/heads.jsonl"), displayPath: "heads")
        try heads.append(RegistryHeads.event(.head, bundle: "xc", ledger: cut, actor: "attacker", clock: Clock(now: 1_764_000_000)))
        let r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("error[L606]") && r.stdout.contains("rolled back"), "\(r.stdout)")
    }

    /// A whole-registry rollback (ledger and heads.jsonl cut back together) is caught against a
    /// checkpoint the portal published: `verify --checkpoint`.
    @Test func aRegistryRolledBackAsAWholeFailsAgainstThePublishedCheckpoint() throws {
        let (s, k) = try Self.cancelledRegistry()
        let headsURL = s.path(".beian-registry/heads.jsonl")
        let headsBefore = try Data(contentsOf: headsURL)
        let ledgerBefore = try Data(contentsOf: s.path("xc/.beian/ledger.jsonl"))
        // A build publishes a checkpoint that commits to the head chain.
        let site = ScratchFolders.register(s.root.deletingLastPathComponent().appendingPathComponent("site-\(UUID().uuidString)"))
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content")
        var r = try CLI.run(["build", "--registry", ".", "--content", content.path, "--out", site.path, "--key", k.registry], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let checkpoint = site.appendingPathComponent("transparency/checkpoint").path
        #expect(try String(contentsOfFile: checkpoint, encoding: .utf8).contains("\nregistry "))
        r = try CLI.run(["verify", "--registry", ".", "--checkpoint", checkpoint, "--registry-key", k.registryPublic], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        // Roll both back by two events: consistent with each other, so only the anchor tells.
        _ = try Self.cutLedger(s, dropping: 2)
        let lines = String(decoding: headsBefore, as: UTF8.self).split(separator: "\n")
        try (lines.dropLast(2).joined(separator: "\n") + "\n").write(to: headsURL, atomically: true, encoding: .utf8)
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 0, "within the folder alone a consistent rollback is not visible: \(r.stdout)")
        r = try CLI.run(["verify", "--registry", ".", "--checkpoint", checkpoint, "--registry-key", k.registryPublic], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("error[L610]"), "\(r.stdout)")
        // Restored, it passes again; a checkpoint signed by another key proves nothing.
        try headsBefore.write(to: headsURL)
        try ledgerBefore.write(to: s.path("xc/.beian/ledger.jsonl"))
        r = try CLI.run(["verify", "--registry", ".", "--checkpoint", checkpoint, "--registry-key", k.reviewerPublic], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("error[L610]") && r.stdout.contains("no valid signature"), "\(r.stdout)")
    }

    // MARK: 2. Keys are bound by a reviewer

    /// Before: the first package signed by any key for an imported `cac-…` entity was received
    /// and bound that key; the real company was then locked out for good.
    @Test func anImportedEntityIsClaimedThroughAReviewerNotByTheFirstPackage() throws {
        let m = try Machines()
        let lists = Bundle.module.url(forResource: "Fixtures/import/lists.csv", withExtension: nil)!
        // The registry imports the published lists (before it is initialized: no key needed).
        let registry = m.registry.deletingLastPathComponent().appendingPathComponent("imported")
        try FileManager.default.createDirectory(at: registry, withIntermediateDirectories: true)
        var r = try CLI.run(["import", lists.path, "--registry", "."], cwd: registry)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        r = try CLI.run(["registry", "init", "--registry", ".", "--key", m.keys.registry, "--reviewer", m.keys.reviewerPublic], cwd: registry)
        #expect(r.status == 0, "\(r.stdout)")
        let bundle = "cac-1352243"
        #expect(FileManager.default.fileExists(atPath: registry.appendingPathComponent(bundle).path))
        // The filer's copy under the registry's bundle id.
        try FileManager.default.moveItem(at: m.filer.appendingPathComponent("xc"), to: m.filer.appendingPathComponent(bundle))
        let attacker = m.exchange.deletingLastPathComponent().appendingPathComponent("attacker.key").path
        r = try CLI.run(["key", "new", attacker, "--name", "attacker", "--kind", "filer"], cwd: m.filer)
        #expect(r.status == 0)
        func send(_ name: String, key: String) throws -> CLI.Result {
            let out = m.exchange.appendingPathComponent(name).path
            let s = try CLI.run(["submit", bundle, "entity"] + attest + ["--key", key, "--out", out], cwd: m.filer)
            #expect(s.status == 0, "\(s.stdout)")
            return try CLI.run(["review", "receive", out, "--registry", "."], cwd: registry)
        }
        r = try send("attacker.zip", key: attacker)
        #expect(r.status == 2 && r.stdout.contains("error[L609]") && r.stdout.contains("a package cannot bind one"), "\(r.stdout)")
        // The real filer's key is bound by a reviewer, who names the credit code they checked.
        let filerPublic = try Self.publicKey(m.filerKey, cwd: m.filer)
        r = try CLI.run(["review", "bind-key", bundle, filerPublic, "--key", m.keys.reviewer], cwd: registry)
        #expect(r.status != 0 && r.stdout.contains("--credit-code"), "a claim names the credit code: \(r.stdout)")
        r = try CLI.run(["review", "bind-key", bundle, filerPublic, "--credit-code", "91110108MA01TE7X01", "--key", m.keys.reviewer], cwd: registry)
        #expect(r.status == 0, "\(r.stdout)")
        r = try send("attacker-2.zip", key: attacker)
        #expect(r.status == 2 && r.stdout.contains("is not a filer key bound to this entity"), "\(r.stdout)")
        r = try send("real.zip", key: m.filerKey)
        #expect(r.status == 0 && r.stdout.contains("received for review"), "\(r.stdout)")
        r = try CLI.run(["review", "approve", bundle, "entity", "--key", m.keys.reviewer], cwd: registry)
        #expect(r.status == 0, "\(r.stdout)")
        // Its receipts name the claimed credit code, so the real filer can import them.
        let receipts = m.exchange.appendingPathComponent("receipts")
        r = try CLI.run(["receipt", "issue", bundle, "--key", m.keys.registry, "--out", receipts.path], cwd: registry)
        #expect(r.status == 0, "\(r.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: receipts.path).map { receipts.appendingPathComponent($0).path }
        r = try CLI.run(["receipt", "import", bundle] + files, cwd: m.filer)
        #expect(r.status == 0, "\(r.stdout)")
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", m.keys.registryPublic], cwd: registry)
        #expect(r.status == 0, "\(r.stdout)")
    }

    /// A new entity's first package proposes its key (said plainly in the queue); a rejection
    /// binds nothing, so a squatter's proposal does not lock the real company out.
    @Test func aNewEntitysKeyIsProposedAndBoundOnlyByItsApproval() throws {
        let m = try Machines()
        let squatter = m.exchange.deletingLastPathComponent().appendingPathComponent("squatter.key").path
        var r = try CLI.run(["key", "new", squatter, "--name", "squatter", "--kind", "filer"], cwd: m.filer)
        r = try CLI.run(["submit", "xc", "entity"] + attest + ["--key", squatter, "--out", m.exchange.appendingPathComponent("s.zip").path], cwd: m.filer)
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.receive("s.zip")
        #expect(r.status == 0, "\(r.stdout)")
        r = try CLI.run(["review", "list", "--registry", "."], cwd: m.registry)
        #expect(r.stdout.contains("proposes filer key squatter") && r.stdout.contains("bound if the entity is approved"), "\(r.stdout)")
        r = try CLI.run(["review", "show", "xc", "entity"], cwd: m.registry)
        #expect(r.stdout.contains("filer key: squatter") && r.stdout.contains("proposed by this new entity"), "\(r.stdout)")
        // While the proposal awaits review, another key's package is refused…
        r = try m.send("real-1.zip", ["entity"])
        r = try m.receive("real-1.zip")
        #expect(r.status == 2 && r.stdout.contains("another key's proposal"), "\(r.stdout)")
        // …rejected, it binds nothing, and the real company's package proposes its own key.
        r = try m.decide(["reject", "xc", "entity", "--reason", "身份存疑"])
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.send("real-2.zip", ["entity"])
        r = try m.receive("real-2.zip")
        #expect(r.status == 0 && r.stdout.contains("received for review"), "\(r.stdout)")
        r = try m.decide(["approve", "xc", "entity"])
        #expect(r.status == 0, "\(r.stdout)")
        r = try CLI.run(["review", "show", "xc", "entity"], cwd: m.registry)
        #expect(r.stdout.contains("bound keys: xingchen-filer") && !r.stdout.contains("bound keys: squatter"), "\(r.stdout)")
        try m.edit("entity.yaml", "中关村大街1号", "中关村大街5号")
        r = try CLI.run(["submit", "xc", "entity"] + attest + ["--key", squatter, "--out", m.exchange.appendingPathComponent("s-2.zip").path], cwd: m.filer)
        r = try m.receive("s-2.zip")
        #expect(r.status == 2 && r.stdout.contains("is not a filer key bound to this entity"), "\(r.stdout)")
    }

    // MARK: 3. Nothing replays

    /// Before: re-zipping package A (new timestamps, same signed header) after B made the
    /// registry review A again; and an older package sent after a newer one was received.
    @Test func anOldOrReZippedPackageDoesNotReplaceANewerOne() throws {
        let m = try Machines()
        var r = try m.send("0.zip")
        r = try m.receive("0.zip")
        #expect(r.status == 0, "\(r.stdout)")
        try m.edit("entity.yaml", "中关村大街1号", "中关村大街2号")
        r = try m.send("A.zip", ["entity"])
        try m.edit("entity.yaml", "中关村大街2号", "中关村大街3号")
        r = try m.send("B.zip", ["entity"])
        r = try m.receive("B.zip")
        #expect(r.status == 0, "\(r.stdout)")
        let ledger = m.registry.appendingPathComponent("xc/.beian/ledger.jsonl")
        let afterB = try Data(contentsOf: ledger)
        let pendingB = try CLI.run(["review", "show", "xc", "entity", "--digest"], cwd: m.registry).stdout
        // A, sealed before B, sent after it: not newer, refused.
        r = try m.receive("A.zip")
        #expect(r.status == 2 && r.stdout.contains("not newer than the latest one received"), "\(r.stdout)")
        // B re-zipped with other timestamps and order: the same package (its signed header).
        try Self.rezip(m.exchange.appendingPathComponent("B.zip"), to: m.exchange.appendingPathComponent("B-rezipped.zip"))
        #expect(try Data(contentsOf: m.exchange.appendingPathComponent("B.zip")) != Data(contentsOf: m.exchange.appendingPathComponent("B-rezipped.zip")))
        r = try m.receive("B-rezipped.zip")
        #expect(r.status == 0 && r.stdout.contains("received before"), "\(r.stdout)")
        #expect(try Data(contentsOf: ledger) == afterB)
        #expect(try CLI.run(["review", "show", "xc", "entity", "--digest"], cwd: m.registry).stdout == pendingB)
    }

    /// Before: a package could name an item with an empty manifest; the registry then reviewed
    /// its own copy of the item's files under the filer's signature.
    @Test func aPackageMustCarryEveryFileOfEveryItemItNames() throws {
        let m = try Machines()
        var r = try m.send("0.zip")
        r = try m.receive("0.zip")
        #expect(r.status == 0, "\(r.stdout)")
        let key = try KeyFile.read(m.filerKey).get()
        let hollow = PackageHeader(bundle: "xc", creditCode: "91110108MA01TE7X01", items: [.init(item: "algorithm:feed", manifest: [:])],
                                   attestation: Lifecycle.attestation, actor: "filer", time: "2025-11-25T00:00:00+08:00", unixTime: 1_764_000_000,
                                   filerKey: key.verifierKey.description, baseSeq: 0, baseEvent: Ledger.genesis, sequence: 1000)
        try hollow.seal(files: [:], key: key, to: m.exchange.appendingPathComponent("hollow.zip"))
        r = try m.receive("hollow.zip")
        #expect(r.status == 2 && r.stdout.contains("does not cover every file of algorithm:feed"), "\(r.stdout)")
    }

    // MARK: 4. A reviewer decides what they saw

    /// Before: `review show` the entity; the filer resubmits a changed address; `review approve`
    /// stored the new address the reviewer never saw.
    @Test func aDecisionNamesTheSubmissionTheReviewerSaw() throws {
        let s = try Scratch()
        let k = try TrustTests.Keys(s)
        try TrustTests.initialize(s, k)
        var r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        let seen = try CLI.run(["review", "show", "xc", "entity"], cwd: s.root)
        let digest = try #require(seen.stdout.firstMatch(of: /submission: ([0-9a-f]{64})/).map { String($0.1) })
        try s.edit("xc/entity.yaml", replacing: "中关村大街1号", with: "中关村大街99号")
        r = try CLI.run(["submit", "xc", "entity"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        for args in [["--submission", digest], ["--submission", String(digest.prefix(16))], []] {
            r = try CLI.raw(["review", "approve", "xc", "entity", "--key", k.reviewer] + args, cwd: s.root)
            #expect(r.status == 1 && r.stdout.contains("error[S716]"), "\(args): \(r.stdout)")
        }
        r = try CLI.run(["review", "approve", "xc", "entity", "--key", k.reviewer, "--submission", "abc"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("too short"), "\(r.stdout)")
        // Looked at again, the new address is decided knowingly.
        let now = try CLI.run(["review", "show", "xc", "entity", "--digest"], cwd: s.root).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(now != digest)
        r = try CLI.run(["review", "approve", "xc", "entity", "--key", k.reviewer, "--submission", now], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        let ledger = try Ledger.open(s.path("xc/.beian/ledger.jsonl"), displayPath: "")
        #expect(ledger.events.last?.submission == now)
    }

    // MARK: 5. Receipts tell the filer the truth

    /// Before: `receipt import` applied receipts in argument order, and stored a cancellation as
    /// an approval: importing the cancellation, then the older approval, showed 已通过.
    @Test func receiptsApplyInRegistryOrderAndACancellationStaysOne() throws {
        let m = try Machines()
        var r = try m.send("1.zip")
        r = try m.receive("1.zip")
        for item in ["entity", "product:app", "algorithm:feed", "algorithm:search"] {
            r = try m.decide(["approve", "xc", item])
            #expect(r.status == 0, "\(item): \(r.stdout)")
        }
        r = try m.sync()
        #expect(r.status == 0, "\(r.stdout)")
        // A copy of the filer's bundle as it stands before it asks to cancel: it never sees the
        // request (as on a second machine of the filer's, or after a restore).
        let fresh = m.filer.deletingLastPathComponent().appendingPathComponent("fresh")
        try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: m.filer.appendingPathComponent("xc"), to: fresh.appendingPathComponent("xc"))
        r = try CLI.run(["cancel", "xc", "algorithm:feed", "--reason", "产品下线"] + attest + ["--key", m.filerKey, "--out", m.exchange.appendingPathComponent("2.zip").path], cwd: m.filer)
        r = try m.receive("2.zip")
        r = try m.decide(["approve", "xc", "algorithm:feed"])
        #expect(r.status == 0 && r.stdout.contains("cancelled"), "\(r.stdout)")
        let receipts = m.exchange.appendingPathComponent("receipts-2")
        r = try CLI.run(["receipt", "issue", "xc", "--key", m.keys.registry, "--out", receipts.path], cwd: m.registry)
        let files = try FileManager.default.contentsOfDirectory(atPath: receipts.path).filter { $0.contains("algorithm") && $0.contains("feed") }
        let seq = { (name: String) in Int(name.split(separator: "-").first { Int($0) != nil } ?? "") ?? 0 }
        let ordered = files.sorted { seq($0) > seq($1) }
        #expect(ordered.count == 2, "\(files)")
        // Newest first, one file at a time: the cancellation, then the older approval.
        for f in ordered {
            r = try CLI.run(["receipt", "import", "xc", receipts.appendingPathComponent(f).path], cwd: fresh)
            #expect(r.status == 0, "\(r.stdout)")
        }
        let rows = try JSONSerialization.jsonObject(with: Data(try CLI.run(["status", "xc", "--json"], cwd: fresh).stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.first { $0["item"] as? String == "algorithm:feed" }?["status"] as? String == "已注销", "\(rows)")
        let text = try String(contentsOf: receipts.appendingPathComponent(ordered[0]), encoding: .utf8)
        #expect(text.contains("\"decision\":\"cancel\"") && text.contains("\"submission\":\""), "\(text)")
    }

    /// A receipt for a submission the filer has since replaced does not mark the newer one
    /// approved: the filer's status keeps the newer one pending.
    @Test func aReceiptForAnOlderSubmissionLeavesTheNewerOnePending() throws {
        let m = try Machines()
        var r = try m.send("1.zip")
        r = try m.receive("1.zip")
        r = try m.decide(["approve", "xc", "entity"])
        #expect(r.status == 0, "\(r.stdout)")
        try m.edit("entity.yaml", "中关村大街1号", "中关村大街7号")
        r = try CLI.run(["submit", "xc", "entity"] + attest + ["--key", m.filerKey, "--out", m.exchange.appendingPathComponent("2.zip").path], cwd: m.filer)
        #expect(r.status == 0, "\(r.stdout)")
        r = try m.sync()
        #expect(r.status == 0, "\(r.stdout)")
        let entity = try m.status("entity")
        #expect(entity["status"] as? String == "变更审核中", "\(entity)")
    }

    // MARK: 6. Receiving is one durable step

    /// Before: a receive that wrote the ledger but not its head left the items queued, `verify`
    /// said "approved elsewhere and copied in?", and a retry said "nothing changed".
    @Test func anInterruptedReceiveIsCompletedByReceivingAgain() throws {
        let m = try Machines()
        var r = try m.send("1.zip")
        let out = m.exchange.appendingPathComponent("1.zip").path
        r = try CLI.run(["review", "receive", out, "--registry", "."], cwd: m.registry, env: ["BEIAN_FAULT": "after-ledger"])
        #expect(r.killed, "killed between the ledger and its head: \(r.status) \(r.stdout)")
        r = try CLI.run(["verify", "--registry", "."], cwd: m.registry)
        #expect(r.status == 2 && r.stdout.contains("a write was interrupted"), "\(r.stdout)")
        #expect(!r.stdout.contains("copied in") && !r.stdout.contains("rewritten") && !r.stdout.contains("rolled back"), "no forgery claimed: \(r.stdout)")
        r = try m.receive("1.zip")
        #expect(r.status == 0 && r.stdout.contains("now complete"), "\(r.stdout)")
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", m.keys.registryPublic], cwd: m.registry)
        #expect(r.status == 0, "\(r.stdout)")
    }

    // MARK: helpers

    static func publicKey(_ path: String, cwd: URL) throws -> String {
        let shown = try CLI.run(["key", "show", path, "--json"], cwd: cwd)
        return try #require((try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: String])?["publicKey"])
    }

    /// Re-zips a package with other timestamps and the entries in reverse order (Python's zipfile).
    static func rezip(_ from: URL, to: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import sys, zipfile
            src, dst = sys.argv[1], sys.argv[2]
            with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as out:
                for info in reversed(z.infolist()):
                    data = z.read(info.filename)
                    n = zipfile.ZipInfo(info.filename, date_time=(2031, 3, 4, 5, 6, 8))
                    out.writestr(n, data)
            """, from.path, to.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }
}
