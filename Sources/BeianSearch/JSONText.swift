import BeianDiagnostics

/// Minimal JSON text writing: compact, deterministic, non-ASCII written as UTF-8.
///
/// The index is JSON that the client parses with `JSON.parse`; hand-writing it keeps every
/// byte under our control (no `\/`, no key reordering, no float formatting surprises).
enum JSONText {
    /// `s` as a JSON string literal. Escapes `"`, `\`, newline, tab; drops every other
    /// character `TextSafety` calls unsafe (controls, DEL, C1, bidi, invisible), which a
    /// published name must not carry (the portal's `PlainText` drops the same).
    static func string(_ s: String) -> String {
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

    /// `[a,b,c]` from already-encoded JSON values.
    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    /// `{"k":v,…}` from keys (escaped here) and already-encoded values, in the given order.
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
