import Foundation
import Testing

/// Snapshot files: a missing or different golden fails the test. `BEIAN_RECORD=1` rewrites them
/// deliberately and fails too, so a re-recording is always looked at (review the diff, then run
/// again without it).
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["BEIAN_RECORD"] == "1" }

    static func check(_ actual: String, against file: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        if recording {
            try Data(actual.utf8).write(to: file)
            Issue.record("re-recorded \(file.lastPathComponent); check the diff and run again without BEIAN_RECORD",
                         sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("missing golden \(file.path); run with BEIAN_RECORD=1 to record it", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from \(file.lastPathComponent); BEIAN_RECORD=1 re-records it",
                sourceLocation: sourceLocation)
    }
}

