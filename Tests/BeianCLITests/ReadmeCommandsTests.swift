import Foundation
import Testing

/// The README's filer and reviewer examples pass as written: every command line of their
/// `sh` blocks runs, in order, in a scratch folder, and each exits 0 (before: the example
/// `--credit-code 91110108MA01XXXXXX` failed `init` with F210, and the blocks could not run in
/// any order — the cancellation came before any approval).
@Suite struct ReadmeCommandsTests {
    /// The headings whose `sh` blocks are run, in README order.
    static let sections = ["## For filers (填报人员)", "## For reviewers (审核人员)", "### Later: changes and cancellations"]

    /// (command line, a comment line before it said to fill in the files).
    static func commandLines() throws -> [(line: String, fillFirst: Bool)] {
        let readme = try String(contentsOf: Beian.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var out: [(String, Bool)] = []
        var heading = "", inFence = false, collect = false, fill = false
        for raw in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.hasPrefix("```") {
                inFence.toggle()
                collect = inFence && raw == "```sh" && sections.contains(heading)
                continue
            }
            if !inFence, raw.hasPrefix("#") { heading = raw; continue }
            guard collect else { continue }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") { fill = fill || line.contains("fill in"); continue }
            // A trailing comment: two or more spaces, then `#`.
            let command = line.range(of: #"\s{2,}#.*$"#, options: .regularExpression).map { String(line[..<$0.lowerBound]) } ?? line
            guard !command.isEmpty else { continue }
            out.append((command, fill))
            fill = false
        }
        return out
    }

    /// What a filer does between `drafts` and `validate`: fills in every file (from the
    /// complete `valid` fixture, under the README's ids).
    static func fill(_ bundle: URL) throws {
        let fm = FileManager.default
        let valid = Beian.fixtures.appendingPathComponent("valid")
        for name in ["entity.yaml", "attachments"] {
            try? fm.removeItem(at: bundle.appendingPathComponent(name))
            try fm.copyItem(at: valid.appendingPathComponent(name), to: bundle.appendingPathComponent(name))
        }
        try fm.removeItem(at: bundle.appendingPathComponent("products/xc-app.yaml"))
        try fm.copyItem(at: valid.appendingPathComponent("products/news-app.yaml"), to: bundle.appendingPathComponent("products/xc-app.yaml"))
        let algorithm = bundle.appendingPathComponent("algorithms/feed")
        try fm.removeItem(at: algorithm)
        try fm.copyItem(at: valid.appendingPathComponent("algorithms/feed-ranking"), to: algorithm)
        let yaml = algorithm.appendingPathComponent("algorithm.yaml")
        try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "product: news-app", with: "product: xc-app")
            .write(to: yaml, atomically: true, encoding: .utf8)
    }

    @Test func everyFilerAndReviewerExampleRunsAsWritten() throws {
        let lines = try Self.commandLines()
        #expect(lines.count >= 20, "the README's examples were found: \(lines.map(\.line))")
        #expect(lines.first?.line.hasPrefix("beian init ") == true)
        let exe = try #require(Beian.executable)
        let scratch = try Scratch()
        let home = scratch.path("home"), bin = scratch.path("bin")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        // `beian` on PATH is the binary under test (BEIAN_EXECUTABLE may name another file).
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("beian"), withDestinationURL: exe)
        for (line, fillFirst) in lines {
            if fillFirst { try Self.fill(scratch.path("bundles/xingchen-tech")) }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", line]
            p.currentDirectoryURL = scratch.url
            p.environment = ["PATH": bin.path + ":/usr/bin:/bin", "HOME": home.path,
                             "LANG": "C.UTF-8", "SOURCE_DATE_EPOCH": Beian.epoch]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = out
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "README: \(line)\n\(text)")
            if p.terminationStatus != 0 { break }
        }
        // The walk-through ends with the entity and its filings cancelled.
        let status = try Beian.run(["status", "bundles/xingchen-tech", "--json"], in: scratch.url)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        #expect(!rows.isEmpty && rows.allSatisfy { $0["status"] as? String == "已注销" }, "\(status)")
    }
}
