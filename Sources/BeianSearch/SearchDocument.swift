import BeianModel

/// The searchable view of one filing: which texts count as names, which as purpose, and the
/// facet values. Document ids are positions in `SearchDocument.order(_:)`.
struct SearchDocument: Sendable {
    let filing: PublicFiling
    /// Entity, algorithm, every product as published (`名称（形态）`) and every product's host
    /// (`shop.example.cn`): the name texts.
    let names: [String]
    /// Entity, algorithm and product names without their form: the texts whose start and end
    /// make a match "exact" or "prefix".
    let anchored: [String]

    init(_ filing: PublicFiling) {
        self.filing = filing
        names = [filing.entityName, filing.algorithmName] + filing.products + filing.hosts
        anchored = [filing.entityName, filing.algorithmName] + filing.products.map(SearchDocument.productName) + filing.hosts
    }

    /// The documents of `filings` in id order (as `orderIndices`).
    static func order(_ filings: [PublicFiling]) -> [SearchDocument] {
        orderIndices(filings).map { SearchDocument(filings[$0]) }
    }

    /// Newest first (the "then by date" of the ranking), ties by number; duplicates of a number
    /// keep the first. Returns indices into `filings`; sorts on integers, compares no strings.
    static func orderIndices(_ filings: [PublicFiling], summaries: [FilingSummary]? = nil) -> [Int] {
        let keys = summaries?.count == filings.count ? summaries!.map(\.order) : filings.map(\.listOrderKey)
        // Packed next to each index, so the sort reads one array (newest day first: negated).
        var packed = keys.enumerated().map { (day: -$0.element.day, head: $0.element.head, last: $0.element.last, at: $0.offset) }
        packed.sort { ($0.day, $0.head, $0.last, $0.at) < ($1.day, $1.head, $1.last, $1.at) }
        let order = packed.map(\.at)
        let repeated = FilingSummary.repeatedNumbers(summaries?.count == filings.count ? summaries! : filings.map { FilingSummary($0) })
        guard !repeated.isEmpty else { return order }
        var seen = Set<FilingOrderKey>()
        return order.filter { seen.insert(FilingOrderKey(day: 0, head: keys[$0].head, last: keys[$0].last)).inserted }
    }

    /// `网易新闻（APP）` → `网易新闻`: the name before the last bracketed form, if any.
    static func productName(_ product: String) -> String {
        let scalars = Array(product.unicodeScalars)
        guard let last = scalars.last, last == "）" || last == ")",
              let open = scalars.lastIndex(where: { $0 == "（" || $0 == "(" })
        else { return product }
        return String(String.UnicodeScalarView(scalars[..<open]))
    }

    /// The province-level code (two digits) used by the province facet; `00` when unknown.
    var provinceCode: String {
        Region.provinceName(of: filing.region) == nil ? "00" : String(filing.region.prefix(2))
    }
}

/// Filings seen in document order through an index, so none is copied, with the summary of
/// each: its `contentKey` is what the document's index entries are compared by (equal keys,
/// equal entries).
struct OrderedFilings: RandomAccessCollection, Sendable {
    let filings: [PublicFiling]
    let order: [Int]
    /// The summary of each filing of `filings` (not reordered), given or computed.
    let summaries: [FilingSummary]

    /// The filings in document order (newest first), without making their documents or copying them.
    init(_ filings: [PublicFiling], summaries: [FilingSummary]?) {
        self.filings = filings
        self.summaries = summaries?.count == filings.count ? summaries! : filings.map { FilingSummary($0) }
        order = SearchDocument.orderIndices(filings, summaries: self.summaries)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { order.count }
    subscript(i: Int) -> PublicFiling { filings[order[i]] }

    /// The summary of the `i`th document.
    func summary(_ i: Int) -> FilingSummary { summaries[order[i]] }
}
