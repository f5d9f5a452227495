import BeianStore
import Foundation

/// Times the named steps of a build for `BuildReport` (and fails after one, in tests).
struct StepTimer {
    private(set) var steps: [BuildReport.Step] = []
    private var started = ContinuousClock.now
    let failAfter: String?

    init(failAfter: String?) { self.failAfter = failAfter }

    mutating func finish(_ name: String) throws {
        let now = ContinuousClock.now
        let d = now - started
        steps.append(.init(name: name, seconds: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18))
        started = now
        if failAfter == name { throw InjectedFailure(step: name) }
        // The crash tests kill a real build after each step (`BEIAN_FAULT=build:<step>`; debug builds only).
        FaultPoint.hit("build:" + name)
    }

    struct InjectedFailure: Error { let step: String }
}
