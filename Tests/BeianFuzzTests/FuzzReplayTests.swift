import BeianFuzz
import Foundation
import Testing

/// Replays every saved fuzzing input through its target in-process, so a plain `swift test`
/// catches a regression of a crash libFuzzer once found (Fuzz/regressions/<target>/) and
/// checks the seed corpus (Fuzz/corpus/<target>/) still passes the targets' invariants.
@Suite struct FuzzReplayTests {
    static let fuzzRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// The files of `Fuzz/<kind>/<target>/`, sorted.
    static func inputs(_ kind: String, _ target: FuzzTarget) -> [URL] {
        let folder = fuzzRoot.appendingPathComponent("\(kind)/\(target.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzTarget.allCases)
    func regressionsStayFixed(_ target: FuzzTarget) throws {
        for url in Self.inputs("regressions", target) {
            target.run(try Data(contentsOf: url))
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func theSeedCorpusPasses(_ target: FuzzTarget) throws {
        let inputs = Self.inputs("corpus", target)
        #expect(inputs.count >= 5, "Fuzz/corpus/\(target.rawValue)/ holds the seeds")
        for url in inputs {
            target.run(try Data(contentsOf: url))
        }
    }
}
