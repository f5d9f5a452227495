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
        orderIndices(filings).map { SearchDocument(filings[$0]) }
    }

    /// The filings in document order (as `order`), without making their documents or copying them.
    static func ordered(_ filings: [PublicFiling]) -> OrderedFilings {
        OrderedFilings(filings: filings, order: orderIndices(filings))
    }

    static func orderIndices(_ filings: [PublicFiling]) -> [Int] {
        let day = filings.map { $0.approvedOn.year * 10_000 + $0.approvedOn.month * 100 + $0.approvedOn.day }
        let digits = filings.map(\.number.digits)
        let order = filings.indices.sorted {
            day[$0] != day[$1] ? day[$0] > day[$1] : digits[$0] < digits[$1]  // ASCII digits: byte order
        }
        var seen = Set<String>()
        return order.filter { seen.insert(digits[$0]).inserted }
    }

    /// A digest of everything the index takes from a filing (texts, facets, dates): equal
    /// fingerprints, equal index entries. FNV-1a 64 with a separator after each field.
    static func fingerprint(_ f: PublicFiling) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ s: String) {
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            h = (h ^ 0x1F) &* 0x100_0000_01b3
        }
        add(f.number.digits); add(f.algorithmName); add(f.entityName); add(f.entityID); add(f.region)
        add(f.type.code); add(f.role.rawValue); add(f.status.rawValue); add(f.purpose)
        for d in [f.approvedOn, f.cancelledOn ?? CalendarDate(year: 1, month: 1, day: 1)!] {
            h = (h ^ UInt64(d.year * 10_000 + d.month * 100 + d.day)) &* 0x100_0000_01b3
        }
        h = (h ^ (f.cancelledOn == nil ? 0 : 1)) &* 0x100_0000_01b3
        add(String(f.products.count))
        for p in f.products { add(p) }
        return h
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

/// Filings seen in document order through an index, so none is copied.
struct OrderedFilings: RandomAccessCollection, Sendable {
    let filings: [PublicFiling]
    let order: [Int]
    var startIndex: Int { 0 }
    var endIndex: Int { order.count }
    subscript(i: Int) -> PublicFiling { filings[order[i]] }
}
