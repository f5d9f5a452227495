import Testing
@testable import BeianModel

/// The clock every command reads: `SOURCE_DATE_EPOCH` makes runs reproducible.
@Suite struct ClockTests {
    @Test func sourceDateEpochFixesTheTime() {
        let clock = Clock.fromEnvironment(["SOURCE_DATE_EPOCH": "1780000000"])
        #expect(clock.now == 1_780_000_000)
        #expect(clock.timestamp == "2026-05-29T04:26:40+08:00")
        #expect(clock.today.description == "2026-05-29")
    }

    @Test func surroundingSpacesAreTolerated() {
        #expect(Clock.fromEnvironment(["SOURCE_DATE_EPOCH": " 0\n"]).now == 0)
    }

    @Test(arguments: ["", "yesterday", "1.5", "1e9"])
    func malformedValuesFallBackToTheSystemTime(_ value: String) {
        let clock = Clock.fromEnvironment(["SOURCE_DATE_EPOCH": value])
        #expect(clock.now > 1_700_000_000)
    }

    @Test func todayIsTheDateInChina() {
        // 2024-02-29 16:00 UTC is already 1 March in Beijing.
        let clock = Clock(now: 1_709_222_400)
        #expect(clock.today.description == "2024-03-01")
        #expect(clock.timestamp == "2024-03-01T00:00:00+08:00")
        #expect(Clock(now: 1_709_222_399).today.description == "2024-02-29")
    }

    @Test func timestampsBeforeTheEpoch() {
        #expect(Clock.timestamp(-28_800) == "1970-01-01T00:00:00+08:00")
        #expect(Clock.timestamp(-28_801) == "1969-12-31T23:59:59+08:00")
    }
}
