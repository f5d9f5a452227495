import BeianModel

/// Text normalisation and term extraction. `Client/search.js` mirrors every rule here exactly
/// (`norm`, `isWord`, `segments`); a change on one side must be made on the other.
///
/// The model is character n-grams over normalised text, for every script alike: a field is cut
/// into *segments* (runs of word characters) at separators (spaces, punctuation, symbols), and
/// each segment contributes every code point (unigram) and every pair of neighbours (bigram).
/// So any substring of ≥ 2 word characters is the intersection of its bigrams, and a
/// one-character query still works. Latin letters and digits are lower-cased and treated the
/// same way as CJK, so `seek` finds `DeepSeek` and `0搜` finds `360搜索`.
public enum Tokenizer {
    /// One normalised code point: full-width ASCII (U+FF01–FF5E) → ASCII, U+3000 → space,
    /// A–Z → a–z. Every other code point maps to itself (one in, one out, so positions align).
    public static func normalize(_ v: UInt32) -> UInt32 {
        var c = v
        if c >= 0xFF01 && c <= 0xFF5E { c -= 0xFEE0 } else if c == 0x3000 { c = 0x20 }
        if c >= 0x41 && c <= 0x5A { c += 0x20 }
        return c
    }

    /// True for a normalised code point that belongs to a word; false for a separator.
    ///
    /// Separators: ASCII other than `0-9a-z`, Latin-1 punctuation and symbols, general
    /// punctuation and symbol blocks (U+2000–2BFF), CJK punctuation (U+3000–303F except
    /// 々〆〇), vertical and compatibility forms, half-width punctuation, full-width symbols,
    /// specials, emoji and variation selectors.
    public static func isWord(_ c: UInt32) -> Bool {
        if c < 0x80 { return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) }
        if c < 0xC0 || c == 0xD7 || c == 0xF7 { return false }
        if c >= 0x2000 && c <= 0x2BFF { return false }
        if c >= 0x3000 && c <= 0x303F { return c >= 0x3005 && c <= 0x3007 }
        if c >= 0xFE00 && c <= 0xFE6F { return false }
        if c >= 0xFF00 && c <= 0xFF65 { return false }
        if c >= 0xFFE0 && c <= 0xFFFF { return false }
        if c >= 0x1F000 && c <= 0x1FAFF { return false }
        if c >= 0xE0000 { return false }
        return true
    }

    /// The normalised segments (runs of word characters) of a text, in order.
    public static func segments(_ text: String) -> [[UInt32]] {
        var out: [[UInt32]] = []
        var run: [UInt32] = []
        for scalar in text.unicodeScalars {
            let c = normalize(scalar.value)
            if isWord(c) {
                run.append(c)
            } else if !run.isEmpty {
                out.append(run)
                run.removeAll(keepingCapacity: true)
            }
        }
        if !run.isEmpty { out.append(run) }
        return out
    }

    /// The text's word characters only, normalised: what "exact" and "prefix" compare.
    public static func folded(_ text: String) -> String {
        var s = String.UnicodeScalarView()
        for seg in segments(text) { for c in seg { s.append(Unicode.Scalar(c)!) } }
        return String(s)
    }

    /// Every unigram and bigram of a text's segments, as terms (deduplicated, sorted).
    public static func terms(_ text: String) -> [String] {
        var set = Set<UInt64>()
        for seg in segments(text) { TermKey.collect(seg, into: &set) }
        return set.sorted().map { TermKey.string($0) }
    }

    /// The digits of a filing-number query — `网信算备…号`, a bare digit run, or any prefix of
    /// either — when it names at least `minimum` digits; nil otherwise.
    public static func numberQuery(_ text: String, minimum: Int = 4) -> String? {
        var s = Substring(text.trimmingSpaces)
        if s.hasPrefix(FilingNumber.prefix) { s = s.dropFirst(FilingNumber.prefix.count) }
        if s.hasSuffix(FilingNumber.suffix) { s = s.dropLast(FilingNumber.suffix.count) }
        let digits = String(String.UnicodeScalarView(s.unicodeScalars.map { Unicode.Scalar(normalize($0.value))! }))
        guard digits.count >= minimum, digits.count <= 21, digits.allSatisfy(\.isASCIIDigitChar) else { return nil }
        return digits
    }
}

/// Terms packed into 64 bits while indexing (strings are made once per distinct term).
///
/// Layout: bits 0–20 the last code point, bits 21–41 the first code point of a bigram (0 for a
/// unigram). Number-prefix and facet terms are kept as strings elsewhere.
enum TermKey {
    static func unigram(_ c: UInt32) -> UInt64 { UInt64(c) }
    static func bigram(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 21 | UInt64(b) }

    /// Every unigram and bigram of a text, straight from its scalars (no segment arrays).
    static func collect(text: String, into set: inout Set<UInt64>) {
        var previous: UInt32 = 0
        for scalar in text.unicodeScalars {
            let c = Tokenizer.normalize(scalar.value)
            guard Tokenizer.isWord(c) else { previous = 0; continue }
            set.insert(unigram(c))
            if previous != 0 { set.insert(bigram(previous, c)) }
            previous = c
        }
    }

    static func collect(_ seg: [UInt32], into set: inout Set<UInt64>) {
        for (i, c) in seg.enumerated() {
            set.insert(unigram(c))
            if i + 1 < seg.count { set.insert(bigram(c, seg[i + 1])) }
        }
    }

    static func string(_ key: UInt64) -> String {
        let first = UInt32(truncatingIfNeeded: key >> 21)
        let last = UInt32(truncatingIfNeeded: key & 0x1F_FFFF)
        var s = String.UnicodeScalarView()
        if first != 0 { s.append(Unicode.Scalar(first)!) }
        s.append(Unicode.Scalar(last)!)
        return String(s)
    }
}
