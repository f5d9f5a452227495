import BeianTestSupport
import Foundation
import Testing

/// A writer killed between writing its temporary file and renaming it over the target leaves
/// `.<name>.tmp-<pid>-<random>` behind (issue 25). `verify` reports such files (a warning:
/// they are harmless leftovers, and may be deleted), and the next writer that takes the lock
/// removes those of processes that no longer exist — only files of that exact pattern, never
/// through a link, never one of a live process.
@Suite(.serialized) struct StrayTempFileTests {
    /// The pid of a process that has exited.
    static func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    /// Names under `folder` (relative to the scratch root) that look like temporary files.
    static func temps(_ s: Scratch, _ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: s.path(folder).path)) ?? []).filter { $0.contains(".tmp-") }.sorted()
    }

    @Test func aKilledWritersTempFileIsReportedThenRemovedByTheNextWriter() throws {
        let s = try Scratch()
        // Killed in its first atomic write (a submitted file's bytes, `.beian/objects/`), before the rename.
        var r = try CLI.run(["submit", "xc"] + attest, cwd: s.root, env: ["BEIAN_FAULT": "atomic-write:before-rename"])
        #expect(r.killed, "killed at the fault point: \(r.reason) \(r.status) \(r.stdout)\(r.stderr)")
        let left = Self.temps(s, "xc/.beian/objects")
        #expect(left.count == 1, "the killed writer's temp file is left: \(left)")

        // Temp files of a dead writer in the registry's folder and in the bundle (a mirrored
        // file), one of a live process (this test's), and names that only look like one.
        let dead = try Self.deadPID(), alive = getpid()
        let registryTemp = ".entities.jsonl.tmp-\(dead)-12345"
        let liveTemp = ".entities.jsonl.tmp-\(alive)-777"
        let mirroredTemp = "xc/products/.app.yaml.tmp-\(dead)-99"
        for (path, text) in [(".beian-registry/\(registryTemp)", "{"), (".beian-registry/\(liveTemp)", "{"), (mirroredTemp, "name: 半"),
                             (".beian-registry/.entities.jsonl.tmp-x", "keep"), (".beian-registry/notes.tmp-\(dead)-1", "keep")] {
            try FileManager.default.createDirectory(at: s.path(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: s.path(path))
        }
        // A link named like a temp file is never followed (nor counted as a leftover to delete).
        let target = s.root.deletingLastPathComponent().appendingPathComponent("precious-\(UUID().uuidString)")
        ScratchFolders.register(target)
        try Data("precious".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: s.path("xc/.beian/.ledger.jsonl.tmp-\(dead)-5"), withDestinationURL: target)

        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 0, "leftovers are a warning, not a broken registry\n\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("xc/.beian/objects/\(left.first ?? "?"):1:1: warning[L611]"), "\(r.stdout)")
        #expect(r.stdout.contains("./.beian-registry/\(registryTemp):1:1: warning[L611]") || r.stdout.contains(".beian-registry/\(registryTemp):1:1: warning[L611]"), "\(r.stdout)")
        #expect(r.stdout.contains("xc/products/.app.yaml.tmp-\(dead)-99:1:1: warning[L611]"), "\(r.stdout)")
        #expect(r.stdout.contains("help: ") && r.stdout.contains("delete"), "says what to do\n\(r.stdout)")
        #expect(!r.stdout.contains(liveTemp), "a live writer's file is not a leftover\n\(r.stdout)")
        #expect(!r.stdout.contains("tmp-x") && !r.stdout.contains("notes.tmp"), "\(r.stdout)")

        // The next write of the bundle (under its lock) removes its dead writer's files.
        r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(Self.temps(s, "xc/.beian/objects").isEmpty)
        #expect(Self.temps(s, "xc/products").isEmpty)
        #expect(Self.temps(s, "xc/.beian") == [".ledger.jsonl.tmp-\(dead)-5"], "a link is left alone")
        #expect(try String(contentsOf: target, encoding: .utf8) == "precious")
        // An approval takes the registry's lock too: its dead writer's file goes, the rest stays.
        r = try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(Self.temps(s, ".beian-registry") == [liveTemp, ".entities.jsonl.tmp-x", "notes.tmp-\(dead)-1"].sorted())
        try FileManager.default.removeItem(at: s.path("xc/.beian/.ledger.jsonl.tmp-\(dead)-5"))
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 0 && !r.stdout.contains("L611"), "\(r.stdout)")
    }
}
