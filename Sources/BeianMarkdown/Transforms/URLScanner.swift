/// Finds bare URLs in plain text the way GFM does, except that a URL also ends at the first
/// non-ASCII character, so it never runs into the Chinese text after it.
enum URLScanner {
    enum Piece: Equatable {
        case text(String)
        /// `href` as linked, `label` as shown.
        case link(href: String, label: String)
    }

    static let schemes = ["https://", "http://", "ftp://"]

    /// `text` cut into plain text and links, in order; adjacent text is joined.
    static func pieces(of text: String) -> [Piece] {
        let scalars = Array(text.unicodeScalars)
        var out: [Piece] = []
        var plain = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if let (end, href) = url(in: scalars, at: i) {
                if !plain.isEmpty { out.append(.text(String(plain))); plain = String.UnicodeScalarView() }
                var label = String.UnicodeScalarView()
                label.append(contentsOf: scalars[i..<end])
                out.append(.link(href: href + String(label), label: String(label)))
                i = end
            } else {
                plain.append(scalars[i])
                i += 1
            }
        }
        if !plain.isEmpty { out.append(.text(String(plain))) }
        return out
    }

    /// The end of a URL starting at `i` and the prefix its address needs (`http://` for
    /// `www.`), or nil when none starts there.
    static func url(in s: [Unicode.Scalar], at i: Int) -> (Int, String)? {
        // A URL starts a word: not in the middle of ASCII letters or digits (`xhttp://`).
        if i > 0, isASCIIAlphanumeric(s[i - 1]) { return nil }
        let prefix: String, hostStart: Int
        if let scheme = schemes.first(where: { hasPrefix(s, at: i, $0) }) {
            prefix = ""
            hostStart = i + scheme.unicodeScalars.count
        } else if hasPrefix(s, at: i, "www.") {
            prefix = "http://"
            hostStart = i + 4
        } else {
            return nil
        }
        // The host: ASCII letters, digits and `.-_`, with at least one letter or digit. It is
        // checked before the rest is scanned: a candidate that fails costs only its host, and
        // one that passes is always a URL, so the whole scan stays linear.
        var hostEnd = hostStart
        while hostEnd < s.count, isASCIIAlphanumeric(s[hostEnd]) || "-._".unicodeScalars.contains(s[hostEnd]) { hostEnd += 1 }
        guard s[hostStart..<hostEnd].contains(where: isASCIIAlphanumeric) else { return nil }
        var end = hostEnd
        while end < s.count, isURLCharacter(s[end]) { end += 1 }
        // Trailing punctuation is never a letter or digit, so the host keeps what made it valid.
        return (trimTrailing(s, from: i, to: end), prefix)
    }

    /// What a bare URL may hold: printable ASCII other than `<` and `>`.
    static func isURLCharacter(_ c: Unicode.Scalar) -> Bool {
        (0x21...0x7E).contains(c.value) && c != "<" && c != ">"
    }

    /// GFM's rule for trailing punctuation: `?!.,:*_~'"` never end a URL, and a `)` ends it
    /// only when it closes a `(` inside it.
    static func trimTrailing(_ s: [Unicode.Scalar], from start: Int, to end: Int) -> Int {
        var end = end
        var unmatchedClosing = s[start..<end].filter { $0 == ")" }.count - s[start..<end].filter { $0 == "(" }.count
        while end > start {
            let last = s[end - 1]
            if "?!.,:*_~'\"".unicodeScalars.contains(last) {
                end -= 1
            } else if last == ")", unmatchedClosing > 0 {
                unmatchedClosing -= 1
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    static func hasPrefix(_ s: [Unicode.Scalar], at i: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.unicodeScalars)
        guard i + p.count <= s.count else { return false }
        for (k, c) in p.enumerated() where lower(s[i + k]) != c { return false }
        return true
    }

    static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        (65...90).contains(c.value) ? Unicode.Scalar(c.value + 32)! : c
    }

    static func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || (48...57).contains(c.value))
    }
}
