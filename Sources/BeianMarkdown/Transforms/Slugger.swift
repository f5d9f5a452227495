import Foundation

/// Stable, unique `id`s for headings, as GitHub makes them but keeping Chinese:
/// `算法基本原理` → `算法基本原理`, `Data & Models` → `data-models`.
struct Slugger {
    private var used: Set<String>
    private let prefix: String

    /// `reserved` are ids the page already uses; a heading never takes one of them.
    init(prefix: String = "", reserved: Set<String> = []) {
        self.prefix = prefix
        self.used = reserved
    }

    /// The id for a heading with this text: its slug, or the slug with `-2`, `-3` … added
    /// when an earlier heading (or the page) already has it.
    mutating func id(for text: String) -> String {
        let base = prefix + Self.slug(text)
        var candidate = base
        var n = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// Lower case after NFKC (full-width `Ａ１` → `a1`); letters of any script, digits, `-` and
    /// `_` kept; white space becomes `-`; everything else (punctuation, symbols) dropped.
    /// Never empty: a heading of punctuation only gets `section`.
    static func slug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingHyphen = false
        // NFKC only where it can change something: it is slow, and ASCII and CJK ideographs
        // (most headings) are already in their compatibility form.
        let plain = text.unicodeScalars.allSatisfy { $0.value < 0xA0 || (0x4E00...0x9FFF).contains($0.value) }
        let folded = plain ? text : text.precomposedStringWithCompatibilityMapping
        for scalar in folded.lowercased().unicodeScalars {
            if PlainText.isWhitespace(scalar) {
                pendingHyphen = !out.isEmpty
            } else if keeps(scalar) {
                if pendingHyphen { out.append("-"); pendingHyphen = false }
                out.append(scalar)
            }
        }
        return out.isEmpty ? "section" : String(out)
    }

    /// Letters of any script, digits, combining marks, `-` and `_`; ASCII and CJK ideographs
    /// are decided without a Unicode property lookup.
    static func keeps(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A, 0x2D, 0x5F, 0x4E00...0x9FFF: return true
        case 0..<0x80: return false
        default:
            let p = scalar.properties
            return p.isAlphabetic || p.numericType != nil
                || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
        }
    }
}
