import BeianStore

/// Which list of a term a posting goes to (the slot in the term's entry).
enum ListKind: Int, CaseIterable {
    /// The term occurs in a name text (entity, algorithm, product).
    case names = 0
    /// A name (entity, algorithm, product without its form) starts with the term: "prefix".
    case starts = 1
    /// The term occurs in the purpose (主要用途).
    case purpose = 2

    static let slots = 3
}

/// Every term's posting lists, filled document by document in id order (so lists stay sorted).
struct TermTable {
    private var packedIDs: [UInt64: Int32] = [:]
    private var namedIDs: [String: Int32] = [:]
    private(set) var keys: [String] = []
    /// `lists[term * ListKind.slots + kind]`: sorted document ids.
    private(set) var lists: [[Int32]] = []
    /// Exact names (folded) → filings whose entity [0] or algorithm or product [1] has that name.
    private(set) var exact: [String: [[Int32]]] = [:]

    init(expectedTerms: Int = 0) {
        packedIDs.reserveCapacity(expectedTerms)
    }

    var count: Int { keys.count }

    func list(_ term: Int, _ kind: ListKind) -> [Int32] { lists[term * ListKind.slots + kind.rawValue] }

    /// Adds one document's terms. Call with increasing `doc`.
    mutating func add(doc: Int32, packed: Set<UInt64>, kind: ListKind) {
        for key in packed {
            let id: Int32
            if let known = packedIDs[key] { id = known } else {
                id = newTerm(TermKey.string(key))
                packedIDs[key] = id
            }
            lists[Int(id) * ListKind.slots + kind.rawValue].append(doc)
        }
    }

    /// Adds a string-keyed term (number prefix `#…`, facet `@…`) to one document.
    mutating func add(doc: Int32, named key: String, kind: ListKind = .names) {
        let id: Int32
        if let known = namedIDs[key] { id = known } else {
            id = newTerm(key)
            namedIDs[key] = id
        }
        let slot = Int(id) * ListKind.slots + kind.rawValue
        if lists[slot].last != doc { lists[slot].append(doc) }
    }

    private mutating func newTerm(_ key: String) -> Int32 {
        keys.append(key)
        lists.append(contentsOf: [[], [], []])
        return Int32(keys.count - 1)
    }

    /// Fills the table from documents in id order, the first having id `firstID`: `tasks`
    /// consecutive ranges of documents each fill their own table, merged in order (lists stay
    /// sorted; term numbering differs, which nothing downstream depends on — shards sort terms).
    static func build(_ docs: [SearchDocument], firstID: Int = 0, numberDigits: ClosedRange<Int>, tasks: Int = 1) -> TermTable {
        let n = docs.count < 4_096 ? 1 : max(1, tasks)
        guard n > 1 else { return build(docs[...], firstID: firstID, numberDigits: numberDigits) }
        let bounds = (0...n).map { docs.count * $0 / n }
        let parts = Concurrent.map(n, tasks: n) { i in
            build(docs[bounds[i]..<bounds[i + 1]], firstID: firstID + bounds[i], numberDigits: numberDigits)
        }
        var table = parts[0]
        for part in parts.dropFirst() { table.append(part) }
        return table
    }

    /// Adds the terms of `other`, whose documents all come after this table's.
    mutating func append(_ other: TermTable) {
        for (key, t) in other.packedIDs {
            let id: Int32
            if let known = packedIDs[key] { id = known } else {
                id = newTerm(other.keys[Int(t)])
                packedIDs[key] = id
            }
            for k in 0..<ListKind.slots { lists[Int(id) * ListKind.slots + k] += other.lists[Int(t) * ListKind.slots + k] }
        }
        for (key, t) in other.namedIDs {
            let id: Int32
            if let known = namedIDs[key] { id = known } else {
                id = newTerm(key)
                namedIDs[key] = id
            }
            for k in 0..<ListKind.slots { lists[Int(id) * ListKind.slots + k] += other.lists[Int(t) * ListKind.slots + k] }
        }
        for (name, lists) in other.exact {
            if let mine = exact[name] {
                exact[name] = [mine[0] + lists[0], mine[1] + lists[1]]
            } else {
                exact[name] = lists
            }
        }
    }

    private static func build(_ docs: ArraySlice<SearchDocument>, firstID: Int, numberDigits: ClosedRange<Int>) -> TermTable {
        var table = TermTable(expectedTerms: docs.count * 8)
        var names = Set<UInt64>(), starts = Set<UInt64>(), purpose = Set<UInt64>()
        for (i, doc) in docs.enumerated() {
            let id = Int32(firstID + i)  // `docs` is a slice: enumerated() counts from 0
            names.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            purpose.removeAll(keepingCapacity: true)
            for text in doc.names { TermKey.collect(text: text, into: &names) }
            for (k, text) in doc.anchored.enumerated() {
                let segs = Tokenizer.segments(text)
                guard let first = segs.first else { continue }
                starts.insert(TermKey.unigram(first[0]))
                if first.count > 1 { starts.insert(TermKey.bigram(first[0], first[1])) }
                let slot = k == 0 ? 0 : 1
                table.exact[Tokenizer.folded(text), default: [[], []]][slot].appendOnce(id)
            }
            TermKey.collect(text: doc.filing.purpose, into: &purpose)
            table.add(doc: id, packed: names, kind: .names)
            table.add(doc: id, packed: starts, kind: .starts)
            table.add(doc: id, packed: purpose, kind: .purpose)

            let digits = Array(doc.filing.number.digits.utf8)
            for n in numberDigits { table.add(doc: id, named: "#" + String(decoding: digits[..<n], as: UTF8.self)) }
            for facet in Facet.terms(of: doc) { table.add(doc: id, named: facet) }
        }
        return table
    }
}

extension Array where Element == Int32 {
    /// Appends `id` unless it is already the last element (ids arrive in increasing order).
    mutating func appendOnce(_ id: Int32) { if last != id { append(id) } }
}
