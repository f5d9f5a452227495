import BeianModel
@testable import BeianPortal
import Foundation
import Testing

/// SPEC §6 "rebuild after one approval": a full build of a synthetic registry, then rebuilds
/// after one change each. Runs only with `BEIAN_PORTAL_BENCH=<filings>` set, best in release:
///
///     BEIAN_PORTAL_BENCH=100000 swift test -c release -Xswiftc -enable-testing --filter RebuildBenchmark
@Suite("Rebuild benchmark")
struct RebuildBenchmark {
    static let count = ProcessInfo.processInfo.environment["BEIAN_PORTAL_BENCH"].flatMap(Int.init)

    @Test("full build, then rebuilds after one approval", .enabled(if: count != nil))
    func rebuild() async throws {
        let n = Self.count ?? 1_000
        let dir = Fixture.tempDir("bench")
        defer { try? FileManager.default.removeItem(at: dir) }
        var filings = Fixture.many(n)
        let notices = (0..<1_000).map { i in
            PortalAnnouncement(slug: "notice-\(i)", title: "第\(i)号公告", date: CalendarDate(unixTime: 1_577_836_800 + Int64(i) * 86_400),
                               summary: "公告摘要\(i)", html: "<p>公告正文\(i)。</p>", text: "公告正文\(i)。")
        }
        let options = Fixture.options { $0.syncBeforeSwap = false }
        func run(_ label: String) async throws -> Double {
            let start = ContinuousClock.now
            let report = try await Fixture.build(Fixture.input(filings: filings, announcements: notices), into: dir, options: options)
            let d = ContinuousClock.now - start
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            let steps = report.steps.map { "\($0.name) \(String(format: "%.3f", $0.seconds))" }.joined(separator: ", ")
            print("bench \(label): \(String(format: "%.3f", s)) s; files \(report.files), written \(report.written); \(steps)")
            return s
        }
        func approve(_ k: Int) {
            // A new filing, approved after every other one: appended to 备案清单.
            let day = CalendarDate(unixTime: 1_577_836_800 + Int64(n / 20 + 1 + k) * 86_400)
            filings.append(Fixture.filing(entity: String(9_000_000 + k), type: .generative, year: 26, seq: 1,
                                          entityName: "新备案公司\(k)", approvedOn: day.description))
        }
        let full = try await run("full (\(n) filings)")
        approve(0)
        let first = try await run("rebuild 1 (+1 approval, on the copy the full build left)")
        approve(1)
        let second = try await run("rebuild 2 (+1 approval)")
        approve(2)
        let third = try await run("rebuild 3 (+1 approval)")
        filings[n / 2].purpose = "变更后的主要用途"
        let changed = try await run("rebuild 4 (one filing changed)")
        for (label, t) in [("rebuild 1", first), ("rebuild 2", second), ("rebuild 3", third), ("rebuild 4", changed)] {
            print("bench \(label) / full = \(String(format: "%.2f", 100 * t / full)) %")
        }
    }
}
