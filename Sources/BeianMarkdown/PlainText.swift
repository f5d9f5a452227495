import CCmarkGFM

/// The words of a document without markup, for search snippets and feed summaries.
///
/// One line per block (paragraph, heading, list item, table row, code line); inline markup
/// dropped; raw HTML dropped (it is never shown either); image descriptions kept. A line
/// break inside a paragraph joins Chinese without a space and anything else with one.
enum PlainText {
    static func document(_ root: Node) -> String {
        var lines: [String] = []
        var current = ""
        func flush() {
            let line = normalise(current)
            if !line.isEmpty { lines.append(line) }
            current = ""
        }
        func walk(_ node: Node) {
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                current += node.literal
            case CMARK_NODE_SOFTBREAK:
                current += "\n"
            case CMARK_NODE_LINEBREAK:
                flush()
            case CMARK_NODE_CODE_BLOCK:
                flush()
                for line in node.literal.split(separator: "\n") {
                    current = String(line)
                    flush()
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                break
            default:
                // Cells of a table row share its line; every other block gets its own.
                let isBlock = node.type.rawValue & 0xC000 == 0x8000 && node.typeName != "table_cell"
                if isBlock { flush() }
                for (i, child) in node.children.enumerated() {
                    if i > 0, child.typeName == "table_cell" { current += " " }
                    walk(child)
                }
                if isBlock { flush() }
            }
        }
        walk(root)
        flush()
        return lines.joined(separator: "\n")
    }

    /// The text of one inline container (a heading), on one line.
    static func inline(_ node: Node) -> String {
        var text = ""
        for child in node.descendants {
            switch child.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += child.literal
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += "\n"
            default: break
            }
        }
        return normalise(text)
    }

    /// Collapses white space; a line break between two non-ASCII characters (Chinese) vanishes,
    /// any other becomes a space.
    static func normalise(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i].properties.isWhitespace else {
                out.append(scalars[i])
                i += 1
                continue
            }
            var j = i, sawNewline = false
            while j < scalars.count, scalars[j].properties.isWhitespace {
                if scalars[j] == "\n" { sawNewline = true }
                j += 1
            }
            let before = out.last, after = j < scalars.count ? scalars[j] : nil
            if let before, let after {
                let joinsChinese = sawNewline && !before.isASCII && !after.isASCII
                if !joinsChinese { out.append(" ") }
            }
            i = j
        }
        return String(out)
    }

    /// At most `limit` characters of `text` on one line, cut at a character and ended by `…`.
    static func excerpt(_ text: String, limit: Int) -> String {
        let line = normalise(text)
        guard line.count > limit else { return line }
        guard limit > 1 else { return "…" }
        return String(line.prefix(limit - 1)).trimmingTrailingSpaces + "…"
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
