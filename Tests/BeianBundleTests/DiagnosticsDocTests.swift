import BeianDiagnostics
import Foundation
import Testing

/// `docs/diagnostics.md` is the one documented table of codes: it must list exactly
/// `DiagnosticCode.allCases`, in order, with the same Chinese and English summaries.
@Suite struct DiagnosticsDocTests {
    struct Row: Equatable, CustomStringConvertible {
        var code: String, zh: String, en: String, trigger: String, fix: String
        var description: String { "\(code) | \(zh) | \(en)" }
    }

    /// Rows of the table whose first cell is a code such as `F210`.
    static func rows() throws -> [Row] {
        let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/diagnostics.md")
        let text = try String(contentsOf: doc, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> Row? in
            guard line.hasPrefix("| ") else { return nil }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5, let first = cells.first, first.count == 4,
                  first.first!.isUppercase, Int(first.dropFirst()) != nil else { return nil }
            return Row(code: cells[0], zh: cells[1], en: cells[2], trigger: cells[3], fix: cells[4])
        }
    }

    @Test func tableListsEveryCodeInOrder() throws {
        #expect(try Self.rows().map(\.code) == DiagnosticCode.allCases.map(\.rawValue))
    }

    @Test func summariesMatchTheCode() throws {
        let rows = try Self.rows()
        for code in DiagnosticCode.allCases {
            let row = rows.first { $0.code == code.rawValue }
            #expect(row?.zh == code.summary.zh, "\(code.rawValue) zh")
            #expect(row?.en == code.summary.en, "\(code.rawValue) en")
        }
    }

    @Test func everyRowSaysWhatTriggersItAndHowToFixIt() throws {
        for row in try Self.rows() {
            #expect(row.trigger.count >= 10, "\(row.code) trigger")
            #expect(row.fix.count >= 8, "\(row.code) fix")
        }
    }

    @Test func rawValuesAreUniqueAndFamiliesAreKnown() {
        let raw = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        #expect(raw.allSatisfy { "BYFRDALSCIOKVWU".contains($0.first!) && $0.count == 4 })
        #expect(raw == raw.sorted { ($0.dropFirst(), $0) < ($1.dropFirst(), $1) }, "codes are numbered in declaration order")
    }
}
