/// Which bigrams are common in names, as a small bitset for the manifest (`cb` bits in `cm`).
///
/// A long query needs only a few of its bigrams; the client keeps the first and the last (for
/// prefix ranking and precision) and fills in with bigrams this filter does not call common, so
/// its candidates come from short lists. Bucket `fnv(term) % bits`; a false "common" only
/// makes the client pick a different bigram.
struct CommonBigrams {
    let bits: Int
    let text: String
    let count: Int
    private let set: [Int]

    /// The bigrams flagged, sorted (kept by `SearchState` so an update can add to them).
    let keys: [String]

    init(_ table: TermTable, docCount: Int) {
        let threshold = CommonBigrams.threshold(docCount: docCount)
        var common: [String] = []
        for t in 0..<table.count {
            let key = table.keys[t]
            if CommonBigrams.isBigram(key), table.list(t, .names).count >= threshold { common.append(key) }
        }
        self.init(keys: common)
    }

    /// A bigram is common when at least this many filings have it in a name.
    static func threshold(docCount: Int) -> Int { max(16, docCount / 1_024) }

    /// Two word characters: what the filter is about.
    static func isBigram(_ key: String) -> Bool {
        let scalars = key.unicodeScalars
        return scalars.count == 2 && Tokenizer.isWord(scalars.first!.value)
    }

    /// The filter flagging exactly `keys`.
    init(keys: [String]) {
        let common = keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        self.keys = common
        var bits = 64
        while bits < common.count * 4 && bits < 8_192 { bits *= 2 }
        var set = [Int](repeating: 0, count: (bits + 5) / 6)
        for key in common {
            let b = Int(ShardWriter.hash(key) % UInt32(bits))
            set[b / 6] |= 1 << (b % 6)
        }
        self.bits = bits
        self.set = set
        self.count = common.count
        text = String(decoding: set.map { PostingCodec.alphabet[$0] }, as: UTF8.self)
    }

    /// The filter as the manifest carries it (`cb`, `cm`).
    init(bits: Int, text: String) {
        self.bits = bits
        self.text = text
        self.count = -1
        self.keys = []
        let values = Dictionary(uniqueKeysWithValues: PostingCodec.alphabet.enumerated().map { ($0.element, $0.offset) })
        self.set = text.utf8.map { values[$0] ?? 0 }
    }

    /// True when the filter flags `bigram` as common (or shares its bucket with one that is).
    func contains(_ bigram: String) -> Bool {
        let b = Int(ShardWriter.hash(bigram) % UInt32(bits))
        return set[b / 6] & (1 << (b % 6)) != 0
    }
}
