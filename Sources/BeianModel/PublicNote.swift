/// A public note (备注, and the note of a step of 公示历史) as a value: one the registry, the
/// importer or the preview writes, or text someone else wrote (a reviewer's note on an approved
/// change, a cell of a published list).
///
/// Notes are for people: the registry writes them with `text` (their Chinese form, the one
/// stored in ledgers, snapshots and caches, unchanged), and pages show them with `english` on
/// English pages. Code decides from typed facts (the ledger's actions, `PublicEventKind`,
/// `PublicNote` cases), never by comparing a note's text: `init(_:)` is the one place stored
/// text is read back into a note, so that text stays translatable.
public enum PublicNote: Sendable, Hashable {
    /// 备案通过: the first step of a filing.
    case filed
    /// 已注销: the filing was cancelled (at its filer's request).
    case cancelled
    /// 主体已注销: the filing's entity was cancelled, and the filing with it.
    case entityCancelled
    /// 监管部门注销: the regulator cancelled the filing (or its entity) on its own.
    case regulatorCancelled
    /// 备案信息变更: an approved change of the filing that changed none of the fields named below.
    case filingChanged
    /// 主体信息变更: an approved change of the entity's public fields (name, region).
    case entityChanged
    /// 原主体名称“old”变更为“new”: the entity was renamed.
    case entityRenamed(old: String, new: String)
    /// An approved change of an algorithm, naming what changed, in order (`；` between them).
    case algorithmChanged([AlgorithmChange])
    /// 列入 <period> 公布的备案清单: first listed in a published list (`beian import`).
    case listed(period: String)
    /// 再次列入 <period> 公布的备案清单: listed again in a later published list.
    case listedAgain(period: String)
    /// 预览（未备案）: a draft shown by `beian preview`.
    case preview
    /// Text the registry did not write: shown as written, marked as Chinese on English pages.
    case written(String)

    /// One part of an algorithm's change note.
    public enum AlgorithmChange: Sendable, Hashable {
        /// 算法名称由“old”变更为“new”.
        case renamed(old: String, new: String)
        /// 应用产品变更, 主要用途变更, 公示内容变更.
        case products, purpose, disclosure
    }

    /// The note a stored text is: a note the registry writes when `text` is exactly what it
    /// writes for it, else `.written(text)`.
    public init(_ text: String) {
        let note = Self.parse(text)
        self = note.text == text ? note : .written(text)
    }

    /// The note as written and stored (Chinese).
    public var text: String {
        switch self {
        case .filed: "备案通过"
        case .cancelled: "已注销"
        case .entityCancelled: "主体已注销"
        case .regulatorCancelled: "监管部门注销"
        case .filingChanged: "备案信息变更"
        case .entityChanged: "主体信息变更"
        case .entityRenamed(let old, let new): "原主体名称“\(old)”变更为“\(new)”"
        case .algorithmChanged(let parts): parts.map(\.text).joined(separator: "；")
        case .listed(let period): "列入 \(period) 公布的备案清单"
        case .listedAgain(let period): "再次列入 \(period) 公布的备案清单"
        case .preview: "预览（未备案）"
        case .written(let text): text
        }
    }

    /// The note on English pages; nil for text the registry did not write.
    public var english: String? {
        switch self {
        case .filed: "Filed"
        case .cancelled: "Cancelled"
        case .entityCancelled: "Entity cancelled"
        case .regulatorCancelled: "Cancelled by the regulator"
        case .filingChanged: "Filing details changed"
        case .entityChanged: "Entity details changed"
        // A note that quotes a name stays as written (shown marked lang="zh-CN"): the names are
        // the filer's Chinese text, and one string cannot mark them inside an English sentence.
        // Translating it needs the note rendered in parts, each with its own language.
        case .entityRenamed: nil
        case .algorithmChanged(let parts) where parts.contains(where: \.quotesAName): nil
        case .algorithmChanged(let parts):
            // Parts in the order written, the first capitalized: "Products changed; purpose changed".
            parts.map(\.english).joined(separator: "; ").capitalizingFirst
        case .listed(let period): "Listed in the filing list published " + Self.monthText(period)
        case .listedAgain(let period): "Listed again in the filing list published " + Self.monthText(period)
        case .preview: "Preview (not filed)"
        case .written: nil
        }
    }

    /// True when the note says, in words, that the filing is cancelled (已注销): the registry's
    /// own cancellation notes, and a published list's 备注 cell that says so (the only record
    /// an imported list keeps of a cancellation).
    public var saysCancelled: Bool { text.contains(PublicNote.cancelled.text) }

    /// `2025-05` → `in May 2025`; anything else as it is, after `on`.
    private static func monthText(_ period: String) -> String {
        let parts = period.split(separator: "-")
        if parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), let d = CalendarDate(year: y, month: m, day: 1) {
            return "in " + d.englishMonth
        }
        return "on " + period
    }

    /// The note `text` reads as (`init` keeps it only when it gives `text` back).
    private static func parse(_ text: String) -> PublicNote {
        let fixed: [PublicNote] = [.filed, .cancelled, .entityCancelled, .regulatorCancelled, .filingChanged, .entityChanged, .preview]
        if let note = fixed.first(where: { $0.text == text }) { return note }
        if let period = text.between("再次列入 ", " 公布的备案清单") { return .listedAgain(period: period) }
        if let period = text.between("列入 ", " 公布的备案清单") { return .listed(period: period) }
        if let names = text.between("原主体名称“", "”"), case let (old, new)? = names.split(around: "”变更为“") {
            return .entityRenamed(old: old, new: new)
        }
        let parts = text.split(separator: "；", omittingEmptySubsequences: false).map { AlgorithmChange(String($0)) }
        if !parts.isEmpty, !parts.contains(nil) { return .algorithmChanged(parts.compactMap { $0 }) }
        return .written(text)
    }
}

extension PublicNote.AlgorithmChange {
    /// The part as written.
    public var text: String {
        switch self {
        case .renamed(let old, let new): "算法名称由“\(old)”变更为“\(new)”"
        case .products: "应用产品变更"
        case .purpose: "主要用途变更"
        case .disclosure: "公示内容变更"
        }
    }

    /// True for the part that quotes the algorithm's names (filer text, in Chinese).
    public var quotesAName: Bool {
        if case .renamed = self { return true }
        return false
    }

    /// The part on English pages.
    public var english: String {
        switch self {
        case .renamed(let old, let new): "algorithm renamed from “\(old)” to “\(new)”"
        case .products: "products changed"
        case .purpose: "purpose changed"
        case .disclosure: "disclosure changed"
        }
    }

    init?(_ text: String) {
        if let fixed = [Self.products, .purpose, .disclosure].first(where: { $0.text == text }) {
            self = fixed
        } else if let names = text.between("算法名称由“", "”"), case let (old, new)? = names.split(around: "”变更为“") {
            self = .renamed(old: old, new: new)
        } else {
            return nil
        }
    }
}

private extension String {
    var capitalizingFirst: String { prefix(1).uppercased() + dropFirst() }

    /// The text between `prefix` and `suffix` when it starts and ends with them.
    func between(_ prefix: String, _ suffix: String) -> String? {
        guard hasPrefix(prefix), hasSuffix(suffix), count >= prefix.count + suffix.count else { return nil }
        return String(dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// The text before and after the first `separator`.
    func split(around separator: String) -> (String, String)? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(separator) { return (String(self[..<i]), String(self[i...].dropFirst(separator.count))) }
            i = index(after: i)
        }
        return nil
    }
}
