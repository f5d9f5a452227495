import Foundation
import Testing

/// `beian import` holds every cell of CAC's lists to the limits a filer's own field has
/// (issue 25): a 30 MB cell used to be imported, and the genuine site built from it then
/// failed `verify-site`. Now the import is refused, each cell named by file, row and column,
/// and nothing is written.
@Suite(.serialized) struct ImportLimitsTests {
    /// A CSV cell, quoted when it needs to be.
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// The header and first `count` rows of the real lists (Tests/BeianImportTests/Fixtures).
    static func realRows(_ count: Int) throws -> [[String]] {
        let text = try String(contentsOf: AnnounceBatchTests.lists, encoding: .utf8)
        return Array(AnnounceBatchTests.records(text).prefix(count + 1))
    }

    static func csv(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    @Test func anOversizedCellIsRefusedWithItsRowAndColumnAndNothingIsWritten() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(at: s.path("reg"), withIntermediateDirectories: true)
        var rows = try Self.realRows(4)
        let header = rows[0]
        let name = try #require(header.firstIndex(of: "算法名称")), purpose = try #require(header.firstIndex(of: "主要用途"))
        let notes = try #require(header.firstIndex(of: "备注")), products = try #require(header.firstIndex(of: "应用产品"))
        // Row 2 (line 2): a name longer than an algorithm's name may be (100 characters).
        rows[1][name] = String(repeating: "算", count: 101)
        // Row 3: a purpose over 500 characters; a 30 MB remark (any cell: at most 2,000 characters).
        rows[2][purpose] = String(repeating: "用", count: 501)
        rows[2][notes] = String(repeating: "x", count: 30 << 20)
        // Row 4: one product whose name is over a product name's 100 characters.
        rows[3][products] = "正常产品（APP）、" + String(repeating: "品", count: 101) + "（网站）"
        try s.write(Self.csv(rows), to: "lists.csv")

        let r = try Beian.run(["import", "lists.csv", "--registry", "reg"], in: s.url, timeout: 120)
        #expect(r.status == 1, "refused: a finding, not a crash and not an import\n\(r)")
        let out = r.stdout + r.stderr
        #expect(out.contains("lists.csv:2:\(name + 1): error[I901]: 算法名称 (算法名称 / algorithm name): at most 100 characters, has 101"), "\(out)")
        #expect(out.contains("lists.csv:3:\(purpose + 1): error[I901]: 主要用途 (主要用途 / main purpose): at most 500 characters, has 501"), "\(out)")
        #expect(out.contains("lists.csv:3:\(notes + 1): error[I901]: 备注"), "\(out)")
        #expect(out.contains("lists.csv:4:\(products + 1): error[I901]: 应用产品"), "\(out)")
        #expect(out.components(separatedBy: "help: ").count - 1 == 4, "one help line per problem\n\(out)")
        #expect(!out.contains(String(repeating: "x", count: 100)), "the cell itself is not echoed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path("reg").path).isEmpty, "nothing written")

        // The same lists within the limits import.
        rows[1][name] = "星辰资讯推荐算法"
        rows[2][purpose] = "推荐资讯"
        rows[2][notes] = ""
        rows[3][products] = "正常产品（APP）"
        try s.write(Self.csv(rows), to: "lists.csv")
        let ok = try Beian.run(["import", "lists.csv", "--registry", "reg"], in: s.url, timeout: 120)
        #expect(ok.status == 0, "\(ok)")
    }

    @Test func anOversizedCellInTheCancellationsIsRefusedToo() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(at: s.path("reg"), withIntermediateDirectories: true)
        try s.write(Self.csv(try Self.realRows(2)), to: "lists.csv")
        try s.write("notice_date,notice_title,备案编号\n2025-07-14," + String(repeating: "题", count: 2_001) + ",网信算备110108224236606220017号\n",
                    to: "cancellations.csv")
        let r = try Beian.run(["import", "lists.csv", "--cancellations", "cancellations.csv", "--registry", "reg"], in: s.url, timeout: 120)
        #expect(r.status == 1, "\(r)")
        #expect((r.stdout + r.stderr).contains("cancellations.csv:2:2: error[I901]: notice_title"), "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path("reg").path).isEmpty, "nothing written")
    }
}
