public import BeianDiagnostics
public import BeianModel

/// What an import will write: filings grouped by entity, and every problem found in the rows.
///
/// Rules for dirty rows (documented in docs/import.md):
/// - a number that is not 21 digits is repaired only when deleting exactly one digit gives a
///   number with a valid check digit (and, when 算法类别 is given, the matching type code);
///   otherwise the row is skipped;
/// - a 21-digit number whose check digit fails is kept as published (it is the filing's public
///   id) with a warning;
/// - a number listed again is one filing: the first listing's period is its approval date,
///   the latest listing's fields are current, and 备注 of all listings are kept.
public struct ImportPlan: Sendable {
    public struct EntityPlan: Sendable {
        public var entityID: String
        public var name: String
        public var region: String
        public var filings: [PublicFiling]
        public var bundleID: String { "cac-\(entityID)" }
    }

    public var entities: [EntityPlan]
    public var diagnostics: [Diagnostic]
    public var rowsRead: Int
    public var cancellationsApplied: Int

    public var filingCount: Int { entities.reduce(0) { $0 + $1.filings.count } }

    /// Plans the import of `rows` and `cancellations`; `display` names the files in messages.
    public static func make(rows: [PublishedRow], listDisplay: String,
                            cancellations: [CancellationRow], cancellationsDisplay: String) -> ImportPlan {
        var diags: [Diagnostic] = []
        func warn(_ line: Int, _ path: String, _ zh: String, _ en: String, help: Localized, error: Bool = false) {
            diags.append(Diagnostic(.importRow, at: SourceLocation(path: path, line: line), severity: error ? .error : .warning,
                                    message: Localized(zh: zh, en: en), help: help))
        }
        var byNumber: [String: (filing: PublicFiling, line: Int, period: String)] = [:]
        var order: [String] = []
        for row in rows {
            guard let number = resolveNumber(row, path: listDisplay, warn: warn) else { continue }
            guard let type = resolveType(row, number: number, path: listDisplay, warn: warn) else { continue }
            let role = AlgorithmRole(rawValue: row.role) ?? (row.role.hasPrefix("服务技术") ? .technicalSupporter : .provider)
            let approved = approvalDate(period: row.period, number: number)
            let notes = row.notes.isEmpty ? [] : [row.notes]
            var filing = PublicFiling(
                number: number, algorithmName: row.algorithmName, type: type, role: role, entityName: row.entityName,
                entityID: number.entityID, region: number.region, products: ProductList.parse(row.products), purpose: row.purpose,
                disclosure: "", approvedOn: approved, notes: notes,
                history: [PublicEvent(date: approved, note: row.period.isEmpty ? PublicNote.filed : .listed(period: row.period), kind: .filed)],
                imported: true)
            if PublicNote(row.notes).saysCancelled { filing.status = .cancelled }
            if let existing = byNumber[number.digits] {
                warn(row.line, listDisplay, "备案编号 \(number) 再次出现（首次在第 \(existing.line) 行），合并为同一备案",
                     "filing \(number) is listed again (first on line \(existing.line)); merged into one filing",
                     help: Localized(zh: "无需处理：首次公布日期为备案日期，最新一行的内容为当前内容", en: "nothing to do: the first listing dates the filing, the latest row is current"))
                filing.approvedOn = min(existing.filing.approvedOn, approved)
                // The public fields this listing changed (name, type, role, entity, products, purpose).
                filing.history = existing.filing.history + [PublicEvent(date: approved, note: PublicNote.listedAgain(period: row.period), kind: .changed,
                                                                         changes: PublicChange.between(existing.filing, filing))]
                filing.notes = existing.filing.notes + notes.filter { !existing.filing.notes.contains($0) }
                if existing.filing.status == .cancelled { filing.status = .cancelled }
            } else {
                order.append(number.digits)
            }
            byNumber[number.digits] = (filing, byNumber[number.digits]?.line ?? row.line, row.period)
        }
        var applied = 0
        for c in cancellations {
            guard let digits = FilingNumber.bareDigits(c.number), var entry = byNumber[digits] else {
                warn(c.line, cancellationsDisplay, "注销的备案编号 \(c.number) 不在导入的清单中，已跳过", "cancelled number \(c.number) is not in the imported lists; skipped",
                     help: Localized(zh: "先导入包含该备案的清单", en: "import the list that holds this filing first"))
                continue
            }
            guard let date = CalendarDate(c.noticeDate) else {
                warn(c.line, cancellationsDisplay, "公告日期“\(c.noticeDate)”无效", "notice date '\(c.noticeDate)' is invalid",
                     help: Localized(zh: "notice_date 应为 YYYY-MM-DD", en: "notice_date must be YYYY-MM-DD"), error: true)
                continue
            }
            entry.filing.status = .cancelled
            entry.filing.cancelledOn = date
            byNumber[digits] = entry
            applied += 1
        }
        // Group by the 7-digit entity id; the latest listing names the entity.
        var groups: [String: [String]] = [:]
        for digits in order { groups[byNumber[digits]!.filing.entityID, default: []].append(digits) }
        let entities = groups.keys.sorted().map { id -> EntityPlan in
            let entries = groups[id]!.map { byNumber[$0]! }
            let latest = entries.max { ($0.period, $0.line) < ($1.period, $1.line) }!
            return EntityPlan(entityID: id, name: latest.filing.entityName, region: latest.filing.number.region,
                              filings: entries.map(\.filing).sorted { $0.number < $1.number })
        }
        return ImportPlan(entities: entities, diagnostics: diags.sorted(), rowsRead: rows.count, cancellationsApplied: applied)
    }

