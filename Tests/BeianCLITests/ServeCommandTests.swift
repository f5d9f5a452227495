import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `beian serve` as a process: it prints where it serves, stops cleanly on SIGTERM/SIGINT
/// (exit 0, its private output removed), and a port in use is O954 with exit 2.
@Suite(.serialized) struct ServeCommandTests {
    /// A running `beian serve` in `s` and the address it printed.
    static func start(_ s: borrowing Scratch, port: Int = 0) throws -> (Process, Pipe, String) {
        let exe = try #require(Beian.executable)
        let process = Process()
        process.executableURL = exe
        process.arguments = ["serve", "--port", String(port), "--lang", "en"]
        process.currentDirectoryURL = s.url
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": s.url.path, "LANG": "C.UTF-8", "SOURCE_DATE_EPOCH": Beian.epoch,
                               "TMPDIR": s.path("tmp").path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning, !text.contains("(Ctrl-C to stop)") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { usleep(20_000) } else { text += String(decoding: chunk, as: UTF8.self) }
        }
        let address = try #require(text.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression).map { String(text[$0]) }, "\(text)")
        return (process, out, address)
    }

    static func demo(_ s: borrowing Scratch) throws {
        for name in ["bundles", "content"] {
            try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent(name), to: s.path(name))
        }
        try FileManager.default.createDirectory(at: s.path("tmp"), withIntermediateDirectories: true)
    }

    @Test func sigtermStopsItCleanlyAndLeavesNothingBehind() async throws {
        let s = try Scratch()
        try Self.demo(s)
        let (process, _, address) = try Self.start(s)
        let (page, _) = try await URLSession.shared.data(from: URL(string: address + "/")!)
        #expect(String(decoding: page, as: UTF8.self).contains("/__beian/reload.js"))
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: s.path("tmp").path)).isEmpty, "the private output is in TMPDIR")
        process.terminate()  // SIGTERM
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        #expect(!process.isRunning, "still running 15 s after SIGTERM")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path("tmp").path).isEmpty, "the private output was removed")
        // Nothing was written into the project: no site/, no caches beside it.
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: s.url.path)) == ["bundles", "content", "tmp"])
    }

    @Test func aPortInUseIsO954AndExit2() throws {
        let s = try Scratch()
        try Self.demo(s)
        let (first, _, address) = try Self.start(s)
        defer { first.terminate(); first.waitUntilExit() }
        let port = try #require(address.split(separator: ":").last.map(String.init))
        let r = try Beian.run(["serve", "--port", port], in: s.url, timeout: 30)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("error[O954]"), "\(r)")
        #expect(r.stderr.contains("127.0.0.1:\(port)"), "\(r)")
        #expect(r.stderr.contains("--port"), "the help names the remedy: \(r)")
    }
}
