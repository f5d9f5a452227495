import CSV
public import BeianDiagnostics
public import Foundation

/// Reads the published lists and cancellation notices with a real CSV parser (cells hold
/// commas, quotes and 、), mapping columns by their header names.
public enum ListReader {
    public static let requiredColumns = ["算法名称", "主体名称", "应用产品", "主要用途", "备案编号"]

    /// The rows of a filing list; a missing column is a diagnostic at the header.
    /// Every cell over its limit (`CellLimits`) is an error and no row is returned.
    public static func filings(_ url: URL, display: String) -> ([PublishedRow], [Diagnostic]) {
        let (header, records, problem) = read(url, display: display)
        if let problem { return ([], [problem]) }
        let oversized = CellLimits.check(header: header, records: records, path: display)
        if !oversized.isEmpty { return ([], oversized) }
        let missing = requiredColumns.filter { !header.contains($0) }
        if !missing.isEmpty {
            return ([], [Diagnostic(.importRow, at: SourceLocation(path: display, line: 1),
                message: Localized(zh: "缺少列：\(missing.joined(separator: "、"))", en: "missing columns: \(missing.joined(separator: ", "))"),
                help: Localized(zh: "表头应含 算法名称、算法类别 或 角色、主体名称、应用产品、主要用途、备案编号、备注", en: "the header needs 算法名称, 算法类别 or 角色, 主体名称, 应用产品, 主要用途, 备案编号, 备注"))])
        }
        let col = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        func cell(_ r: [String], _ name: String) -> String {
            guard let i = col[name], i < r.count else { return "" }
            return r[i].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let rows = records.map { (line, r) in
            PublishedRow(line: line, period: cell(r, "period"), algorithmName: cell(r, "算法名称"), category: cell(r, "算法类别"),
                         role: cell(r, "角色"), entityName: cell(r, "主体名称"), products: cell(r, "应用产品"),
                         purpose: cell(r, "主要用途"), number: cell(r, "备案编号"), notes: cell(r, "备注"))
        }
        return (rows, [])
    }

    /// The rows of cancellation notices (`notice_date`, `notice_title`, `备案编号`, `算法名称`).
    /// Every cell over its limit (`CellLimits`) is an error and no row is returned.
    public static func cancellations(_ url: URL, display: String) -> ([CancellationRow], [Diagnostic]) {
        let (header, records, problem) = read(url, display: display)
        if let problem { return ([], [problem]) }
        let oversized = CellLimits.check(header: header, records: records, path: display)
        if !oversized.isEmpty { return ([], oversized) }
        guard let num = header.firstIndex(of: "备案编号") else {
            return ([], [Diagnostic(.importRow, at: SourceLocation(path: display, line: 1),
                message: Localized(zh: "缺少列：备案编号", en: "missing column: 备案编号"),
                help: Localized(zh: "注销公告表应含 notice_date 与 备案编号 两列", en: "a cancellation list needs notice_date and 备案编号 columns"))])
        }
        let date = header.firstIndex(of: "notice_date"), title = header.firstIndex(of: "notice_title"), name = header.firstIndex(of: "算法名称")
        func at(_ r: [String], _ i: Int?) -> String { i.flatMap { $0 < r.count ? r[$0] : nil }?.trimmingCharacters(in: .whitespaces) ?? "" }
        return (records.map { (line, r) in
            CancellationRow(line: line, noticeDate: at(r, date), noticeTitle: at(r, title), number: at(r, num), algorithmName: at(r, name))
        }, [])
    }

    static func read(_ url: URL, display: String) -> ([String], [(Int, [String])], Diagnostic?) {
        guard let data = try? Data(contentsOf: url) else {
            return ([], [], Diagnostic(.unreadable, at: SourceLocation(path: display),
                message: Localized(zh: "无法读取文件", en: "cannot read the file"),
                help: Localized(zh: "检查路径", en: "check the path")))
        }
        do {
            guard let text = String(data: data, encoding: .utf8) else {
                return ([], [], Diagnostic(.invalidUTF8, at: SourceLocation(path: display),
                    message: Localized(zh: "文件不是 UTF-8 编码", en: "the file is not UTF-8"),
                    help: Localized(zh: "另存为 UTF-8 编码的 CSV", en: "save it as a UTF-8 CSV")))
            }
            // Read from a string: CSV.swift's stream reader reports a spurious error at EOF on Linux.
            let reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: false)
            var header = reader.headerRow ?? []
            if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
            var records: [(Int, [String])] = []
            var line = 1
            while let row = reader.next() {
                line += 1
                records.append((line, row))
            }
            if let error = reader.error {
                return ([], [], Diagnostic(.importRow, at: SourceLocation(path: display, line: line + 1),
                    message: Localized(zh: "CSV 格式错误：\(error)", en: "CSV error: \(error)"),
                    help: Localized(zh: "检查该行的引号是否成对", en: "check that quotes on this row are balanced")))
            }
            return (header, records, nil)
        } catch {
            return ([], [], Diagnostic(.importRow, at: SourceLocation(path: display, line: 1),
                message: Localized(zh: "CSV 格式错误：\(error)", en: "CSV error: \(error)"),
                help: Localized(zh: "确认文件为 UTF-8 编码的 CSV", en: "make sure the file is a UTF-8 CSV")))
        }
    }
}
