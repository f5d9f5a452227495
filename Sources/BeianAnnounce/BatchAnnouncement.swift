import BeianContent
public import BeianDiagnostics
public import BeianModel
import BeianPortal
public import Foundation

/// One batch announcement as CAC publishes them — 《关于发布第N批…算法备案信息的公告》 — with
/// the list of the filings approved in a period, as Markdown for `content/announcements/` and
/// as CSV for `content/files/` (`beian announce batch`, docs/announcements.md).
///
/// Which filings: those whose approval date lies in the period (both ends included) and that
/// belong to the list (`BatchList.of`). An imported filing's approval date is the first day of
/// the month of the published list that first listed it, so `--from 2025-05-01 --to
/// 2025-05-31` selects the 2025-05 lists. A filing cancelled since is listed (it was approved
/// in the period) with `已注销（date）` in 备注.
public struct BatchAnnouncement: Sendable {
    public var mark: BatchMark
    /// 发布日期 of the announcement.
    public var date: CalendarDate
    /// The filings listed, in list order (approval date, then number).
    public var filings: [PublicFiling]
    /// The slug of the announcement already written for this list and period, if any: the
    /// batch is written there again (refused without `--force`), never beside it under a
    /// second name with the same N.
    public var existingSlug: String?
    /// `<date>-<list>-batch-<N>` (or `existingSlug`): the announcement's file name and URL,
    /// and the CSV's name.
    public var slug: String { existingSlug ?? "\(date)-\(mark.list.rawValue)-batch-\(mark.number)" }
    /// Relative to the content folder.
    public var markdownPath: String { "announcements/\(slug).md" }
    /// Relative to the content folder; published as `/files/<slug>.csv`.
    public var csvPath: String { "files/\(slug).csv" }
    /// 关于发布第十二批境内互联网信息服务算法备案信息的公告.
    public var title: String { "关于发布第\(Self.chineseNumeral(mark.number))批\(mark.list.titleName)备案信息的公告" }

    /// The columns CAC publishes for each list: 算法类别 in the algorithm lists, 角色 in the
    /// deep-synthesis lists.
    public static func columns(_ list: BatchList) -> [String] {
        ["序号", "算法名称", list == .algorithm ? "算法类别" : "角色", "主体名称", "应用产品", "主要用途", "备案编号", "备注"]
    }

    /// The batches for the period, one per list of `lists` that has filings in it (in the order
    /// of `lists`), numbered on from `published` and the imported lists (`nextNumber`).
    /// `existing` names the announcement (slug) already holding a mark, so that a period
    /// written again goes to the same file.
    public static func plan(filings: [PublicFiling], from: CalendarDate, to: CalendarDate, lists: [BatchList],
                            published: [BatchMark], existing: [BatchMark: String] = [:], date: CalendarDate) -> [BatchAnnouncement] {
        lists.compactMap { list in
            let chosen = filings.filter { (from...to).contains($0.approvedOn) && BatchList.of(type: $0.type, approvedOn: $0.approvedOn) == list }
                .sorted { ($0.approvedOn, $0.number.digits) < ($1.approvedOn, $1.number.digits) }
            guard !chosen.isEmpty else { return nil }
            let n = nextNumber(list: list, from: from, published: published, filings: filings)
            // The first by name when several announcements claim the period (order is never the dictionary's).
            let same = existing.filter { $0.key.list == list && $0.key.from == from && $0.key.to == to }.values.min()
            let mark = BatchMark(list: list, number: n, from: from, to: to)
            return BatchAnnouncement(mark: mark, date: date, filings: chosen, existingSlug: same)
        }
    }

    /// N of a batch starting on `from`: one more than the most batches of that list already
    /// published before it — the highest `batch.number` among announcements whose period starts
    /// earlier, or the number of published lists imported (distinct months of the imported
    /// filings' approval dates) before `from`, whichever is higher. An announcement for the
    /// same or a later period does not count, so writing a period again gives it its number again.
    public static func nextNumber(list: BatchList, from: CalendarDate, published: [BatchMark], filings: [PublicFiling]) -> Int {
        let written = published.filter { $0.list == list && $0.from < from }.map(\.number).max() ?? 0
        var months: Set<Int> = []
        for f in filings where f.imported && f.approvedOn < from && BatchList.of(type: f.type, approvedOn: f.approvedOn) == list {
            months.insert(f.approvedOn.year * 12 + f.approvedOn.month)
        }
        return max(written, months.count) + 1
    }

    /// 备注 as listed: the filing's notes, then for a cancelled filing `已注销（date）` — replacing
    /// a bare `已注销` note; without a known date, only when no note says 已注销 already.
    static func notes(_ f: PublicFiling) -> String {
        guard f.status == .cancelled else { return f.notesText }
        var notes = f.notes.filter { PublicNote($0) != .cancelled }
        if let date = f.cancelledOn {
            notes.append("\(PublicNote.cancelled.text)（\(date)）")
        } else if !notes.contains(where: { PublicNote($0).saysCancelled }) {
            notes.append(PublicNote.cancelled.text)
        }
        return notes.joined(separator: "；")
    }

