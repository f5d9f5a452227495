import BeianDiagnostics
import BeianModel
import BeianPortal
import BeianTrust
import Foundation

/// Step 4 of `verify-site` (V974): `filings.csv` and `filings.json` read as a CSV and a JSON
/// parser read them — not line by line — against the records the head commits to.
extension SiteVerifier {
    func dataProblem(_ path: String, line: Int, field: String? = nil, zh: String, en: String) -> Diagnostic {
        problem(.siteOpenDataMismatch, path, line: line, field: field.map { RecordFields.fieldRef($0) }, zh: zh, en: en,
                helpZh: "不要使用这个副本的开放数据；从登记机关自己的站点下载", helpEn: "do not use this copy's open data; download it from the regulator's own site")
    }

    /// The base URL every URL of the open data must be under: the one the signed head states
    /// (its `site` line, SPEC §8) — never one the site's own pages state. Nil, with a problem,
    /// when the head states none (a site built before the head carried it).
    func expectedBaseURL(_ head: SignedHead, into problems: inout [Diagnostic]) -> Routes? {
        if let url = head.baseURL, let routes = Routes(baseURL: url) { return routes }
        problems.append(dataProblem(SiteFiles.checkpoint, line: 1, field: "url",
                                    zh: "签名摘要没有给出站点的基本网址（site 行）：无法核对开放数据中的网址",
                                    en: "the signed head states no base URL (site line): the URLs of the open data cannot be checked against it"))
        return nil
    }

    /// An open-data file, opened to be read a buffer at a time; nil (and a problem) when it
    /// cannot be.
    func openData(_ path: String, into problems: inout [Diagnostic]) -> SiteFileReader? {
        switch SiteFileReader.open(root: site, path) {
        case .failure(let f):
            let d = Self.describe(f)
            problems.append(dataProblem(path, line: 1, zh: "/\(path) \(d.zh)", en: "/\(path) \(d.en)"))
            return nil
        case .success(let r): return r
        }
    }

    /// `filings.csv`, read as RFC 4180: each row's published columns against its record.
    /// Returns the rows read.
    func checkCSV(expected: [String: Expected], listed: Set<String>, base: Routes?, into problems: inout [Diagnostic]) -> Int {
        let path = "filings.csv"
        guard let reader = openData(path, into: &problems) else { return 0 }
        var rows = CSVRows(reader, rowLimit: Self.pageLimit, fileLimit: Self.dataLimit)
        guard let header = rows.next(), header.malformed == nil, header.cells == FilingsCSV.columns else {
            problems.append(dataProblem(path, line: 1, zh: "/\(path) 的表头不是公示的列（多出或缺少的列都不行）",
                                        en: "the header of /\(path) is not the published columns (no column may be added or left out)"))
            return 0
        }
        var seen = Set<String>()
        var count = 0
        let idColumn = FilingsCSV.columns.firstIndex(of: "ID")!
        while let row = rows.next() {
            if let why = row.malformed {
                problems.append(dataProblem(path, line: row.line, zh: "第 \(row.line) 行不是 RFC 4180 CSV：\(why.zh)（各种 CSV 解析器会读出不同的内容）",
                                            en: "line \(row.line) is not RFC 4180 CSV: \(why.en) (CSV parsers would read it differently)"))
                if row.fatal { break }
                continue
            }
            count += 1
            guard row.cells.count == FilingsCSV.columns.count else {
                problems.append(dataProblem(path, line: row.line, zh: "第 \(row.line) 行有 \(row.cells.count) 列，应为 \(FilingsCSV.columns.count) 列",
                                            en: "line \(row.line) has \(row.cells.count) columns, not \(FilingsCSV.columns.count)"))
                continue
            }
            let id = row.cells[idColumn]
            guard listed.contains(id) else {
                problems.append(dataProblem(path, line: row.line, zh: "第 \(row.line) 行的备案 \(id) 不在签名摘要中",
                                            en: "line \(row.line) names the filing \(id), which the signed head does not list"))
                continue
            }
            guard seen.insert(id).inserted else {
                problems.append(dataProblem(path, line: row.line, zh: "备案 \(id) 在第 \(row.line) 行重复出现", en: "the filing \(id) appears again on line \(row.line)"))
                continue
            }
            if row.cells[0] != String(count) {
                problems.append(dataProblem(path, line: row.line, field: "序号", zh: "第 \(row.line) 行的序号为“\(row.cells[0])”，应为 \(count)",
                                            en: "the 序号 on line \(row.line) is “\(row.cells[0])”, not \(count)"))
            }
            guard let want = expected[id]?.csv else { continue }  // its record is already reported
            for (k, column) in FilingsCSV.columns.enumerated().dropFirst() where k != idColumn {
                let got = row.cells[k]
                let w = CSVText.neutralized(want[k - 1])
                if column == "URL" {
                    guard RecordFields.urlMatches(got, id: id, base: base) else {
                        let want = base?.absolute(Routes.filing(id)) ?? "/" + Routes.filing(id)
                        problems.append(dataProblem(path, line: row.line, field: "URL", zh: "第 \(row.line) 行的 URL“\(got)”不是 \(want)",
                                                    en: "the URL “\(got)” on line \(row.line) is not \(want)"))
                        continue
                    }
                } else if got != w {
                    problems.append(dataProblem(path, line: row.line, field: RecordFields.csvKeys[column] ?? column, zh: "第 \(row.line) 行（\(id)）的“\(column)”为“\(got)”，公示记录为“\(w)”",
                                                en: "“\(column)” on line \(row.line) (\(id)) is “\(got)”, the record says “\(w)”"))
                }
            }
        }
        for id in listed.subtracting(seen).sorted() where expected[id] != nil {
            problems.append(dataProblem(path, line: 1, zh: "/\(path) 缺少备案 \(id)", en: "/\(path) lacks the filing \(id)"))
        }
        return count
    }

