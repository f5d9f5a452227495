import BeianModel
@testable import BeianRegistry
import Foundation
import Testing

/// `beian verify` reads `heads.jsonl` and `entities.jsonl` once and hands what it read to
/// every check that uses them (signatures, entity ids, the index), and derives the index's
/// queue rows from the ledgers without opening the submitted view (issue 28, verify-30).
/// Each check must still catch its tampering.
@Suite(.serialized) struct VerifyReadsOnceTests {
    /// An initialized registry with `xc` submitted, its entity and product approved (two signed
    /// heads lines): its algorithms still await review, and the index exists.
    static func registry() throws -> Scratch {
        let s = try Scratch()
        let k = try TrustTests.Keys(s)
        try TrustTests.initialize(s, k)
        var r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        for item in ["entity", "product:app"] {
            r = try CLI.run(["review", "approve", "xc", item, "--key", k.reviewer], cwd: s.root)
            #expect(r.status == 0, "\(r.stdout)")
        }
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(FileManager.default.fileExists(atPath: s.path(".beian-registry/index.sqlite").path))
        return s
    }

    /// Rewrites a registry-wide ledger with `change` applied to its events, re-chained and
    /// re-hashed (what someone with write access can do; only signatures stop it).
    static func rewrite(_ s: Scratch, _ file: String, _ change: (inout [LedgerEvent]) -> Void) throws {
        var events = try Ledger.open(s.path(file), displayPath: file).events
        change(&events)
        try Ledger.sealChain(events).1.write(to: s.path(file), atomically: true, encoding: .utf8)
    }

    static func verify(_ s: Scratch) throws -> CLI.Result {
        try CLI.run(["verify", "--registry", "."], cwd: s.root)
    }

    @Test func aHeadsLineWithAnotherLinesSignatureIsCaught() throws {
        let s = try Self.registry()
        try Self.rewrite(s, ".beian-registry/heads.jsonl") { events in
            let signed = events.indices.filter { events[$0].signature != nil }
            guard signed.count >= 2 else { Issue.record("fewer than two signed heads lines"); return }
            events[signed[0]].signature = events[signed[1]].signature
        }
        let r = try Self.verify(s)
        #expect(r.status == 2 && r.stdout.contains("error[L605]") && r.stdout.contains("does not hold"), "\(r.stdout)")
    }

    @Test func anEntityIDAssignedTwiceIsCaught() throws {
        let s = try Self.registry()
        try Self.rewrite(s, ".beian-registry/entities.jsonl") { events in
            events.append(events[events.count - 1])
        }
        let r = try Self.verify(s)
        #expect(r.status == 2 && r.stdout.contains("entities.jsonl:2:1: error[L601]") && r.stdout.contains("assigned twice"), "\(r.stdout)")
    }

    /// The index against the files verify read once, and against each bundle's ledger.
    @Test(arguments: [
        ("UPDATE heads SET ledger_head = '\(String(repeating: "a", count: 64))' WHERE seq = 1", "the index disagrees with .beian-registry/heads.jsonl"),
        ("UPDATE entity_ids SET bundle = 'other'", "the index disagrees with .beian-registry/entities.jsonl"),
        ("UPDATE queue SET submission = 'x' WHERE item = 'algorithm:search'", "the index's review queue rows of bundle 'xc' are not its ledger's"),
        ("DELETE FROM queue WHERE item = 'algorithm:feed'", "the index's review queue rows of bundle 'xc' are not its ledger's"),
    ])
    func anIndexThatDisagreesIsCaught(sql: String, message: String) throws {
        let s = try Self.registry()
        let db = try SQLiteDB(path: s.path(".beian-registry/index.sqlite").path)
        _ = try db.query(sql)
        let r = try Self.verify(s)
        #expect(r.status == 2 && r.stdout.contains("error[L613]") && r.stdout.contains(message), "\(r.stdout)")
    }
}
