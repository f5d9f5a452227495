import BeianModel

/// The searchable view of one filing: which texts count as names, which as purpose, and the
/// facet values. Document ids are positions in `SearchDocument.order(_:)`.
struct SearchDocument: Sendable {
    let filing: PublicFiling
    /// Entity, algorithm and every product as published (`名称（形态）`): the name texts.
    let names: [String]
    /// Entity, algorithm and product names without their form: the texts whose start and end
    /// make a match "exact" or "prefix".
    let anchored: [String]

    init(_ filing: PublicFiling) {
        self.filing = filing
        names = [filing.entityName, filing.algorithmName] + filing.products
        anchored = [filing.entityName, filing.algorithmName] + filing.products.map(SearchDocument.productName)
    }

    /// Newest first (the "then by date" of the ranking), ties by number; duplicates of a number
    /// keep the first.
    static func order(_ filings: [PublicFiling]) -> [SearchDocument] {
        let day = filings.map { $0.approvedOn.year * 10_000 + $0.approvedOn.month * 100 + $0.approvedOn.day }
        let digits = filings.map { Array($0.number.digits.utf8) }
        let order = filings.indices.sorted {
            day[$0] != day[$1] ? day[$0] > day[$1] : digits[$0].lexicographicallyPrecedes(digits[$1])
        }
        var seen = Set<[UInt8]>()
        return order.filter { seen.insert(digits[$0]).inserted }.map { SearchDocument(filings[$0]) }
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
