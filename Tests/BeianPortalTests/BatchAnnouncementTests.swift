@testable import BeianAnnounce
import BeianDiagnostics
import BeianMarkdown
import BeianModel
@testable import BeianPortal
import Foundation
import Testing

/// `BatchAnnouncement`: the Markdown and CSV of 《关于发布第N批…算法备案信息的公告》, whatever
/// the filers wrote (`beian announce batch`; the real lists: Tests/BeianCLITests/AnnounceBatchTests).
@Suite struct BatchAnnouncementTests {
    /// Markdown, HTML, link, entity, autolink, block and table syntax; line breaks; formulas.
    static let hostile = [
        "a|b", "x\\|y", "\\", "# 标题", "<script>alert(1)</script>", "[点我](javascript:alert(1))", "![i](http://x.example/y.png)",
        "www.evil.example", "https://evil.example/a", "联系 a@b.cn", "**粗**", "`c`", "~~s~~", "&amp;&#x3C;", "第一行\n第二行",
        "<http://x.example>", "- 项", "1. 一", "> 引", "*e* _u_", "[x]: http://ref.example", "|", "| --- |", "\r\n",
        "=1+1", "@SUM(A1)", "-2", "+3", "a\tb", "<!-- c -->", "</td></tr><tr><td>", "[^1]", "$x$", "\u{202E}反转",
    ] + Fixture.hostile

    static func filings() -> [PublicFiling] {
        hostile.enumerated().map { i, s in
            Fixture.filing(entity: String(1_000_000 + i), type: .personalised, year: 25, name: s, entityName: s,
                           products: [s], purpose: s, approvedOn: "2025-05-\(String(format: "%02d", 1 + i % 28))", notes: [s])
        }
    }

    static func batch() throws -> BatchAnnouncement {
        let from = CalendarDate("2025-05-01")!, to = CalendarDate("2025-05-31")!
        let plan = BatchAnnouncement.plan(filings: filings(), from: from, to: to, lists: BatchList.allCases, published: [],
                                          date: CalendarDate("2025-06-05")!)
        try #require(plan.count == 1 && plan[0].filings.count == hostile.count)
        return plan[0]
    }

