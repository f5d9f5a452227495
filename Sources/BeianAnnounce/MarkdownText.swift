import BeianPortal

/// The one escaper for text written into Markdown source (`beian announce batch`): a filer's
/// name, product or purpose put into a GFM table cell must come out of cmark-gfm as that text
/// and nothing else — one cell, no link, emphasis, heading, HTML or entity.
///
/// - every ASCII punctuation character gets a backslash (CommonMark lets any of them be
///   escaped, and an escaped one is always literal): `|` cannot end the cell, `<` cannot open
///   HTML, `[` `]` `(` `)` cannot make a link, `&` cannot start an entity, `*` `_` `~` `` ` ``
///   cannot format, `#` `>` `-` `+` cannot start a block, `:` `.` cannot complete the autolink
///   extension's `http://` or `www.`;
/// - `@` becomes the full-width `＠`: the autolink extension links `a@b.cn` after parsing,
///   escaped or not (the only character changed; the CSV beside keeps the original);
/// - line breaks become spaces (a table row is one line);
/// - what `TextSafety` calls unsafe is dropped first (`PlainText`), as everywhere in the portal.
enum MarkdownText {
    /// One table cell's content (without the surrounding `|`).
    static func tableCell(_ raw: String) -> String {
        let text = PlainText.clean(raw)
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var lastWasBreak = false
        for u in text.unicodeScalars {
            if u == "\n" || u == "\r" || u == "\u{2028}" || u == "\u{2029}" || u == "\t" {
                if !lastWasBreak { out.append(" ") }
                lastWasBreak = true
                continue
            }
            lastWasBreak = false
            if u == "@" {
                out.unicodeScalars.append("＠")
            } else if u.isASCII, punctuation.contains(UInt8(u.value)) {
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append(u)
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// CommonMark's ASCII punctuation: each may be backslash-escaped.
    static let punctuation: Set<UInt8> = Set(Array("!\"#$%&'()*+,-./:;<=>?[\\]^_`{|}~".utf8))
}