    /// The row of a filing (1-based `index`), in `columns` order, unescaped.
    func cells(_ f: PublicFiling, index: Int) -> [String] {
        [String(index), f.algorithmName, mark.list == .algorithm ? f.type.rawValue : f.role.rawValue, f.entityName,
         f.productsText, f.purpose, f.number.description, Self.notes(f)]
    }

    /// The CSV: UTF-8 with a BOM, CRLF records, every cell through `CSVText` (quoting and
    /// formula neutralising) after `PlainText` — the rules of the portal's `filings.csv`.
    public func csv() -> Data {
        var out = "\u{FEFF}" + CSVText.row(Self.columns(mark.list))
        for (i, f) in filings.enumerated() { out += CSVText.row(cells(f, index: i + 1).map(PlainText.clean)) }
        return Data(out.utf8)
    }

    /// The announcement: front matter (`AnnouncementFrontMatter`, BeianContent's own writer:
    /// title, date, summary, `batch:`), a paragraph, the link
    /// to the CSV (under `basePath`, the path of the site's base URL, e.g. `/`), the table.
    /// Every filer string passes `MarkdownText.tableCell`.
    public func markdown(basePath: String) -> String {
        let m = mark
        let cancelled = filings.filter { $0.status == .cancelled }.count
        let regulation = m.list == .algorithm ? "《互联网信息服务算法推荐管理规定》" : "《互联网信息服务深度合成管理规定》"
        let period = "\(Self.chineseDate(m.from))至 \(Self.chineseDate(m.to))"
        let what = m.list == .algorithm ? "境内互联网信息服务算法" : "深度合成服务算法"
        let header = AnnouncementFrontMatter(title: title, date: date, summary: "公布 \(period)通过备案的 \(filings.count) 个\(what)。", batch: m)
        var s = header.rendered() + """

            根据\(regulation)，现公开发布第\(Self.chineseNumeral(m.number))批\(what)备案信息：\(period)通过备案的 \(filings.count) 个算法，清单如下\(cancelled > 0 ? "（其中 \(cancelled) 个已注销，见备注）" : "")。公众可在“备案清单”中按备案编号查看各算法的公示内容。

            清单下载：[第\(Self.chineseNumeral(m.number))批\(what)备案清单（CSV）](\(basePath.hasSuffix("/") ? basePath : basePath + "/")files/\(slug).csv)


            """
        let columns = Self.columns(m.list)
        s += "| " + columns.joined(separator: " | ") + " |\n"
        s += "|" + String(repeating: "---|", count: columns.count) + "\n"
        for (i, f) in filings.enumerated() {
            s += "| " + cells(f, index: i + 1).map(MarkdownText.tableCell).joined(separator: " | ") + " |\n"
        }
        return s
    }

    /// 2025 年 5 月 1 日.
    static func chineseDate(_ d: CalendarDate) -> String { "\(d.year) 年 \(d.month) 月 \(d.day) 日" }

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 110 → 一百一十; 1…9999.
    public static func chineseNumeral(_ n: Int) -> String {
        let digits = Array("零一二三四五六七八九")
        guard n > 0, n < 10_000 else { return String(n) }
        if n < 10 { return String(digits[n]) }
        if n < 20 { return "十" + (n % 10 == 0 ? "" : String(digits[n % 10])) }
        let units: [(Int, String)] = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
        var out = ""
        var pendingZero = false
        for (value, name) in units {
            let d = (n / value) % 10
            if d == 0 {
                if !out.isEmpty { pendingZero = true }
                continue
            }
            if pendingZero { out.append("零"); pendingZero = false }
            out += String(digits[d]) + name
        }
        return out
    }
}

extension BatchAnnouncement {
    /// C803: no filing of `lists` approved in the period (`registry` as the user named it,
    /// `total` its filings, to tell an empty registry from a wrong period).
    public static func emptyPeriod(_ period: ClosedRange<CalendarDate>, lists: [BatchList], registry: String, total: Int) -> Diagnostic {
        let zhLists = lists.map(\.titleName).joined(separator: "或")
        let enLists = lists.map(\.rawValue).joined(separator: " or ")
        return Diagnostic(
            .batchEmpty, at: SourceLocation(path: registry),
            message: Localized(zh: "\(period.lowerBound) 至 \(period.upperBound) 没有通过备案的\(zhLists)（登记簿共 \(total) 个备案）；未写入任何文件",
                               en: "no \(enLists) filing was approved from \(period.lowerBound) to \(period.upperBound) (the registry has \(total) filings); nothing written"),
            help: Localized(zh: "检查 --from、--to 与 --registry；导入的备案以其清单所在月份的 1 日为通过日期",
                            en: "check --from, --to and --registry; an imported filing counts as approved on the first day of its list's month"))
    }
}
