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
        for scalar in text.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            let p = scalar.properties
            if p.isWhitespace {
                pendingHyphen = !out.isEmpty
            } else if p.isAlphabetic || p.numericType != nil || scalar == "-" || scalar == "_"
                        || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark {
                if pendingHyphen { out.append("-"); pendingHyphen = false }
                out.append(scalar)
            }
        }
        return out.isEmpty ? "section" : String(out)
    }
}
