/// How a document is rendered into a page: heading levels and the ids headings may take.
public struct MarkdownOptions: Sendable, Hashable {
    /// How heading levels map from the source to the page.
    public var headingLevels: HeadingLevels
    /// Put before every heading id (e.g. `sec-`), to keep ids apart from the page's own.
    public var idPrefix: String
    /// Ids the page already uses (`main`, `search` …); a heading gets `main-2` instead.
    public var reservedIDs: Set<String>
    /// The word naming each table's scrolling region (`aria-label="表格 1"`): the text's
    /// language's (`Table` for an English version, SPEC §10).
    public var tableLabel: String

    public init(headingLevels: HeadingLevels = .asWritten, idPrefix: String = "", reservedIDs: Set<String> = [],
                tableLabel: String = "表格") {
        self.headingLevels = headingLevels
        self.idPrefix = idPrefix
        self.reservedIDs = reservedIDs
        self.tableLabel = tableLabel
    }
}

/// How heading levels map from the source to the page. Levels stay within 1…6.
public enum HeadingLevels: Sendable, Hashable {
    /// `#` is `<h1>`, `##` is `<h2>` …
    case asWritten
    /// Every heading `n` levels deeper: with 1, `#` is `<h2>`.
    case shifted(by: Int)
    /// The document's highest heading becomes this level and the rest keep their distance:
    /// with 2, a document using `#` and `##` gets `<h2>` and `<h3>`, and one starting at `##`
    /// is unchanged. For pages that have their own `<h1>`.
    case startingAt(Int)

    /// The number of levels to add, given the levels the document uses.
    func shift(forLevels levels: [Int]) -> Int {
        switch self {
        case .asWritten: 0
        case .shifted(let n): n
        case .startingAt(let top): levels.min().map { top - $0 } ?? 0
        }
    }
}
