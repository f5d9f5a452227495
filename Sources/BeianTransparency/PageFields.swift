import BeianPortal
/// What a filing page shows, read as a browser reads it (`VisibleText`): the text of every
/// element marked `data-field="…"` (the built-in `filing` template marks each public field; a
/// theme that overrides it must keep the marks), the `<title>`, and what makes the marks
/// unreadable (hidden, moved into an attribute or a comment, nested, never closed…).
struct PageFields {
    struct Value: Equatable {
        var text: String
        var line: Int
    }

    /// Field name → its values in document order.
    var fields: [String: [Value]] = [:]
    var title: String?
    /// Where the page's marks cannot be read as what a browser shows.
    var problems: [VisibleText.Problem]

    init(_ page: [UInt8]) {
        let read = VisibleText(page)
        for m in read.marks { fields[m.field, default: []].append(Value(text: m.text, line: m.line)) }
        title = read.title
        problems = read.problems
    }

    /// The text of some HTML: tags dropped, character references decoded.
    static func text(_ html: ArraySlice<UInt8>) -> String { VisibleText.text(of: Array(html)) }

    /// White space collapsed to single spaces, trimmed: to compare rendered text loosely.
    static func collapsed(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
