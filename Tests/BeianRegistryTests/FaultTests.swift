import BeianModel
import BeianRegistry
import Foundation
import Testing

@Suite(.serialized) struct FaultTests {
    /// Two reviewers approving at once from separate processes: the lock keeps numbers unique.
    @Test func concurrentApprovalsFromSeparateProcessesGetUniqueNumbers() throws {
        let s = try Scratch()
        // Six algorithms of one type, so each approval must take the next sequence number.
        for i in 1...6 {
            let src = s.path("xc/algorithms/feed"), dst = s.path("xc/algorithms/feed\(i)")
            try FileManager.default.copyItem(at: src, to: dst)
        }
        try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
        try CLI.run(["review", "approve", "xc", "product:app", "--reviewer", "R"], cwd: s.root)  // a linked product is reviewed
        let items = ["feed"] + (1...6).map { "feed\($0)" }
        let procs = try items.map { try CLI.start(["review", "approve", "xc", "algorithm:\($0)", "--reviewer", "R\($0)"], cwd: s.root) }
        for (p, out, _) in procs {
            _ = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let filings = try PublicRegistry.filings(in: s.root.path)
        #expect(filings.count == 7)
        #expect(Set(filings.map(\.number)).count == 7)
        #expect(Set(filings.map(\.number.sequence)) == Set(1...7))
        #expect(try CLI.run(["verify", "xc"], cwd: s.root).status == 0)
    }

    /// `kill -9` between the snapshot and the ledger write: the approval did not happen, the
    /// registry stays consistent, and a second try succeeds. The process must have died of the
    /// SIGKILL with its snapshot written (not of an error before it), or the test proves nothing.
    @Test func killedApprovalLeavesNoHalfState() throws {
        let s = try Scratch()
        try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
        try CLI.run(["review", "approve", "xc", "product:app", "--reviewer", "R"], cwd: s.root)  // a linked product is reviewed
        let ledger = s.path("xc/.beian/ledger.jsonl")
        let before = try Data(contentsOf: ledger)
        let snapshots = s.path("xc/.beian/snapshots")
        let snapshotsBefore = Set(try FileManager.default.contentsOfDirectory(atPath: snapshots.path))
        let r = try CLI.run(["review", "approve", "xc", "algorithm:feed", "--reviewer", "R"], cwd: s.root, env: ["BEIAN_FAULT": "after-snapshot"])
        #expect(r.killed, "killed by SIGKILL at the fault point, not ended otherwise: reason \(r.reason) status \(r.status) \(r.stderr)")
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: snapshots.path)).subtracting(snapshotsBefore)
        #expect(written.count == 1, "the approval's snapshot was written before the kill: \(written)")
        let ledgerText = String(decoding: try Data(contentsOf: ledger), as: UTF8.self)
        #expect(written.allSatisfy { !ledgerText.contains($0.replacingOccurrences(of: ".json", with: "")) }, "and no event names it")
        #expect(try Data(contentsOf: ledger) == before, "the ledger must not have the approval")
        #expect(try PublicRegistry.filings(in: s.root.path).isEmpty)
        #expect(try CLI.run(["verify", "xc"], cwd: s.root).status == 0)
        let again = try CLI.run(["review", "approve", "xc", "algorithm:feed", "--reviewer", "R"], cwd: s.root)
        #expect(again.status == 0)
        #expect(try PublicRegistry.filings(in: s.root.path).count == 1)
    }

    /// A truncated ledger (an incomplete last line, as a write cut short leaves) is named by
    /// `verify` (L612); the next write drops the incomplete line and appends after it.
    @Test func truncatedLedgerIsNamed() throws {
        let s = try Scratch()
        try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        let ledger = s.path("xc/.beian/ledger.jsonl")
        let data = try Data(contentsOf: ledger)
        try data.prefix(data.count - 40).write(to: ledger)
        let r = try CLI.run(["verify", "xc"], cwd: s.root)
        #expect(r.status == 2)
        #expect(r.stdout.hasPrefix("xc/.beian/ledger.jsonl:4:1: error[L612]"))
        let approve = try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
        #expect(approve.status == 0)
        #expect(try CLI.run(["verify", "xc"], cwd: s.root).status == 0)
    }
}
