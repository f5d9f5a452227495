import Foundation
import Testing

/// Runs the real `beian` executable, as users and scripts do: exit codes, stdout and stderr are API.
enum Beian {
    /// The package root, from this file's place in `Tests/BeianCLITests/Support/`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundle fixtures shared with BeianBundleTests (one folder per diagnostic code).
    static let fixtures = packageRoot.appendingPathComponent("Tests/BeianBundleTests/Fixtures")

    /// The executable built beside this test bundle. `BEIAN_EXECUTABLE` overrides the search.
    static let executable: URL? = {
        let env = ProcessInfo.processInfo.environment
        if let path = env["BEIAN_EXECUTABLE"], !path.isEmpty { return URL(fileURLWithPath: path) }
        var folders: [URL] = []
        // SwiftPM puts the test bundle (`…PackageTests.xctest`) in the build products folder.
        folders.append(Bundle.main.bundleURL)
        if let exe = Bundle.main.executableURL { folders.append(exe.deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let arg0 = CommandLine.arguments.first { folders.append(URL(fileURLWithPath: arg0).deletingLastPathComponent()) }
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        return folders.lazy.map { $0.appendingPathComponent("beian") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// The demo registry's reviewer key (demo-keys/, DEMO ONLY) as a private copy: the demo
    /// registry is initialized, so approvals in a copy of it need a trusted reviewer key, and
    /// git keeps no file modes (beian refuses a key others can read).
    static func demoReviewerKey() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-demo-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let key = dir.appendingPathComponent("reviewer-a.key")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("demo-keys/reviewer-a.key"), to: key)
        chmod(key.path, 0o600)
        return key.path
    }

    /// The fixed time of every run: 2026-05-29 04:26:40 in China.
    static let epoch = "1780000000"

    /// What one run of `beian` did.
    struct Run: Sendable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
        /// Ended by a signal (`status` is then the signal's number), not by exiting.
        var signaled = false
        var killed: Bool { signaled && status == SIGKILL }
        var description: String { "\(signaled ? "signal" : "exit") \(status) after \(seconds) s\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// Runs `beian args…` in `directory` with a small fixed environment (English unless `env` says
    /// otherwise, `SOURCE_DATE_EPOCH` set). Kills it after `timeout` seconds. `executable` runs
    /// another copy of the binary instead of the built one.
    static func run(_ args: [String], in directory: URL? = nil, env extra: [String: String] = [:],
                    timeout: Double = 30, executable other: URL? = nil,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Run {
        let exe = try #require(other ?? executable, "no beian executable found; run swift build first", sourceLocation: sourceLocation)
        // A signed decision names the submission it decides (SPEC §11): as a reviewer would,
        // look at the pending submission first and pass its digest (attack tests pass their own).
        if args.count >= 4, args[0] == "review", args[1] == "approve" || args[1] == "reject",
           args.contains("--key"), !args.contains("--submission") {
            let shown = try run(["review", "show", args[2], args[3], "--digest"], in: directory, env: extra, executable: other, sourceLocation: sourceLocation)
            let digest = shown.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if shown.status == 0, !digest.isEmpty {
                return try run(args + ["--submission", digest], in: directory, env: extra, timeout: timeout, executable: other, sourceLocation: sourceLocation)
            }
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("beian-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let stdoutURL = out.appendingPathComponent("stdout"), stderrURL = out.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL), stderr = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = exe
        process.arguments = args
        process.currentDirectoryURL = directory
        var env = ["PATH": "/usr/bin:/bin", "HOME": out.path, "LANG": "C.UTF-8", "SOURCE_DATE_EPOCH": epoch]
        env.merge(extra) { _, new in new }
        process.environment = env.filter { !$0.value.isEmpty }
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice

        let start = Date()
        try process.run()
        let deadline = start.addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("beian \(args.joined(separator: " ")) still running after \(timeout) s", sourceLocation: sourceLocation)
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        try stdout.close()
        try stderr.close()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self),
                   seconds: seconds, signaled: process.terminationReason == .uncaughtSignal)
    }
}

/// A scratch folder removed when it goes out of scope.
struct Scratch: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("beian-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Copies a bundle fixture to `<scratch>/<name>`.
    @discardableResult
    func copy(_ fixture: String, as name: String? = nil) throws -> URL {
        let target = url.appendingPathComponent(name ?? fixture)
        try FileManager.default.copyItem(at: Beian.fixtures.appendingPathComponent(fixture), to: target)
        return target
    }

    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    func read(_ relative: String) throws -> String { try String(contentsOf: path(relative), encoding: .utf8) }

    func write(_ text: String, to relative: String) throws {
        let file = path(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    /// Replaces the one occurrence of `old` in a text file.
    func edit(_ relative: String, replacing old: String, with new: String,
              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let text = try read(relative)
        let parts = text.components(separatedBy: old)
        try #require(parts.count == 2, "expected one '\(old)' in \(relative)", sourceLocation: sourceLocation)
        try write(parts.joined(separator: new), to: relative)
    }
}