    static func resolveNumber(_ row: PublishedRow, path: String,
                              warn: (Int, String, String, String, Localized, Bool) -> Void) -> FilingNumber? {
        let help = Localized(zh: "核对原公告中的备案编号", en: "check the number against the original notice")
        guard let digits = FilingNumber.bareDigits(row.number) else {
            warn(row.line, path, "备案编号“\(row.number)”无法识别，已跳过", "filing number '\(row.number)' is not a number; row skipped", help, true)
            return nil
        }
        if digits.count == 21 {
            let n = FilingNumber(published: digits)!
            if !n.isChecked {
                warn(row.line, path, "备案编号 \(n) 校验位不符，按公布原样收录", "filing number \(n) fails its check digit; kept as published", help, false)
            }
            return n
        }
        if digits.count == 22 {
            let chars = Array(digits)
            var candidates: Set<String> = []
            for i in chars.indices {
                var c = chars
                c.remove(at: i)
                let s = String(c)
                guard FilingNumber.isChecked(s) else { continue }
                if let t = expectedTypeCode(row.category), FilingNumber(s)!.typeCode != t && !(row.category == "检索过滤类") { continue }
                candidates.insert(s)
            }
            if candidates.count == 1, let fixed = FilingNumber(candidates.first!) {
                warn(row.line, path, "备案编号“\(row.number)”有 22 位，按校验位更正为 \(fixed)", "filing number '\(row.number)' has 22 digits; corrected to \(fixed) by its check digit", help, false)
                return fixed
            }
        }
        warn(row.line, path, "备案编号“\(row.number)”有 \(digits.count) 位（应为 21 位），已跳过", "filing number '\(row.number)' has \(digits.count) digits (not 21); row skipped", help, true)
        return nil
    }

    static func resolveType(_ row: PublishedRow, number: FilingNumber, path: String,
                            warn: (Int, String, String, String, Localized, Bool) -> Void) -> AlgorithmType? {
        let fromCode = AlgorithmType(code: number.typeCode)
        if row.category.isEmpty || row.category == "检索过滤类" {
            if let t = fromCode { return t }
            warn(row.line, path, "无法从备案编号确定算法类别", "cannot tell the algorithm type from the number", Localized(zh: "补充 算法类别 列", en: "fill the 算法类别 column"), true)
            return nil
        }
        guard let t = AlgorithmType(rawValue: row.category) else {
            warn(row.line, path, "未知的算法类别“\(row.category)”", "unknown algorithm type '\(row.category)'", Localized(zh: "使用六类算法之一", en: "use one of the six types"), true)
            return nil
        }
        return t
    }

    static func expectedTypeCode(_ category: String) -> String? { AlgorithmType(rawValue: category)?.code }

    /// The list's period as a date (its first day); without a period, January of the number's year.
    static func approvalDate(period: String, number: FilingNumber) -> CalendarDate {
        if let d = CalendarDate(period + "-01") { return d }
        return CalendarDate(year: 2000 + number.year, month: 1, day: 1)!
    }
}
