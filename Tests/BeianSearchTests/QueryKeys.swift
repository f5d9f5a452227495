@testable import BeianSearch

/// The bigrams the client looks up for a token (`keysOf` in search.js), mirrored so tests can
/// check that every substring is found by exactly the lookups the client makes (and the browser
/// test that both sides choose the same keys).
///
/// A token of ≤ 2 characters is its own key. A longer one: its first bigram (its start list
/// ranks prefixes), its last, and for ≥ 5 characters one (≥ 8: two) middle bigrams, those the
/// common-bigram filter does not flag first, then nearest the middle, then leftmost.
enum QueryKeys {
    static func keys(_ token: [UInt32], common: CommonBigrams) -> [String] {
        let s = { (cps: ArraySlice<UInt32>) in String(String.UnicodeScalarView(cps.map { Unicode.Scalar($0)! })) }
        let L = token.count
        if L <= 2 { return [s(token[...])] }
        let bigram = { (i: Int) in s(token[i..<i + 2]) }
        let middle = L >= 4 ? Array(1...(L - 3)) : []
        let ranked = middle.sorted {
            (common.contains(bigram($0)) ? 1 : 0, abs(2 * $0 - L + 2), $0) < (common.contains(bigram($1)) ? 1 : 0, abs(2 * $1 - L + 2), $1)
        }
        var keys: [String] = []
        for key in [bigram(0), bigram(L - 2)] + ranked.prefix(L >= 8 ? 2 : L >= 5 ? 1 : 0).map(bigram) where !keys.contains(key) {
            keys.append(key)
        }
        return keys
    }
}
