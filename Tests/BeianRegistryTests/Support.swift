import BeianTestSupport
import Foundation
import Testing

/// A scratch registry: a temp folder with a copy of the fixture bundle at `<root>/xc`.
struct Scratch {
    let root: URL
    var bundle: String { root.appendingPathComponent("xc").path }

    init(bundles: [String] = ["xc"]) throws {
        root = ScratchFolders.register(FileManager.default.temporaryDirectory.appendingPathComponent("beian-reg-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let fixture = Bundle.module.url(forResource: "Fixtures/xc", withExtension: nil)!
        for name in bundles {
            try FileManager.default.copyItem(at: fixture, to: root.appendingPathComponent(name))
        }
    }

    func path(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func edit(_ relative: String, replacing old: String, with new: String) throws {
        let url = path(relative)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "fixture text to replace not found: \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }
}

/// Runs the built `beian` binary as a separate process.
enum CLI {
    static var binary: URL {
        // Another build of beian, to show a test fails without a fix (e.g. an older commit's).
        if let other = ProcessInfo.processInfo.environment["BEIAN_TEST_BINARY"] { return URL(fileURLWithPath: other) }
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("beian")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let fromSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/beian")
        return fromSource
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// How it ended: `.uncaughtSignal` (then `status` is the signal) or `.exit`.
        var reason: Process.TerminationReason = .exit
        var killed: Bool { reason == .uncaughtSignal && status == SIGKILL }
    }

    /// Starts the binary without waiting.
    static func start(_ args: [String], cwd: URL, env: [String: String] = [:], executable: URL? = nil) throws -> (Process, Pipe, Pipe) {
        let p = Process()
        p.executableURL = executable ?? binary
        p.arguments = args
        p.currentDirectoryURL = cwd
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        environment["SOURCE_DATE_EPOCH"] = environment["SOURCE_DATE_EPOCH"] ?? "1764000000"
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return (p, out, err)
    }

    @discardableResult
    static func run(_ args: [String], cwd: URL, env: [String: String] = [:], executable: URL? = nil) throws -> Result {
        // A signed decision names the submission it decides (SPEC §11): as a reviewer would,
        // look at the pending submission first and pass its digest (attack tests pass their own).
        if args.count >= 4, args[0] == "review", args[1] == "approve" || args[1] == "reject",
           args.contains("--key"), !args.contains("--submission") {
            let shown = try run(["review", "show", args[2], args[3], "--digest"], cwd: cwd, env: env, executable: executable)
            let digest = shown.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if shown.status == 0, !digest.isEmpty { return try raw(args + ["--submission", digest], cwd: cwd, env: env, executable: executable) }
        }
        return try raw(args, cwd: cwd, env: env, executable: executable)
    }

    /// `run` exactly as given: no digest added to a decision.
    @discardableResult
    static func raw(_ args: [String], cwd: URL, env: [String: String] = [:], executable: URL? = nil) throws -> Result {
        let (p, out, err) = try start(args, cwd: cwd, env: env, executable: executable)
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self),
                      reason: p.terminationReason)
    }
}

let attest = ["--attest", "我承诺上述填报信息真实有效"]