    /// The cell text cmark-gfm should produce for `raw`: as filed, HTML-escaped, without the
    /// unsafe characters, line breaks as spaces, `@` full width, trimmed like any table cell.
    static func expectedCell(_ raw: String) -> String {
        var s = PlainText.clean(raw)
        for b in ["\r\n", "\n", "\r", "\t", "\u{2028}", "\u{2029}"] { s = s.replacingOccurrences(of: b, with: " ") }
        while s.contains("  ") { s = s.replacingOccurrences(of: "  ", with: " ") }
        s = s.replacingOccurrences(of: "@", with: "＠").trimmingCharacters(in: .whitespaces)
        return s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    @Test func hostileFilerTextRendersAsExactlyTheIntendedCells() throws {
        let b = try Self.batch()
        let markdown = b.markdown(basePath: "/")
        let body = String(markdown.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n---\n"))
        let html = MarkdownRenderer.html(body, options: MarkdownOptions(headingLevels: .startingAt(2)))
        // One table, one link (the CSV), and no element that filer text could have made.
        #expect(html.components(separatedBy: "<table>").count == 2)
        #expect(html.components(separatedBy: "<a ").count == 2)
        #expect(html.contains("<a href=\"/files/2025-06-05-algorithm-batch-1.csv\">"))
        for tag in ["<img", "<script", "<em", "<strong", "<code", "<del", "<h2", "<h3", "<ul", "<ol", "<li", "<blockquote", "<sup", "raw HTML omitted", "<hr"] {
            #expect(!html.contains(tag), "\(tag) in \(html)")
        }
        let tbody = try #require(html.components(separatedBy: "<tbody>").last?.components(separatedBy: "</tbody>").first)
        let rows = tbody.components(separatedBy: "<tr>").dropFirst().map { row in
            row.components(separatedBy: "<td>").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
        }
        #expect(rows.count == Self.hostile.count)
        for (i, f) in b.filings.enumerated() {
            let raw = f.algorithmName
            let e = Self.expectedCell(raw)
            #expect(rows[i] == ["\(i + 1)", e, "个性化推送类", e, e, e, f.number.description, e], "filer text \(String(reflecting: raw))")
        }
    }

    @Test func theCSVQuotesAndNeutralisesLikeTheOpenData() throws {
        let b = try Self.batch()
        let text = String(decoding: b.csv(), as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}序号,算法名称,算法类别,主体名称,应用产品,主要用途,备案编号,备注\r\n"))
        for f in b.filings {
            let cell = CSVText.cell(PlainText.clean(f.algorithmName))
            #expect(text.contains("," + cell + ",个性化推送类," + cell + ","), "\(String(reflecting: f.algorithmName))")
        }
        #expect(text.contains(",'=1+1,") && text.contains(",'@SUM(A1),") && text.contains(",'-2,") && text.contains(",'+3,"))
        #expect(text.contains("\"第一行\n第二行\""), "a line break stays, quoted")
    }

    @Test func listsAreSplitByTypeAndTheFirstGenerativeFilingsStayInTheAlgorithmLists() {
        #expect(BatchList.of(type: .generative, approvedOn: CalendarDate("2023-06-01")!) == .deepSynthesis)
        #expect(BatchList.of(type: .generative, approvedOn: CalendarDate("2022-08-01")!) == .algorithm)
        #expect(BatchList.of(type: .scheduling, approvedOn: CalendarDate("2025-05-01")!) == .algorithm)
        let filings = [Fixture.filing(type: .generative, approvedOn: "2025-05-08"), Fixture.filing(type: .ranking, approvedOn: "2025-05-31"),
                       Fixture.filing(type: .ranking, seq: 2, approvedOn: "2025-06-01")]
        let plan = BatchAnnouncement.plan(filings: filings, from: CalendarDate("2025-05-01")!, to: CalendarDate("2025-05-31")!,
                                          lists: BatchList.allCases, published: [], date: CalendarDate("2025-06-02")!)
        #expect(plan.map(\.mark.list) == [.algorithm, .deepSynthesis])
        #expect(plan.map(\.filings.count) == [1, 1], "both ends of the period included, the day after not")
        #expect(plan[1].markdown(basePath: "/beian/").contains("](/beian/files/2025-06-02-deep-synthesis-batch-1.csv)"))
        #expect(BatchAnnouncement.columns(.deepSynthesis)[2] == "角色" && BatchAnnouncement.columns(.algorithm)[2] == "算法类别")
    }

    @Test func numberingCountsWrittenBatchesAndImportedListsBeforeThePeriod() {
        func imported(_ day: String, _ type: AlgorithmType = .ranking) -> PublicFiling {
            var f = Fixture.filing(type: type, approvedOn: day)
            f.imported = true
            return f
        }
        let filings = [imported("2024-04-01"), imported("2024-04-01"), imported("2024-06-01"), imported("2025-03-01"),
                       imported("2024-06-01", .generative), Fixture.filing(type: .ranking, approvedOn: "2024-08-09")]
        let may = CalendarDate("2025-05-01")!
        #expect(BatchAnnouncement.nextNumber(list: .algorithm, from: may, published: [], filings: filings) == 4, "three imported months")
        #expect(BatchAnnouncement.nextNumber(list: .deepSynthesis, from: may, published: [], filings: filings) == 2)
        let written = [BatchMark(list: .algorithm, number: 7, from: CalendarDate("2025-04-01")!, to: CalendarDate("2025-04-30")!),
                       BatchMark(list: .algorithm, number: 9, from: may, to: CalendarDate("2025-05-31")!),
                       BatchMark(list: .deepSynthesis, number: 30, from: CalendarDate("2025-01-01")!, to: CalendarDate("2025-01-31")!)]
        #expect(BatchAnnouncement.nextNumber(list: .algorithm, from: may, published: written, filings: filings) == 8,
                "the batch of the same period does not count: writing it again keeps its number")
        #expect(BatchAnnouncement.nextNumber(list: .deepSynthesis, from: may, published: written, filings: filings) == 31)
    }

    @Test func batchNumbersInChinese() {
        let cases = [1: "一", 9: "九", 10: "十", 11: "十一", 12: "十二", 20: "二十", 21: "二十一", 99: "九十九", 100: "一百",
                     101: "一百零一", 110: "一百一十", 999: "九百九十九", 1001: "一千零一", 1010: "一千零一十", 2300: "二千三百"]
        for (n, text) in cases { #expect(BatchAnnouncement.chineseNumeral(n) == text, "\(n)") }
    }

    @Test func periodsParseWholeMonthsAndReportEveryBadDateWhereItIs() {
        let may = BatchPeriod.parse(from: "2025-05", to: "2025-05")
        #expect(may.period == CalendarDate("2025-05-01")!...CalendarDate("2025-05-31")! && may.problems.isEmpty)
        #expect(BatchPeriod.parse(from: "2024-02", to: "2024-02").period?.upperBound == CalendarDate("2024-02-29"))
        let bad = BatchPeriod.parse(from: "2025-13-01", to: "2025-2-3")
        #expect(bad.period == nil)
        #expect(bad.problems.map { "\($0.location.description) \($0.code.rawValue)" } == ["--from:1:6 F206", "--to:1:1 F206"])
        #expect(BatchPeriod.parse(from: "2025-06-01", to: "2025-05-31").problems.first?.message.en == "the end 2025-05-31 is before the start 2025-06-01")
        #expect(BatchPeriod.parse(from: "2025-02-29", to: "2025-03-01").problems.first?.location.column == 9)
    }

    @Test func theWriterRefusesBeforeWritingAnything() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("announcements"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = try Self.batch()
        let files = BatchWriter.files([b], basePath: "/")
        #expect(files.map(\.path) == ["files/2025-06-05-algorithm-batch-1.csv", "announcements/2025-06-05-algorithm-batch-1.md"], "the CSV first")
        let md = files[1].data.count
        // Longer than a build accepts: C802, located at the announcement.
        let small = BatchWriter(content: dir, contentDisplay: "content", force: false, markdownLimit: md - 1)
        #expect(small.problems(files).map { "\($0.code.rawValue) \($0.location.path)" } == ["C802 content/announcements/2025-06-05-algorithm-batch-1.md"])
        let writer = BatchWriter(content: dir, contentDisplay: "content", force: false, markdownLimit: md)
        #expect(writer.problems(files).isEmpty)
        try writer.write(files)
        #expect(try Data(contentsOf: dir.appendingPathComponent("files/2025-06-05-algorithm-batch-1.csv")) == b.csv())
        #expect(writer.problems(files).map(\.code) == [.outputRefused, .outputRefused])
        #expect(BatchWriter(content: dir, contentDisplay: "content", force: true).problems(files).isEmpty)
        // A target folder that is a link: refused even with --force.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("files"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("files").path, withDestinationPath: dir.path)
        #expect(BatchWriter(content: dir, contentDisplay: "content", force: true).problems(files).map(\.message.en)
                == ["the path goes through the symbolic link 'content/files'; refused"])
    }
}
