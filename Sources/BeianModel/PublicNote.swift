/// A public note (备注, and the note of a step of 公示历史) as a value: one the registry, the
/// importer or the preview writes, or text someone else wrote (a reviewer's note on an approved
/// change, a cell of a published list).
///
/// Notes are for people: the registry writes them with `text` (their Chinese form, the one
/// stored in ledgers, snapshots and caches, unchanged), and English pages show them in parts
/// (`englishParts`: English words, the names they quote as filed), one string where a note
/// quotes no name (`english`, a feed's text). Code decides from typed facts (the ledger's actions, `PublicEventKind`,
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

    /// One part of a note on English pages: English words, or a name the note quotes, as filed.
    public enum EnglishPart: Sendable, Hashable {
        /// English text.
        case english(String)
        /// A name as its filer wrote it (Chinese): a page marks it `lang="zh-CN"`.
        case name(String)

        /// The part's text.
        public var text: String {
            switch self {
            case .english(let text), .name(let text): text
            }
        }

        /// True for a quoted name.
        public var isName: Bool {
            if case .name = self { return true }
            return false
        }

        /// `<subject> renamed from “old” to “new”`, the names as parts of their own.
        static func renamed(_ subject: String, _ old: String, _ new: String) -> [Self] {
            [.english(subject + " renamed from “"), .name(old), .english("” to “"), .name(new), .english("”")]
        }

        /// `parts` with the first letter of the first (English) part capitalized.
        static func capitalizingFirst(_ parts: [Self]) -> [Self] {
            guard case .english(let first)? = parts.first else { return parts }
            return [.english(first.prefix(1).uppercased() + first.dropFirst())] + parts.dropFirst()
        }
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

    /// The note on English pages, in parts: English words, and the names it quotes as their
    /// filer wrote them (Chinese), which a page marks `lang="zh-CN"` one by one — so a rename
    /// reads `Entity renamed from “<name>” to “<name>”`. Nil for text the registry did not write.
    public var englishParts: [EnglishPart]? {
        switch self {
        case .filed: [.english("Filed")]
        case .cancelled: [.english("Cancelled")]
        case .entityCancelled: [.english("Entity cancelled")]
        case .regulatorCancelled: [.english("Cancelled by the regulator")]
        case .filingChanged: [.english("Filing details changed")]
        case .entityChanged: [.english("Entity details changed")]
        case .entityRenamed(let old, let new): EnglishPart.renamed("Entity", old, new)
        case .algorithmChanged(let parts):
            // Parts in the order written, the first capitalized: "Products changed; purpose changed".
            EnglishPart.capitalizingFirst(parts.enumerated().flatMap { n, part -> [EnglishPart] in
                n == 0 ? part.englishParts : [.english("; ")] + part.englishParts
            })
        case .listed(let period): [.english("Listed in the filing list published " + Self.monthText(period))]
        case .listedAgain(let period): [.english("Listed again in the filing list published " + Self.monthText(period))]
        case .preview: [.english("Preview (not filed)")]
        case .written: nil
        }
    }

    /// The note on English pages as one string, where it quotes no name (one string cannot
    /// mark a Chinese name inside an English sentence: `englishParts` can); else nil.
    public var english: String? {
        guard let parts = englishParts, !parts.contains(where: \.isName) else { return nil }
        return parts.map(\.text).joined()
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

    /// The part on English pages, in parts (`PublicNote.englishParts`).
    public var englishParts: [PublicNote.EnglishPart] {
        switch self {
        case .renamed(let old, let new): PublicNote.EnglishPart.renamed("algorithm", old, new)
        case .products: [.english("products changed")]
        case .purpose: [.english("purpose changed")]
        case .disclosure: [.english("disclosure changed")]
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
