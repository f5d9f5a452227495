import BeianStore
public import Foundation

/// What a build of the index knew, kept beside the site so the next build can update the index
/// instead of making it again (`SearchIndex.update`): which filing has which id (number and
/// fingerprint), the sizes that set the shard counts, every block file's name, the common
/// bigrams, the provinces and the number pages. Posting lists are not kept here: the previous
/// index files themselves are read back for the few shards an update touches.
///
/// Private, versioned binary format (`format`); anything unreadable is no state (a full build).
public struct SearchState: Sendable, Equatable {
    /// Bump whenever the index's bytes change for the same input (encoders, layout, client).
    static let format = "beian-search-state 8"  // 7: the manifest's `links` (v 2), search-en.json; 8: products' hosts in names and results

    /// The options and base path the index was built with.
    var settings: String
    /// The `h` of the manifest this state describes: it must match the live site's.
    public internal(set) var version: String
    var count: Int
    var size: Int
    /// Number digits (21 ASCII bytes each) and fingerprints, by id from `size − count`.
    var numbers: [UInt8]
    var fingerprints: [UInt64]
    var terms: Int
    var termBytes: Int
    var shards: Int
    var blockNames: [UInt32]
    var exactBytes: Int
    var exactShards: Int
    var common: [String]
    var provinces: [String]
    var pages: [(first: String, count: Int)]

    public static func == (a: SearchState, b: SearchState) -> Bool {
        a.serialized() == b.serialized()
    }

    var offset: Int { size - count }

    /// The state's bytes.
    public func serialized() -> Data {
        var w = ByteWriter()
        w.string(SearchState.format)
        w.string(settings)
        w.string(version)
        w.int(count)
        w.int(size)
        w.int(numbers.count)
        w.bytes += numbers
        for f in fingerprints { withUnsafeBytes(of: f.littleEndian) { w.bytes += $0 } }
        w.int(terms)
        w.int(termBytes)
        w.int(shards)
        w.int(blockNames.count)
        for n in blockNames { w.int(Int(n)) }
        w.int(exactBytes)
        w.int(exactShards)
        w.strings(common)
        w.strings(provinces)
        w.int(pages.count)
        for p in pages { w.string(p.first); w.int(p.count) }
        return Data(w.bytes)
    }

    /// The state in `data`; nil when it is not one of this format.
    public init?(_ data: Data) {
        let parsed: SearchState? = data.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            guard r.string() == SearchState.format, let settings = r.string(), let version = r.string(),
                  let count = r.int(), let size = r.int(), let n = r.int(), n == count * 21, n <= raw.count - r.offset
            else { return nil }
            let numbers = Array(raw[r.offset..<(r.offset + n)])
            r.offset += n
            guard count * 8 <= raw.count - r.offset else { return nil }
            var fingerprints: [UInt64] = []
            fingerprints.reserveCapacity(count)
            for i in 0..<count {
                fingerprints.append(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: r.offset + i * 8, as: UInt64.self)))
            }
            r.offset += count * 8
            guard let terms = r.int(), let termBytes = r.int(), let shards = r.int(), let names = r.int(),
                  names <= raw.count - r.offset else { return nil }
            var blockNames: [UInt32] = []
            blockNames.reserveCapacity(names)
            for _ in 0..<names {
                guard let v = r.int(), v <= Int(UInt32.max) else { return nil }
                blockNames.append(UInt32(v))
            }
            guard let exactBytes = r.int(), let exactShards = r.int(), let common = r.strings(), let provinces = r.strings(),
                  let pageCount = r.int(), pageCount <= raw.count - r.offset else { return nil }
            var pages: [(String, Int)] = []
            for _ in 0..<pageCount {
                guard let first = r.string(), let c = r.int() else { return nil }
                pages.append((first, c))
            }
            guard r.atEnd else { return nil }
            return SearchState(settings: settings, version: version, count: count, size: size, numbers: numbers,
                               fingerprints: fingerprints, terms: terms, termBytes: termBytes, shards: shards,
                               blockNames: blockNames, exactBytes: exactBytes, exactShards: exactShards, common: common,
                               provinces: provinces, pages: pages)
        }
        guard let parsed else { return nil }
        self = parsed
    }

    init(settings: String, version: String, count: Int, size: Int, numbers: [UInt8], fingerprints: [UInt64], terms: Int,
         termBytes: Int, shards: Int, blockNames: [UInt32], exactBytes: Int, exactShards: Int, common: [String],
         provinces: [String], pages: [(first: String, count: Int)]) {
        self.settings = settings; self.version = version; self.count = count; self.size = size; self.numbers = numbers
        self.fingerprints = fingerprints; self.terms = terms; self.termBytes = termBytes; self.shards = shards
        self.blockNames = blockNames; self.exactBytes = exactBytes; self.exactShards = exactShards; self.common = common
        self.provinces = provinces; self.pages = pages
    }

    /// Every file of the index this state describes (relative to `search/`).
    func paths(_ options: SearchIndexOptions) -> [String] {
        let partSize = options.numberPartSize, chunk = options.chunkSize
        var out = ["manifest.json"] + SearchIndex.clientPaths
        out += (0..<shards).map { "s/\($0).json" }
        out += (0..<exactShards).map { "x/\($0).json" }
        out += blockNames.map { "b/\($0).json" }
        out += pages.map { "n/\($0.first).json" }
        if count > 0 {
            for k in (offset / chunk)...((size - 1) / chunk) { out += ["d/\(k).json", "p/\(k).json"] }
        }
        out += (0..<((pages.count + partSize - 1) / partSize)).map { "n/d\($0).json" }
        return out
    }

    /// The settings string for `options` and `base`: an update needs both unchanged.
    static func settings(_ options: SearchIndexOptions, base: String) -> String {
        var o = options
        o.parallelism = nil
        return "\(base)|\(o)"
    }
}