    /// `filings.json`, parsed as JSON (duplicate keys and keys the schema does not have are
    /// errors): each object rebuilt into a record and hashed against the head's leaf; on a
    /// difference, the fields that differ are named from the record file.
    func checkJSON(leaves: [Leaf], base: Routes?, into problems: inout [Diagnostic]) -> Int {
        let path = "filings.json"
        guard let reader = openData(path, into: &problems) else { return 0 }
        var json = StrictJSON(reader, fileLimit: Self.dataLimit)
        var byID: [String: Data] = [:]
        byID.reserveCapacity(leaves.count)
        for l in leaves { byID[l.id] = l.hash }
        var filings = FilingsJSONCheck(path: path, byID: byID, base: base)
        do {
            try json.expect(0x7B)
            var keys = Set<String>()
            var declared: Int?
            var format: String?
            repeat {
                let line = json.line
                let key = try json.key()
                guard keys.insert(key).inserted else {
                    throw StrictJSON.Failure(zh: "顶层的键“\(key)”重复出现（解析器会各取其一）",
                                             en: "the top-level key “\(key)” appears twice (parsers would each keep a different one)", line: line)
                }
                switch key {
                case "schema":
                    guard let schema = try json.value(limit: 4_096) as? String, let recordFormat = FilingsJSON.schemas[schema] else {
                        throw StrictJSON.Failure(zh: "“schema”不是 \(FilingsJSON.schema)", en: "“schema” is not \(FilingsJSON.schema)", line: line)
                    }
                    format = recordFormat
                case "count":
                    guard let n = try json.value(limit: 64) as? Int else {
                        throw StrictJSON.Failure(zh: "“count”不是整数", en: "“count” is not an integer", line: line)
                    }
                    declared = n
                case "filings":
                    guard let format else {
                        throw StrictJSON.Failure(zh: "“filings”出现在“schema”之前", en: "“filings” comes before “schema”", line: line)
                    }
                    try readFilings(&json, format: format, into: &filings, problems: &problems)
                default:
                    problems.append(dataProblem(path, line: line, field: key, zh: "/\(path) 有公示格式中没有的顶层键“\(key)”",
                                                en: "/\(path) has a top-level key the published format does not have, “\(key)”"))
                    _ = try json.value(limit: Self.pageLimit)
                }
                try json.skipSpace()
                let c = try json.next()
                if c == 0x7D { break }
                guard c == 0x2C else { throw json.failure("对象中应为“,”或“}”", "expected “,” or “}” in an object") }
            } while true
            guard try json.atEnd() else { throw json.failure("对象之后还有内容", "there is more after the object") }
            guard format != nil, keys.contains("filings") else {
                throw StrictJSON.Failure(zh: "缺少“schema”或“filings”", en: "“schema” or “filings” is missing", line: 1)
            }
            if let declared, declared != filings.count {
                problems.append(dataProblem(path, line: 1, field: "count", zh: "/\(path) 声明 \(declared) 个备案，实有 \(filings.count) 个",
                                            en: "/\(path) declares \(declared) filings but holds \(filings.count)"))
            } else if declared == nil {
                problems.append(dataProblem(path, line: 1, field: "count", zh: "/\(path) 没有“count”", en: "/\(path) has no “count”"))
            }
        } catch let f as StrictJSON.Failure {
            // A JSON parser would refuse the file (or read something else): nothing after this is believed.
            problems.append(dataProblem(path, line: f.line, zh: "/\(path) 第 \(f.line) 行不是所公示格式的 JSON：\(f.zh)",
                                        en: "/\(path) is not JSON of the published format at line \(f.line): \(f.en)"))
            return filings.count
        } catch {
            return filings.count
        }
        for l in leaves where !filings.seen.contains(l.id) {
            problems.append(dataProblem(path, line: 1, zh: "/\(path) 缺少备案 \(l.id)", en: "/\(path) lacks the filing \(l.id)"))
        }
        return filings.count
    }

