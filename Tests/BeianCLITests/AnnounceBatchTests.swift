import Foundation
import Testing

/// `beian announce batch` end to end: on the real published lists (a trimmed copy of
/// shared/data: every row of the 2025-05 lists, one row of each earlier list, three of each
/// 2025-07 list — Tests/BeianImportTests/Fixtures/batches.csv) and on the demo registry.
@Suite(.serialized) struct AnnounceBatchTests {
    static let lists = Beian.packageRoot.appendingPathComponent("Tests/BeianImportTests/Fixtures/batches.csv")
    static let cancellations = Beian.packageRoot.appendingPathComponent("Tests/BeianImportTests/Fixtures/cancellations.csv")

    /// RFC 4180 records of a CSV text (quotes, doubled quotes, commas and line breaks in cells).
    static func records(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { cell.append("\""); chars.removeFirst() } else { quoted = false } } else { cell.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(cell); cell = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                row.append(cell); rows.append(row); row = []; cell = ""
            } else { cell.append(c) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    /// The published rows of `period`, per list: 备案编号 → 算法名称.
    static func published(_ period: String) throws -> [String: [String: String]] {
        let rows = records(try String(contentsOf: lists, encoding: .utf8))
        let head = rows[0]
        let (l, p, name, number) = (head.firstIndex(of: "list")!, head.firstIndex(of: "period")!, head.firstIndex(of: "算法名称")!, head.firstIndex(of: "备案编号")!)
        var out: [String: [String: String]] = [:]
        for r in rows.dropFirst() where r[p] == period { out[r[l], default: [:]][r[number]] = r[name] }
        return out
    }

    @Test func theMay2025BatchListsWhatCACPublished() throws {
        let s = try Scratch()
        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("content"), to: s.path("content"))
        try FileManager.default.createDirectory(at: s.path("reg"), withIntermediateDirectories: true)
        var r = try Beian.run(["import", Self.lists.path, "--cancellations", Self.cancellations.path, "--registry", "reg"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")

        r = try Beian.run(["announce", "batch", "--from", "2025-05-01", "--to", "2025-05-31", "--registry", "reg", "--date", "2025-06-05"], in: s.url)
        #expect(r.status == 0, "\(r)")
        let expected = try Self.published("2025-05")
        #expect(expected["algorithm"]?.count == 10 && expected["deep-synthesis"]?.count == 211)
        // CAC numbered them 第十二批 (algorithm lists since 2022-08) and 第十一批 (deep-synthesis since 2023-06).
        for (list, n, chinese, column) in [("algorithm", 12, "十二", "算法类别"), ("deep-synthesis", 11, "十一", "角色")] {
            let slug = "2025-06-05-\(list)-batch-\(n)"
            let md = try s.read("content/announcements/\(slug).md")
            let what = list == "algorithm" ? "境内互联网信息服务算法" : "深度合成服务算法"
            #expect(md.hasPrefix("---\ntitle: 关于发布第\(chinese)批\(what)备案信息的公告\ndate: 2025-06-05\n"))
            #expect(md.contains("batch:\n  list: \(list)\n  number: \(n)\n  from: 2025-05-01\n  to: 2025-05-31\n---\n"))
            #expect(md.contains("](/files/\(slug).csv)"))
            let csv = try #require(try? Data(contentsOf: s.path("content/files/\(slug).csv")))
            #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM, so Excel reads UTF-8")
            let rows = Self.records(String(decoding: csv, as: UTF8.self))
            #expect(rows.first == ["序号", "算法名称", column, "主体名称", "应用产品", "主要用途", "备案编号", "备注"])
            let listed = Dictionary(rows.dropFirst().map { ($0[6], $0[1]) }, uniquingKeysWith: { a, _ in a })
            #expect(rows.count - 1 == expected[list]!.count && listed == expected[list]!, "the \(list) list of 2025-05, number for number")
            #expect(rows.dropFirst().map { $0[0] } == (1...expected[list]!.count).map(String.init))
            // The Markdown table has the same rows.
            #expect(md.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == expected[list]!.count + 1)
        }

        // The next batch counts on: from the announcements just written and from the imported lists.
        r = try Beian.run(["announce", "batch", "--from", "2025-07", "--to", "2025-07", "--registry", "reg", "--date", "2025-08-01", "--json"], in: s.url)
        #expect(r.status == 0, "\(r)")
        let written = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(written.map { "\($0["list"]!) \($0["number"]!) \($0["filings"]!)" } == ["algorithm 13 3", "deep-synthesis 12 3"])
        #expect(try s.read("content/announcements/2025-08-01-deep-synthesis-batch-12.md").contains("title: 关于发布第十二批深度合成服务算法备案信息的公告"))
    }

    @Test func demoBatchesAreNumberedPublishedAndNeverOverwritten() throws {
        let s = try Scratch()
        for name in ["bundles", "content"] {
            try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent(name), to: s.path(name))
        }
        // Approved in beian 2025-05-02 … 2025-05-04: three algorithm filings, no deep synthesis.
        var r = try Beian.run(["announce", "batch", "--from", "2025-05-01", "--to", "2025-05-05", "--date", "2025-05-10"], in: s.url)
        #expect(r.status == 0, "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path("content/files").path) == ["2025-05-10-algorithm-batch-1.csv"],
                "only the list with filings in the period gets an announcement")
        let first = try s.read("content/announcements/2025-05-10-algorithm-batch-1.md")
        #expect(first.contains("title: 关于发布第一批境内互联网信息服务算法备案信息的公告"))
        for number in ["网信算备440305976965106250011号", "网信算备310115539019702250019号", "网信算备310115539019704250011号"] {
            #expect(first.contains(number))
        }
        #expect(!first.contains("网信算备110108874287802250017号"), "approved 2025-05-06, after the period")

        // The second period: algorithm 第二批 (counted from the front matter), deep synthesis 第一批;
        // the filing cancelled since is listed, marked in 备注.
        r = try Beian.run(["announce", "batch", "--from", "2025-05-06", "--to", "2025-05-31", "--date", "2025-06-01", "--lang", "zh"], in: s.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("已写入《关于发布第二批境内互联网信息服务算法备案信息的公告》：3 个备案"))
        let deep = try s.read("content/announcements/2025-06-01-deep-synthesis-batch-1.md")
        #expect(deep.contains("网信算备330106763420901250025号 | 已注销（2025\\-05\\-12） |"), "a bare 已注销 note gets its date (escaped Markdown)")
        let deepCSV = try s.read("content/files/2025-06-01-deep-synthesis-batch-1.csv")
        #expect(deepCSV.contains(",网信算备330106763420901250025号,已注销（2025-05-12）\r\n"))
        #expect(deep.contains("（其中 1 个已注销，见备注）"))

        // Published by beian build: the announcement page with its table and the CSV it links to.
        r = try Beian.run(["build"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        let page = try s.read("site/announcements/2025-06-01-deep-synthesis-batch-1/index.html")
        #expect(page.contains("<a href=\"/files/2025-06-01-deep-synthesis-batch-1.csv\">"))
        #expect(try Data(contentsOf: s.path("site/files/2025-06-01-deep-synthesis-batch-1.csv"))
                == Data(contentsOf: s.path("content/files/2025-06-01-deep-synthesis-batch-1.csv")))

        // Again: refused, the operator's edits kept, nothing written (exit 1, O951 for each file).
        try s.edit("content/announcements/2025-05-10-algorithm-batch-1.md", replacing: "现公开发布", with: "运营人员修改后发布")
        let edited = try s.read("content/announcements/2025-05-10-algorithm-batch-1.md")
        r = try Beian.run(["announce", "batch", "--from", "2025-05-01", "--to", "2025-05-05", "--date", "2025-05-10"], in: s.url)
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("content/announcements/2025-05-10-algorithm-batch-1.md:1:1: error[O951]: the file already exists; not overwritten"))
        #expect(r.stderr.contains("content/files/2025-05-10-algorithm-batch-1.csv:1:1: error[O951]"))
        #expect(try s.read("content/announcements/2025-05-10-algorithm-batch-1.md") == edited)
        // --force rewrites it, with its own number again (a batch counts only earlier periods).
        r = try Beian.run(["announce", "batch", "--from", "2025-05-01", "--to", "2025-05-05", "--date", "2025-05-10", "--force"], in: s.url)
        #expect(r.status == 0, "\(r)")
        let again = try s.read("content/announcements/2025-05-10-algorithm-batch-1.md")
        #expect(again != edited && again.contains("number: 1\n"))
        // The same period under another --date: the same file, not a second 第一批 beside it.
        r = try Beian.run(["announce", "batch", "--from", "2025-05-01", "--to", "2025-05-05", "--date", "2025-05-11"], in: s.url)
        #expect(r.status == 1 && r.stderr.contains("content/announcements/2025-05-10-algorithm-batch-1.md:1:1: error[O951]"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: s.path("content/announcements/2025-05-11-algorithm-batch-1.md").path))

        // An empty period: C803, exit 1, nothing written.
        let before = try FileManager.default.contentsOfDirectory(atPath: s.path("content/announcements").path).sorted()
        r = try Beian.run(["announce", "batch", "--from", "2024-01", "--to", "2024-12"], in: s.url)
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("bundles:1:1: error[C803]: no algorithm or deep-synthesis filing was approved from 2024-01-01 to 2024-12-31 (the registry has 8 filings); nothing written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path("content/announcements").path).sorted() == before)
        r = try Beian.run(["announce", "batch", "--from", "2025-05", "--to", "2025-05", "--list", "deep-synthesis", "--dry-run"], in: s.url)
        #expect(r.status == 0 && r.stdout.contains("number: 1\n") && !r.stdout.contains("境内互联网信息服务算法备案信息的公告"), "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path("content/announcements").path).sorted() == before, "--dry-run writes nothing")

        // Bad dates: every one reported, located in the option's value; usage exit code.
        r = try Beian.run(["announce", "batch", "--from", "2025-13-01", "--to", "2025-02-30", "--date", "tomorrow"], in: s.url)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("--from:1:6: error[F206]: --from 2025-13-01: the month 13 is not 01–12"))
        #expect(r.stderr.contains("--to:1:9: error[F206]: --to 2025-02-30: 2025-02 has no day 30"))
        #expect(r.stderr.contains("--date:1:1: error[F206]"))
        r = try Beian.run(["announce", "batch", "--from", "2025-05-31", "--to", "2025-05-01"], in: s.url)
        #expect(r.status == 64 && r.stderr.contains("error[F206]: the end 2025-05-01 is before the start 2025-05-31"), "\(r)")
    }
}
