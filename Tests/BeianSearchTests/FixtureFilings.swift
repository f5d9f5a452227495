import BeianModel
import Foundation

/// The real CAC rows in `Fixtures/cac-sample.csv`, as `PublicFiling`s.
enum FixtureFilings {
    static let all: [PublicFiling] = {
        guard let url = Bundle.module.url(forResource: "cac-sample", withExtension: "csv", subdirectory: "Fixtures"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("Fixtures/cac-sample.csv is missing from the test bundle") }
        let rows = CSV.parse(text)
        let header = rows[0]
        return rows.dropFirst().compactMap { row in
            var r: [String: String] = [:]
            for (i, h) in header.enumerated() where i < row.count { r[h] = row[i] }
            return filing(r)
        }
    }()

    static func filing(_ r: [String: String]) -> PublicFiling? {
        guard let number = FilingNumber(r["备案编号"] ?? ""), let type = AlgorithmType(code: number.typeCode),
              let approved = CalendarDate((r["period"] ?? "") + "-01")
        else { return nil }
        let productText = r["应用产品"] ?? ""
        let cancelled = CalendarDate(r["cancelled_on"] ?? "")
        return PublicFiling(
            number: number, algorithmName: r["算法名称"] ?? "", type: type,
            role: r["角色"] == AlgorithmRole.technicalSupporter.rawValue ? .technicalSupporter : .provider,
            entityName: r["主体名称"] ?? "", entityID: number.entityID, region: number.region,
            products: productText == "--" || productText.isEmpty ? [] : productText.components(separatedBy: "、"),
            purpose: r["主要用途"] ?? "", disclosure: "## 算法基本原理\n不公开的测试文字 DISCLOSURE-SENTINEL", approvedOn: approved,
            status: cancelled == nil ? .active : .cancelled, cancelledOn: cancelled,
            notes: (r["备注"] ?? "").isEmpty ? [] : [r["备注"]!], imported: true)
    }
}

/// RFC 4180 CSV, enough for the fixture (quoted fields, doubled quotes, newlines in quotes).
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? { if let p = pending { pending = nil; return p }; return it.next() }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = next() { if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else if c != "\r" { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