    /// The array of `filings`, each object checked as it is read.
    private func readFilings(_ json: inout StrictJSON, format: String, into filings: inout FilingsJSONCheck,
                             problems: inout [Diagnostic]) throws {
        try json.expect(0x5B)
        try json.skipSpace()
        if json.peek() == 0x5D { _ = try json.next(); return }
        while true {
            try json.skipSpace()
            let at = json.line
            let object = try json.value(limit: Self.pageLimit)
            filings.check(object, line: at, format: format, verifier: self, into: &problems)
            try json.skipSpace()
            let c = try json.next()
            if c == 0x5D { break }
            guard c == 0x2C else { throw json.failure("“filings”中应为“,”或“]”", "expected “,” or “]” in “filings”") }
        }
    }
}

/// The objects of `filings.json`'s `filings`, each against the head's leaf.
struct FilingsJSONCheck {
    var path: String
    var byID: [String: Data]
    var base: Routes?
    var seen = Set<String>()
    var count = 0

    init(path: String, byID: [String: Data], base: Routes?) {
        (self.path, self.byID, self.base) = (path, byID, base)
    }

    mutating func check(_ value: Any, line: Int, format: String, verifier v: SiteVerifier, into problems: inout [Diagnostic]) {
        count += 1
        guard let object = value as? [String: Any], let id = object["id"] as? String else {
            problems.append(v.dataProblem(path, line: line, zh: "第 \(line) 行不是一个备案对象", en: "line \(line) is not a filing object"))
            return
        }
        guard let leaf = byID[id] else {
            problems.append(v.dataProblem(path, line: line, zh: "第 \(line) 行的备案 \(id) 不在签名摘要中",
                                          en: "line \(line) names the filing \(id), which the signed head does not list"))
            return
        }
        guard seen.insert(id).inserted else {
            problems.append(v.dataProblem(path, line: line, zh: "备案 \(id) 在第 \(line) 行重复出现", en: "the filing \(id) appears again on line \(line)"))
            return
        }
        // Keys the format does not have: text a reader would show beside the record's.
        let unknown = RecordFields.unknownKeys(object, format: format)
        for key in unknown {
            problems.append(v.dataProblem(path, line: line, field: key.field, zh: "第 \(line) 行（\(id)）有公示格式中没有的键“\(key.path)”",
                                          en: "line \(line) (\(id)) has a key the published format does not have, “\(key.path)”"))
        }
        let rebuilt = RecordFields.fromOpenData(object, format: format)
        let derivedOK = RecordFields.derivedFieldsMatch(object, base: base)
        if let rebuilt, derivedOK, MerkleTree.leafHash(rebuilt.bytes) == leaf { return }
        // Name the fields: from the record file, when it is the signed one.
        guard case .success(let bytes) = v.read(PublicRecord.path(id), limit: SiteVerifier.pageLimit), MerkleTree.leafHash(bytes) == leaf,
              let record = RecordFields(bytes) else { return }  // the record itself is reported
        let differing = record.differences(from: object, base: base)
        if differing.isEmpty && !unknown.isEmpty { return }  // named above
        for field in differing.isEmpty ? ["?"] : differing {
            let detail = field == "url" ? (zh: "（应为 \(base?.absolute(Routes.filing(id)) ?? "/" + Routes.filing(id))）", en: " (it must be \(base?.absolute(Routes.filing(id)) ?? "/" + Routes.filing(id)))") : (zh: "", en: "")
            problems.append(v.dataProblem(path, line: line, field: field == "?" ? nil : field,
                                          zh: "第 \(line) 行（\(id)）的 \(field) 与公示记录不符\(detail.zh)", en: "\(field) on line \(line) (\(id)) differs from the record\(detail.en)"))
        }
    }
}
