import BeianDiagnostics
import BeianModel
@testable import BeianPortal
import Foundation
import Testing

@Suite("Open data: filings.csv and filings.json")
struct OpenDataTests {
    @Test("filings.csv: BOM, published column order, CRLF, one row per filing")
    func csvShape() async throws {
        let dir = Fixture.tempDir()
        let filings = Fixture.filings()
        try await Fixture.build(Fixture.input(filings: filings), into: dir)
        let data = try Data(contentsOf: dir.appendingPathComponent("site/filings.csv"))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let rows = CSVReader.parse(String(decoding: data.dropFirst(3), as: UTF8.self))
        #expect(rows[0] == ["序号", "算法名称", "算法类别", "角色", "主体名称", "应用产品", "主要用途", "备案编号", "备注", "ID", "URL", "状态"])
        #expect(rows.count == filings.count + 1)
        #expect(String(decoding: data, as: UTF8.self).contains("\r\n"))
        let supporter = rows.first { $0[3] == "服务技术支持者" }!
        #expect(supporter[5] == "--")
        #expect(supporter[11] == "已注销")
        #expect(rows.dropFirst().allSatisfy { $0[10] == "https://beian.example.cn/filings/\($0[9])/" })
        #expect(rows.dropFirst().map { $0[0] } == (1...filings.count).map(String.init))
    }

    @Test("CSV cells that a spreadsheet would run as a formula are neutralised", arguments: [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("--", "--"), ("普通文本", "普通文本"), ("a,b", "a,b"), ("say \"hi\"", "say \"hi\""),
    ])
    func formula(raw: String, shown: String) {
        let parsed = CSVReader.parse(CSVText.row([raw, "x"]))
        #expect(parsed == [[shown, "x"]])
    }

    @Test("filings.json parses, carries every public field and escapes </script> and U+2028")
    func json() async throws {
        let dir = Fixture.tempDir()
        var f = Fixture.filings()[0]
        f.purpose = "a</script><script>alert(1)</script>\u{2028}b\u{2029}c & \"q\""
        try await Fixture.build(Fixture.input(filings: [f]), into: dir)
        let data = try Data(contentsOf: dir.appendingPathComponent("site/filings.json"))
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("</script"))
        #expect(!text.contains("<"))
        #expect(!text.contains("\u{2028}") && !text.contains("\u{2029}"))
        #expect(text.contains("\\u003c/script\\u003e"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["count"] as? Int == 1)
        let first = try #require((root["filings"] as? [[String: Any]])?.first)
        #expect(first["purpose"] as? String == f.purpose)
        #expect(first["number"] as? String == f.number.description)
        #expect(first["disclosure"] as? String == f.disclosure)
        #expect(first["cancelledOn"] is NSNull)
        #expect(Set(first.keys) == ["id", "number", "url", "algorithmName", "type", "typeCode", "role", "entityName", "entityID",
                                    "region", "regionName", "products", "hosts", "purpose", "approvedOn", "status", "cancelledOn",
                                    "notes", "history", "imported", "disclosure"])
    }

    @Test("JSON escaping of every control character", arguments: ["\u{0}", "\u{1F}", "\u{7F}", "\\", "\"", "\n", "\u{2028}"])
    func jsonEscape(_ s: String) throws {
        let quoted = JSONText.quoted("x" + s + "y")
        let back = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(back == ["x" + s + "y"])
        #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" })
    }
}

/// A strict RFC 4180 reader, to prove the CSV parses back to what was meant.
enum CSVReader {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { cell.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" && cell.isEmpty {
                quoted = true
            } else if c == "," {
                row.append(cell); cell = ""
            } else if c == "\r" && chars.first == "\n" {
                chars.removeFirst()
                row.append(cell); rows.append(row); row = []; cell = ""
            } else {
                cell.unicodeScalars.append(c)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }
}
