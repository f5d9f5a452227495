/// The one JSON string escaper, with one rule set per context in which JSON is published.
/// Both write compact, deterministic JSON with non-ASCII as UTF-8 (no `\/`, no reordering), so
/// every byte stays under our control; they differ in what a string may carry:
///
/// - `.page` (`filings.json`, any JSON a page embeds): RFC 8259 plus `<`, `>` and `&` (so
///   `</script>` can never close a script element the JSON sits in), every other control
///   as `\u00XX`, and U+2028/U+2029 (line terminators to older JavaScript). Text is kept whole:
///   the portal's `PlainText` has already dropped what it must not show.
/// - `.searchIndex` (the search shards the client reads with `JSON.parse`): `"`, `\`, `\n`, `\r`,
///   `\t`, U+2028/U+2029 escaped; every other character `TextSafety` calls unsafe (controls,
///   DEL, C1, bidi, invisible) dropped, which a published name must not carry.
///
/// The two give different bytes for the same string (`<` is `\u003c` on a page, itself in the
/// index), and both are published, so both rule sets are kept — in this one type.
public enum JSONText {
    /// Where the JSON is published, which decides the escaping rules.
    public enum Context: Sendable {
        /// `filings.json` and JSON a page embeds.
        case page
        /// The search index's shards.
        case searchIndex
    }

    /// `s` as a quoted JSON string, escaped for `context`.
    public static func quoted(_ s: String, for context: Context = .page) -> String {
        switch context {
        case .page:
            var out: [UInt8] = []
            out.reserveCapacity(s.utf8.count + 2)
            append(s, to: &out)
            return String(decoding: out, as: UTF8.self)
        case .searchIndex:
            return searchIndexString(s)
        }
    }

    /// `s` as a JSON string literal for the search index (`quoted(s, for: .searchIndex)`).
    public static func string(_ s: String) -> String { searchIndexString(s) }

    /// `[a,b,c]` from already-encoded JSON values.
    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    /// `{"k":v,…}` from keys (escaped here, for the search index) and already-encoded values,
    /// in the given order.
    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { searchIndexString($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// Appends `s` as a quoted JSON string, escaped for a page (`.page`), to a byte buffer.
    public static func append(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var utf8 = s.utf8.makeIterator()
        while let b = utf8.next() {
            switch b {
            case UInt8(ascii: "\""): out += [0x5C, 0x22]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case UInt8(ascii: "\n"): out += [0x5C, UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [0x5C, UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [0x5C, UInt8(ascii: "t")]
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00..<0x20, 0x7F:
                appendUnicodeEscape(UInt16(b), to: &out)
            case 0xE2:
                // U+2028 is E2 80 A8, U+2029 is E2 80 A9; any other E2 sequence passes as is.
                out.append(b)
                guard let b2 = utf8.next() else { break }
                guard b2 == 0x80, let b3 = utf8.next() else { out.append(b2); break }
                if b3 == 0xA8 || b3 == 0xA9 {
                    out.removeLast()
                    appendUnicodeEscape(b3 == 0xA8 ? 0x2028 : 0x2029, to: &out)
                } else {
                    out += [b2, b3]
                }
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The search index's rules: unsafe characters dropped rather than escaped.
    private static func searchIndexString(_ s: String) -> String {
        // Most strings need no escaping: one pass over the bytes decides.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 || $0 == 0x7F }),
           TextSafety.isClean(s) { return "\"" + s + "\"" }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if TextSafety.kind(of: scalar) == nil { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func appendUnicodeEscape(_ v: UInt16, to out: inout [UInt8]) {
        out += [0x5C, UInt8(ascii: "u"), hex[Int(v >> 12 & 0xF)], hex[Int(v >> 8 & 0xF)],
                hex[Int(v >> 4 & 0xF)], hex[Int(v & 0xF)]]
    }
}
