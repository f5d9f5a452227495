import Foundation
import Testing
@testable import BeianModel

/// 备案编号 against real published numbers: `Fixtures/cac-filing-lists-sample.csv` holds 202 rows of
/// CAC's published lists (every 40th row of the 7,997, plus the two known typos), copied from the
/// project's data so the tests need nothing outside the repository.
@Suite struct FilingNumberTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var published: String
        var digits: String
        var region: String
        var entity: String
        var type: String
        var year: String
        var sequence: String
        var checkOK: Bool
        var testDescription: String { published }
    }

    static let rows: [Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/cac-filing-lists-sample.csv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").map { CSV.fields(String($0)) }
        guard let header = lines.first else { return [] }
        func col(_ name: String) -> Int { header.firstIndex(of: name)! }
        return lines.dropFirst().map { f in
            Row(published: f[col("备案编号")], digits: f[col("num_digits")], region: f[col("num_region")],
                entity: f[col("num_entity")], type: f[col("num_type")], year: f[col("num_year")],
                sequence: f[col("num_seq")], checkOK: f[col("num_check_ok")] == "true")
        }
    }()

    @Test func fixtureHoldsTheSample() {
        #expect(Self.rows.count == 202)
        #expect(Self.rows.filter(\.checkOK).count == 200)
    }

    @Test(arguments: rows.filter(\.checkOK))
    func everyPublishedNumberParses(_ row: Row) throws {
        let number = try #require(FilingNumber(row.published))
        #expect(number.digits == row.digits)
        #expect(number.region == row.region)
        #expect(number.entityID == row.entity)
        #expect(number.typeCode == row.type)
        #expect(number.year == Int(row.year))
        #expect(number.sequence == Int(row.sequence))
        #expect(number.description == row.published)
        #expect(FilingNumber(row.digits) == number, "bare digits parse too")
        // Rebuilding from the parts gives the same check digit.
        let rebuilt = FilingNumber(region: row.region, entityID: row.entity, typeCode: row.type,
                                   year: Int(row.year)!, sequence: Int(row.sequence)!)
        #expect(rebuilt == number)
        #expect(Int(String(row.digits.last!))! % 2 == 1, "the check digit is always odd")
    }

    /// The two published typos: 22 digits (美团配送, 2022-08 row 9) and a failed check digit (2022-10 row 67).
    @Test(arguments: ["网信算备1101082242366066220017号", "网信算备440305295988702220055号"])
    func theKnownBadNumbersFail(_ text: String) {
        #expect(FilingNumber(text) == nil)
        #expect(Self.rows.contains { $0.published == text && !$0.checkOK })
    }

    @Test func publishedTyposAreKeptButFlagged() throws {
        let typo = try #require(FilingNumber(published: "网信算备440305295988702220055号"))
        #expect(!typo.isChecked)
        #expect(FilingNumber(published: "网信算备1101082242366066220017号") == nil)
        #expect(try #require(FilingNumber(published: "网信算备110108077222703220015号")).isChecked)
    }

    @Test func badNumbersAreDiagnosedPrecisely() {
        #expect(FilingNumber.bareDigits("网信算备1101082242366066220017号")?.count == 22)
        #expect(!FilingNumber.isChecked("440305295988702220055"))
        #expect(FilingNumber.checkDigit(for: "44030529598870222005") == 7, "published with 5")
    }

    @Test(arguments: ["", "网信算备号", "网信算备11010813522430222001１号", "110101135224302220011X", "算备110101135224302220011号"])
    func malformedTextIsRejected(_ text: String) {
        #expect(FilingNumber(text) == nil)
    }

    @Test func specExamplesAndSurroundingSpaces() throws {
        #expect(FilingNumber("网信算备110108823483902220017号") != nil)
        #expect(FilingNumber("网信算备440305295988701250183号") != nil)
        let n = try #require(FilingNumber(" 网信算备110108823483902220017号\u{3000}"))
        #expect(n.digits == "110108823483902220017")
    }

    @Test func buildingPadsAndChecksParts() throws {
        let n = try #require(FilingNumber(region: "110108", entityID: "0772227", typeCode: "03", year: 22, sequence: 1))
        #expect(n.description == "网信算备110108077222703220015号")
        let padded = try #require(FilingNumber(region: "110108", entityID: "0772227", typeCode: "01", year: 5, sequence: 42))
        #expect(padded.digits.hasPrefix("11010807722270105042"))
        #expect(FilingNumber.isChecked(padded.digits))
        #expect(FilingNumber(region: "11010", entityID: "0772227", typeCode: "03", year: 22, sequence: 1) == nil)
        #expect(FilingNumber(region: "110108", entityID: "0772227", typeCode: "03", year: 22, sequence: 0) == nil)
        #expect(FilingNumber(region: "110108", entityID: "0772227", typeCode: "03", year: 22, sequence: 1000) == nil)
        #expect(FilingNumber(region: "110108", entityID: "077222a", typeCode: "03", year: 22, sequence: 1) == nil)
    }

    @Test func codableUsesThePublishedForm() throws {
        let n = try #require(FilingNumber("110108077222703220015"))
        let data = try JSONEncoder().encode([n])
        #expect(String(decoding: data, as: UTF8.self) == #"["网信算备110108077222703220015号"]"#)
        #expect(try JSONDecoder().decode([FilingNumber].self, from: data) == [n])
        // Records keep numbers as published, so decoding takes the one with a failed check digit…
        let typo = try JSONDecoder().decode([FilingNumber].self, from: Data(#"["网信算备440305295988702220055号"]"#.utf8))
        #expect(typo.first?.isChecked == false)
        // …but never one that is not 21 digits.
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([FilingNumber].self, from: Data(#"["网信算备1101082242366066220017号"]"#.utf8))
        }
    }

    @Test func orderIsByDigits() throws {
        let a = try #require(FilingNumber("110101135224302220011"))
        let b = try #require(FilingNumber("110108077222703220015"))
        #expect(a < b)
        #expect([b, a].sorted() == [a, b])
    }
}

/// Just enough CSV for the fixture: commas, and double quotes around fields that need them.
enum CSV {
    static func fields(_ line: String) -> [String] {
        var out: [String] = [], field = "", quoted = false, chars = Array(line), i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { out.append(field); field = "" } else { field.append(c) }
            i += 1
        }
        out.append(field)
        return out
    }
}
