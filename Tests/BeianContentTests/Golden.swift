import Foundation
import Testing

/// Golden files under `Fixtures/`, read from the source tree. A missing golden fails;
/// `BEIAN_RECORD=1` rewrites it and fails too, so a re-recording is always looked at.
enum Golden {
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        if ProcessInfo.processInfo.environment["BEIAN_RECORD"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(name); check the diff and run again", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden \(name) is missing; record it with BEIAN_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, sourceLocation: sourceLocation)
    }
}
