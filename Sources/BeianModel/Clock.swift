public import Foundation

/// The time beian records and validates against. Honours `SOURCE_DATE_EPOCH`, so tests and
/// reproducible builds can fix it.
public struct Clock: Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var now: Int64

    public init(now: Int64) { self.now = now }

    /// `SOURCE_DATE_EPOCH` when set to a whole number, else the system time.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Clock {
        if let s = env["SOURCE_DATE_EPOCH"], let t = Int64(s.trimmingSpaces) { return Clock(now: t) }
        return Clock(now: Int64(Date().timeIntervalSince1970))
    }

    /// Today's date in China (UTC+8), where filings are made.
    public var today: CalendarDate { CalendarDate(unixTime: now + 8 * 3600) }

    /// ISO 8601 with the +08:00 offset, e.g. `2026-11-29T17:06:00+08:00`.
    public var timestamp: String { Clock.timestamp(now) }

    public static func timestamp(_ t: Int64) -> String {
        let local = t + 8 * 3600
        let day = CalendarDate(unixTime: local)
        let secs = Int(((local % 86_400) + 86_400) % 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60))+08:00"
    }
}
