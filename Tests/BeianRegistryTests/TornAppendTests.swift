import BeianModel
import BeianRegistry
import Foundation
import Testing

/// An append killed at every byte boundary of its line (`BEIAN_FAULT=append:ledger.jsonl:<n>`,
/// a real process that writes the first `n` bytes and dies): the complete events before it are
/// never touched, the next write repairs the tail — a fragment is dropped, a whole event missing
/// its newline is kept — and `verify` reports the tail until then (L612) and passes after.
@Suite(.serialized) struct TornAppendTests {
    @Test func anAppendKilledAtEveryByteIsRepairedByTheNextWrite() throws {
        let s = try Scratch()
        #expect(try CLI.run(["submit", "xc"] + attest, cwd: s.root).status == 0)
        let ledgerURL = s.path("xc/.beian/ledger.jsonl")
        let before = try Data(contentsOf: ledgerURL)
        let events = try Ledger.open(ledgerURL, displayPath: "l").events.count
        // The line the torn command writes, measured once by letting it complete.
        #expect(try CLI.run(["review", "reject", "xc", "product:app", "--reviewer", "R", "--reason", "r"], cwd: s.root).status == 0)
        let length = try Data(contentsOf: ledgerURL).count - before.count
        #expect(length > 100)
        var verified = 0
        for n in 0...length {
            try before.write(to: ledgerURL)
            let r = try CLI.run(["review", "reject", "xc", "product:app", "--reviewer", "R", "--reason", "r"], cwd: s.root,
                                env: ["BEIAN_FAULT": "append:ledger.jsonl:\(n)"])
            #expect(r.killed, "byte \(n): killed at the fault point, \(r.status) \(r.stderr)")
            let torn = try Data(contentsOf: ledgerURL)
            #expect(torn.count == before.count + n && torn.prefix(before.count) == before, "byte \(n): only the new line was written")
            let read = try Ledger.open(ledgerURL, displayPath: "l")
            let whole = n >= length - 1
            #expect(read.events.count == events + (whole ? 1 : 0), "byte \(n)")
            #expect(read.tail == (n == 0 || n == length ? .clean : (n == length - 1 ? .unterminated : .torn(bytes: n))), "byte \(n)")
            // `verify` names the torn line (a few byte positions: each run is a process).
            if n == 1 || n == length / 2 || n == length - 1 {
                let v = try CLI.run(["verify", "xc"], cwd: s.root)
                #expect(v.status == 2 && v.stdout.hasPrefix("xc/.beian/ledger.jsonl:\(events + 1):1: error[L612]"), "byte \(n): \(v.stdout)")
                verified += 1
            }
            // The next write repairs the tail, then appends.
            _ = try Registry().reject(bundle: s.bundle, item: .algorithm("feed"), reviewer: "R", reason: "r")
            let repaired = try Data(contentsOf: ledgerURL)
            #expect(repaired.last == 0x0A, "byte \(n)")
            let after = try Ledger.open(ledgerURL, displayPath: "l")
            #expect(after.tail == .clean && after.events.count == events + (whole ? 2 : 1), "byte \(n)")
            #expect(after.events.last?.item == "algorithm:feed" && after.events.last?.action == .reject)
            #expect(repaired.prefix(before.count) == before, "byte \(n): no complete line before the tail changed")
        }
        #expect(verified == 3)
        #expect(try CLI.run(["verify", "xc"], cwd: s.root).status == 0)
    }

    /// In an initialized registry the registry's own record (`heads.jsonl`) is torn the same
    /// way, and the next write repairs it before recording the next head.
    @Test func aTornHeadsLineIsRepairedToo() throws {
        let s = try Scratch()
        let keys = s.path("keys")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        #expect(try CLI.run(["key", "new", keys.appendingPathComponent("registry.key").path, "--name", "reg", "--kind", "registry"], cwd: s.root).status == 0)
        #expect(try CLI.run(["registry", "init", "--registry", ".", "--key", "keys/registry.key"], cwd: s.root).status == 0)
        let heads = s.path(".beian-registry/heads.jsonl")
        let submit = try CLI.run(["submit", "xc"] + attest, cwd: s.root, env: ["BEIAN_FAULT": "append:heads.jsonl:30"])
        #expect(submit.killed)
        var v = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(v.status == 2 && v.stdout.contains(".beian-registry/heads.jsonl:1:1: error[L612]"), "\(v.stdout)")
        // The ledger is ahead of the registry's record: the next write completes it.
        let disclosure = s.path("xc/algorithms/feed/disclosure.md")
        try (String(contentsOf: disclosure, encoding: .utf8) + "\n补充说明。\n").write(to: disclosure, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["submit", "xc", "algorithm:feed"] + attest, cwd: s.root).status == 0)
        let text = try String(contentsOf: heads, encoding: .utf8)
        #expect(text.hasSuffix("\n") && text.split(separator: "\n").count == 1, "\(text)")
        v = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(!v.stdout.contains("L612"), "\(v.stdout)")
    }
}
