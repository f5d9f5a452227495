import BeianTestSupport
import Foundation
import Testing

/// The interactive commitment (`submit` or `cancel` without `--attest`, on a terminal) takes
/// exactly what the prompt asks for — 是, or `yes` in English — and nothing like it.
@Suite(.serialized) struct ConfirmationTests {
    /// Runs the real binary on a pseudo-terminal (`script`), typing `input` and a newline.
    static func typed(_ args: [String], input: String, in s: Scratch) throws -> CLI.Result {
        let quoted = ([CLI.binary.path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", quoted, "/dev/null"]
        p.currentDirectoryURL = s.root
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["SOURCE_DATE_EPOCH"] = "1764000000"
        p.environment = environment
        let stdin = Pipe(), out = Pipe()
        p.standardInput = stdin
        p.standardOutput = out
        p.standardError = out
        try p.run()
        // Typed once the prompt is up (the terminal keeps it until the command reads).
        stdin.fileHandleForWriting.write(Data((input + "\n").utf8))
        let o = out.fileHandleForReading.readDataToEndOfFile()
        try? stdin.fileHandleForWriting.close()
        p.waitUntilExit()
        return CLI.Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: "")
    }

    @Test(arguments: ["y", "yes", "确认", " 是", "是的"])
    func anythingButTheAskedAnswerDoesNotConfirm(_ answer: String) throws {
        let s = try Scratch()
        let r = try Self.typed(["submit", "xc", "entity", "--lang", "zh"], input: answer, in: s)
        #expect(r.stdout.contains("输入“是”确认提交（只认这一个字"), "the prompt says what it takes: \(r.stdout)")
        #expect(r.status == 1 && r.stdout.contains("S701"), "'\(answer)' is not 是: \(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: s.path("xc/.beian/ledger.jsonl").path), "nothing submitted")
    }

    @Test func theAskedAnswerConfirms() throws {
        let s = try Scratch()
        var r = try Self.typed(["submit", "xc", "entity", "--lang", "zh"], input: "是", in: s)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(FileManager.default.fileExists(atPath: s.path("xc/.beian/ledger.jsonl").path))
        // In English the prompt asks for yes, and only yes.
        let t = try Scratch()
        r = try Self.typed(["submit", "xc", "entity", "--lang", "en"], input: "y", in: t)
        #expect(r.status == 1 && r.stdout.contains("Type yes to submit (exactly that"), "\(r.stdout)")
        r = try Self.typed(["submit", "xc", "entity", "--lang", "en"], input: "yes", in: t)
        #expect(r.status == 0, "\(r.stdout)")
    }
}
