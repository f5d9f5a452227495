import Foundation
import Testing
@testable import BeianModel

/// `YYYY-MM-DD` days as bundles write them.
@Suite struct CalendarDateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "2023-12-31", "1999-01-01", "0001-01-01"])
    func parsesRealDays(_ text: String) throws {
        let date = try #require(CalendarDate(text))
        #expect(date.description == text)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00",
                      "2024-1-5", "24-01-05", "2024/01/05", "2024-01-05T00:00", "２０２４-01-05", "", "长期"])
    func rejectsAnythingElse(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func yyyymmddNeedsARealDayFrom1900() {
        #expect(CalendarDate.isValid(yyyymmdd: "19850307"))
        #expect(!CalendarDate.isValid(yyyymmdd: "19990230"))
        #expect(!CalendarDate.isValid(yyyymmdd: "18991231"))
        #expect(!CalendarDate.isValid(yyyymmdd: "1985037"))
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01"),
        (Int64(86_399), "1970-01-01"),
        (Int64(86_400), "1970-01-02"),
        (Int64(-1), "1969-12-31"),
        (Int64(951_782_400), "2000-02-29"),
        (Int64(1_780_000_000), "2026-05-28"),
        (Int64(4_107_542_400), "2100-03-01"),
    ])
    func fromUnixTime(_ t: Int64, _ expected: String) {
        #expect(CalendarDate(unixTime: t).description == expected)
    }

    /// The civil-from-days conversion agrees with Foundation's Gregorian calendar over 60 years.
    @Test func agreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var t: Int64 = -315_619_200  // 1960-01-01
        while t < 1_577_836_800 {    // 2020-01-01
            let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(t)))
            let d = CalendarDate(unixTime: t)
            #expect((d.year, d.month, d.day) == (c.year!, c.month!, c.day!))
            t += 86_400 * 7 + 3_607  // drifts through every hour of the day
        }
    }

    @Test func ordering() throws {
        let a = try #require(CalendarDate("2023-12-31")), b = try #require(CalendarDate("2024-01-01"))
        #expect(a < b)
        #expect(!(b < a))
        #expect(CalendarDate(year: 2024, month: 2, day: 30) == nil)
    }
}
