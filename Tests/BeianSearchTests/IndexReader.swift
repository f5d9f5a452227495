@testable import BeianSearch
import Foundation

/// Reads a built index the way `search.js` does — shards by FNV hash, inline and blocked lists,
/// the sorted number index — so tests can check what a query would find without a browser.
struct IndexReader: Sendable {
    let files: [String: Data]

    init(_ files: [String: Data]) throws {
        self.files = files
        _ = try JSONSerialization.jsonObject(with: files["manifest.json"]!)
    }

    var manifest: [String: Any] { json("manifest.json") as! [String: Any] }

    var docs: Int { manifest["docs"] as! Int }
    /// The id space (`IDSpace.size`); documents have ids `offset..<ids`.
    var ids: Int { manifest["ids"] as! Int }
    /// The newest document's id: reader methods take and give positions (id − offset), the
    /// index of the document in `SearchDocument.order`.
    var offset: Int { ids - docs }
    var shards: Int { manifest["shards"] as! Int }
    var window: Int { manifest["window"] as! Int }

    func json(_ path: String) -> Any {
        guard let data = files[path] else { fatalError("no file \(path)") }
        return try! JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    var common: CommonBigrams { CommonBigrams(bits: manifest["cb"] as! Int, text: manifest["cm"] as! String) }

    func shardPath(_ key: String) -> String { "s/\(ShardWriter.hash(key) % UInt32(shards)).json" }

    /// The filings whose entity [0], or algorithm or a product [1], is exactly `name` (folded).
    func exact(_ name: String) -> [[Int]] {
        let h = ShardWriter.hash(name), xs = manifest["xs"] as! Int
        let shard = json("x/\(h % UInt32(xs)).json") as! [String: [String]]
        let lists = shard[String(h, radix: 36)] ?? []
        return (0..<2).map { $0 < lists.count ? Decode.gaps(lists[$0], base: 0).map { $0 - offset } : [] }
    }

    /// The term's entry, or nil when the term is not indexed.
    func entry(_ key: String) -> [Any]? { (json(shardPath(key)) as! [String: Any])[key] as? [Any] }

    /// Every id of one list of a term (blocks loaded and decoded).
    func list(_ key: String, _ kind: ListKind) -> [Int] {
        guard let e = entry(key), kind.rawValue < e.count else { return [] }
        switch e[kind.rawValue] {
        case let s as String: return Decode.gaps(s, base: 0).map { $0 - offset }
        case let d as [Int]:
            var out: [Int] = []
            var i = 1
            while i < d.count {
                let w = d[i], file = d[i + 2]
                let blocks = json("b/\(file).json") as! [String: String]
                out += Decode.block(blocks[String(w)]!, start: w * window, length: window)
                i += 3
            }
            return out.map { $0 - offset }
        default: return []
        }
    }

    /// Documents whose name texts hold every bigram the client would look up for `query`.
    func nameCandidates(_ query: String) -> Set<Int> {
        var memo: [String: Set<Int>] = [:]
        return nameCandidates(query, memo: &memo)
    }

    /// As above, remembering decoded lists across calls.
    func nameCandidates(_ query: String, memo: inout [String: Set<Int>]) -> Set<Int> {
        var result: Set<Int>? = nil
        let common = self.common
        for seg in Tokenizer.segments(query) {
            var docs: Set<Int>? = nil
            for key in QueryKeys.keys(seg, common: common) {
                let ids = memo[key] ?? Set(list(key, .names))
                memo[key] = ids
                docs = docs.map { $0.intersection(ids) } ?? ids
            }
            result = result.map { $0.intersection(docs ?? []) } ?? docs
        }
        return result ?? []
    }

    /// The display record of a document.
    func record(_ position: Int) -> [Any] {
        let chunk = manifest["chunk"] as! Int, doc = position + offset
        return (json("d/\(doc / chunk).json") as! [Any])[doc % chunk] as! [Any]
    }

    /// Documents whose number starts with `digits` (≥ 9 digits), via parts → page firsts →
    /// pages (each named by its first number), as `search.js` walks them.
    func numberPrefix(_ digits: String) -> [Int] {
        let partFirsts = manifest["np"] as! [String]
        var out: [Int] = []
        for p in partFirsts.indices {
            for (first, _) in Decode.frontCoded(json("n/d\(p).json") as! String, withIDs: false) {
                for (n, id) in Decode.frontCoded(json("n/\(first).json") as! String, withIDs: true) where n.hasPrefix(digits) {
                    out.append(id - offset)
                }
            }
        }
        return out.sorted()
    }
}

/// Decoders mirroring `search.js` (`gaps`, `block`, `frontDecoded`).
enum Decode {
    static let value: [UInt8: Int] = Dictionary(uniqueKeysWithValues: PostingCodec.alphabet.enumerated().map { ($0.element, $0.offset) })

    static func varints(_ s: Substring.UTF8View) -> [Int] {
        var out: [Int] = [], v = 0, m = 1
        for b in s {
            let d = value[b]!
            if d >= 32 { v += (d - 32) * m; m *= 32 } else { out.append(v + d * m); v = 0; m = 1 }
        }
        return out
    }

    static func gaps(_ s: String, base: Int) -> [Int] {
        var prev = base - 1
        return varints(Substring(s).utf8).map { prev += $0 + 1; return prev }
    }

    static func block(_ s: String, start: Int, length: Int) -> [Int] {
        if s.hasPrefix("!") {
            let missing = Set(gaps(String(s.dropFirst()), base: start))
            return (start..<start + length).filter { !missing.contains($0) }
        }
        if s.hasPrefix("~") {
            var out: [Int] = []
            for (k, b) in s.utf8.dropFirst().enumerated() {
                let bits = value[b]!
                for i in 0..<6 where bits & (1 << i) != 0 { out.append(start + k * 6 + i) }
            }
            return out
        }
        return gaps(s, base: start)
    }

    static func frontCoded(_ s: String, withIDs: Bool) -> [(String, Int)] {
        let b = Array(s.utf8)
        var out: [(String, Int)] = [], prev = [UInt8](), i = 0
        while i < b.count {
            let shared = value[b[i]]!
            i += 1
            let n = Array(prev.prefix(shared)) + b[i..<i + 21 - shared]
            i += 21 - shared
            var id = -1
            if withIDs {
                var v = 0, m = 1
                while value[b[i]]! >= 32 { v += (value[b[i]]! - 32) * m; m *= 32; i += 1 }
                id = v + value[b[i]]! * m
                i += 1
            }
            out.append((String(decoding: n, as: UTF8.self), id))
            prev = n
        }
        return out
    }
}
