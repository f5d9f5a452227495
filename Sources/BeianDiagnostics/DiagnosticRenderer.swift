import Foundation

/// Turns diagnostics into the text users read or the JSON tools parse. The only place that
/// formats a problem for output.
public enum DiagnosticRenderer {
    /// `path:line:col: error[CODE]: field (中文名 / English name): message` then `  help: remedy`.
    public static func text(_ d: Diagnostic, lang: Lang) -> String {
        var head = "\(d.location.description): \(d.severity.rawValue)[\(d.code.rawValue)]: "
        if let field = d.field {
            head += "\(field.key) (\(field.zh) / \(field.en)): "
        }
        head += d.message(lang)
        let helpWord = lang == .zh ? "帮助" : "help"
        return head + "\n  \(helpWord): " + d.help(lang)
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
