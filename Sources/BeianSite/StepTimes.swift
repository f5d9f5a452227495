import Foundation

/// Wall-clock times of the build's steps, for `build --timings`.
public struct StepTimes: Sendable {
    public private(set) var steps: [(name: String, seconds: Double)] = []
    private var last = ContinuousClock.now

    public init() {}

    /// Records the time since the previous step under `name`.
    public mutating func finish(_ name: String) {
        let now = ContinuousClock.now
        steps.append((name, (now - last).seconds))
        last = now
    }

    /// Records a step timed elsewhere (the portal's own steps).
    public mutating func add(_ name: String, _ seconds: Double) { steps.append((name, seconds)) }

    /// One line a step, names padded to one width, then the total.
    public func text(total: Double) -> String {
        let width = max(5, steps.map(\.name.count).max() ?? 0)
        func row(_ name: String, _ s: Double) -> String {
            name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(format: "%8.3f s", s) + "\n"
        }
        return steps.map { row($0.name, $0.seconds) }.joined() + row("total", total)
    }
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
