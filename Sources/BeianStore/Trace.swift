import Foundation

/// TEMPORARY: wall-clock marks on stderr when BEIAN_TRACE is set.
public enum Trace {
    nonisolated(unsafe) static let on = ProcessInfo.processInfo.environment["BEIAN_TRACE"] != nil
    nonisolated(unsafe) static let start = ContinuousClock.now
    public static func mark(_ s: @autoclosure () -> String) {
        guard on else { return }
        let d = start.duration(to: .now)
        let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        FileHandle.standardError.write("[trace \(String(format: "%7.1f", ms)) ms] \(s())\n".data(using: .utf8)!)
    }
}
