import BeianRegistry
import Foundation
import Synchronization
import Testing

/// Issue 14: what is approved and published is exactly what was submitted (stored bytes, not
/// the live folder), no link is followed into another bundle, and a submission of several
/// items is written whole or not at all.
@Suite(.serialized) struct SubmittedBytesTests {
    /// The approved entity snapshot's name, read from the ledger and its snapshot file.
    static func approvedEntityName(_ s: Scratch, bundle: String = "xc") throws -> String? {
        let ledger = try String(contentsOf: s.path("\(bundle)/.beian/ledger.jsonl"), encoding: .utf8)
        guard let line = ledger.split(separator: "\n").last(where: { $0.contains("\"action\":\"approve\"") && $0.contains("\"item\":\"entity\"") }),
              let hash = line.firstMatch(of: /"snapshot":"([0-9a-f]{64})"/)?.1 else { return nil }
        let snap = try JSONSerialization.jsonObject(with: Data(contentsOf: s.path("\(bundle)/.beian/snapshots/\(hash).json"))) as? [String: Any]
        return (snap?["entity"] as? [String: Any])?["name"] as? String
    }

    @Test func anEditAfterSubmissionIsNeverApproved() throws {
        let s = try Scratch()
        var r = try CLI.run(["submit", "xc", "entity"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        let submittedName = try #require(try String(contentsOf: s.path("xc/entity.yaml"), encoding: .utf8)
            .firstMatch(of: /\nname: (.+)\n/)?.1).trimmingCharacters(in: .init(charactersIn: "\""))
        // The filer edits the file while it awaits review: the reviewer sees and approves the submission.
        try s.edit("xc/entity.yaml", replacing: String(submittedName), with: "冒名顶替科技有限公司")
        r = try CLI.run(["review", "show", "xc", "entity"], cwd: s.root)
        #expect(r.status == 0)
        #expect(r.stdout.contains(String(submittedName)) && !r.stdout.contains("冒名顶替"), "\(r.stdout)")
        r = try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(try Self.approvedEntityName(s) == String(submittedName))
        // The edit is a new change for the filer to submit.
        r = try CLI.run(["submit", "xc", "entity"] + attest, cwd: s.root)
        #expect(r.status == 0 && r.stdout.contains("change submitted"), "\(r.stdout)")
    }

    /// The attack of the issue: `entity.yaml` swapped back and forth between the submitted
    /// version and another while `review approve` runs. Every approval must store the
    /// submitted name (before: 6 of 14 stored the other one).
    @Test func aFileSwappedDuringApprovalNeverReachesTheSnapshot() throws {
        for round in 0..<6 {
            let s = try Scratch()
            var r = try CLI.run(["submit", "xc", "entity"] + attest, cwd: s.root)
            #expect(r.status == 0)
            let file = s.path("xc/entity.yaml")
            let submitted = try Data(contentsOf: file)
            let submittedName = try #require(String(decoding: submitted, as: UTF8.self).firstMatch(of: /\nname: (.+)\n/)?.1)
            let other = Data(String(decoding: submitted, as: UTF8.self).replacingOccurrences(of: String(submittedName), with: "调包科技有限公司").utf8)
            let stop = Atomic<Bool>(false)
            let swapper = Thread {
                var flip = false
                while !stop.load(ordering: .relaxed) {
                    try? (flip ? submitted : other).write(to: file, options: .atomic)
                    flip.toggle()
                }
            }
            swapper.start()
            r = try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
            stop.store(true, ordering: .relaxed)
            while !swapper.isFinished { usleep(1000) }
            #expect(r.status == 0, "round \(round): \(r.stdout)")
            #expect(try Self.approvedEntityName(s) == String(submittedName).trimmingCharacters(in: .init(charactersIn: "\"")), "round \(round)")
        }
    }

    /// A `.beian` that links to another bundle's: approving the attacker's "entity change"
    /// must not write into the victim's ledger, and nothing of it is read or published.
    @Test func aLinkedLedgerFolderIsRefusedEverywhere() throws {
        let s = try Scratch(bundles: ["victim", "attacker"])
        var r = try CLI.run(["submit", "victim"] + attest, cwd: s.root)
        #expect(r.status == 0)
        r = try CLI.run(["review", "approve", "victim", "entity", "--reviewer", "R"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        let victimLedger = try Data(contentsOf: s.path("victim/.beian/ledger.jsonl"))
        try FileManager.default.createSymbolicLink(atPath: s.path("attacker/.beian").path, withDestinationPath: "../victim/.beian")
        try s.edit("attacker/entity.yaml", replacing: "\nname: ", with: "\nname: 改名")
        for args in [["submit", "attacker", "entity"] + attest,
                     ["review", "approve", "attacker", "entity", "--reviewer", "R"],
                     ["review", "reject", "attacker", "entity", "--reviewer", "R", "--reason", "x"],
                     ["cancel", "attacker", "algorithm:feed", "--reason", "x"] + attest,
                     ["verify", "attacker"]] {
            r = try CLI.run(args, cwd: s.root)
            #expect(r.status == 2, "\(args): \(r.stdout)")
            #expect(r.stdout.hasPrefix("attacker/.beian:1:1: error[B008]"), "\(args): \(r.stdout)")
        }
        #expect(try Data(contentsOf: s.path("victim/.beian/ledger.jsonl")) == victimLedger)
        r = try CLI.run(["build", "--registry", ".", "--content", "none", "--out", "site"], cwd: s.root)
        #expect(r.status != 0)
        #expect(!FileManager.default.fileExists(atPath: s.path("site").path))
    }

    /// A submission of several items that cannot be written whole (the ledger write fails:
    /// here a file-size limit stands in for a full disk) leaves the ledger exactly as it was.
    /// Before, each item was appended on its own and the first ones stayed submitted.
    @Test func aSubmissionOfSeveralItemsIsAllOrNothing() throws {
        let s = try Scratch()
        // A ledger of one event first, so the limit lies between "one more event" and "all of them".
        var r = try CLI.run(["submit", "xc", "entity"] + attest, cwd: s.root)
        #expect(r.status == 0)
        let ledger = s.path("xc/.beian/ledger.jsonl")
        let before = try Data(contentsOf: ledger)
        let objects = { (try? FileManager.default.contentsOfDirectory(atPath: s.path("xc/.beian/objects").path).count) ?? 0 }
        let storedBefore = objects()
        try s.edit("xc/entity.yaml", replacing: "\nname: ", with: "\nname: 新")
        // bash's `ulimit -f` counts KiB: room for the ledger plus about one event, not three.
        let kib = (before.count * 2 + 1023) / 1024
        r = try CLI.run(["-c", "trap '' XFSZ; ulimit -f \(kib); exec \"$0\" \"$@\"", CLI.binary.path, "submit", "xc"] + attest,
                        cwd: s.root, executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(try Data(contentsOf: ledger) == before, "the ledger must be untouched")
        #expect(objects() > storedBefore, "the failure must come at the ledger write, after the files were stored")
        // With room, the same submission goes through whole.
        r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.split(separator: "\n").count == 4, "\(r.stdout)")
    }
}
