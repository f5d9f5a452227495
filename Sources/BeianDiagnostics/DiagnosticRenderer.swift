import Foundation

/// Turns diagnostics into the text users read or the JSON tools parse. The only place that
/// formats a problem for output.
public enum DiagnosticRenderer {
    /// `path:line:col: error[CODE]: field (中文名 / English name): message` then `  help: remedy`:
    /// always these two lines. A line break inside a part (a filer's key or value quoted in the
    /// message) is written as an escape (`\n`, `\r`, `\u2028` …), so a file cannot start a line
    /// of its own in a reviewer's terminal, such as a forged `✓ 1 bundle valid`.
    public static func text(_ d: Diagnostic, lang: Lang) -> String {
        var head = "\(oneLine(d.location.description)): \(d.severity.rawValue)[\(d.code.rawValue)]: "
        if let field = d.field {
            head += oneLine("\(field.key) (\(field.zh) / \(field.en)): ")
        }
        head += oneLine(d.message(lang))
        let helpWord = lang == .zh ? "帮助" : "help"
        return head + "\n  \(helpWord): " + oneLine(d.help(lang))
    }

    /// `s` with every line break (LF, CR, VT, FF, NEL, U+2028, U+2029) written as an escape.
    static func oneLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isLineBreak) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case _ where isLineBreak(u): out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func isLineBreak(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// All diagnostics, sorted, one block each.
    public static func text(_ diagnostics: [Diagnostic], lang: Lang) -> String {
        diagnostics.sorted().map { text($0, lang: lang) + "\n" }.joined()
    }

    /// A stable JSON array: objects with sorted keys, one per diagnostic.
    public static func json(_ diagnostics: [Diagnostic], lang: Lang) -> String {
        let items = diagnostics.sorted().map { JSONItem($0, lang: lang) }
        return encodeJSON(items)
    }

    /// Encodes any value as pretty, key-sorted JSON without escaped slashes.
    public static func encodeJSON<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let s = String(data: data, encoding: .utf8) else {
            return "[]"
        }
        return s + "\n"
    }

    /// One diagnostic as JSON tools read it.
    public struct JSONItem: Encodable, Sendable {
        public var code: String
        public var severity: String
        public var path: String
        public var line: Int
        public var column: Int
        public var field: String?
        public var field_zh: String?
        public var field_en: String?
        public var message: String
        public var help: String

        public init(_ d: Diagnostic, lang: Lang) {
            code = d.code.rawValue
            severity = d.severity.rawValue
            path = d.location.path
            line = d.location.line
            column = d.location.column
            field = d.field?.key
            field_zh = d.field?.zh
            field_en = d.field?.en
            message = d.message(lang)
            help = d.help(lang)
        }
    }
}
