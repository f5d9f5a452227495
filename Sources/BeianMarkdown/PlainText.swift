import CCmarkGFM
import Foundation

/// The words of a document without markup, for search snippets and feed summaries.
///
/// One line per block (paragraph, heading, list item, table row, code line); inline markup
/// dropped; raw HTML dropped (it is never shown either); image descriptions kept. A line
/// break inside a paragraph joins Chinese without a space and anything else with one.
///
/// Works on UTF-8 bytes straight from cmark's buffers: the portal extracts the text of every
/// disclosure, and building Swift strings node by node cost several times the parse.
enum PlainText {
    /// Ends a line in the byte buffer. cmark never leaves NUL in text (it becomes U+FFFD).
    static let endOfLine: UInt8 = 0

    static func document(_ root: Node) -> String {
        var buffer: [UInt8] = []
        guard let iter = cmark_iter_new(root.raw) else { return "" }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard let raw = cmark_iter_get_node(iter) else { continue }
            let node = Node(raw)
            switch node.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                node.appendLiteral(to: &buffer)
            case CMARK_NODE_SOFTBREAK:
                buffer.append(0x0A)
            case CMARK_NODE_LINEBREAK:
                buffer.append(endOfLine)
            case CMARK_NODE_CODE_BLOCK:
                buffer.append(endOfLine)
                let start = buffer.count
                node.appendLiteral(to: &buffer)
                for i in start..<buffer.count where buffer[i] == 0x0A { buffer[i] = endOfLine }
                buffer.append(endOfLine)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                break
            case let type where type.rawValue & 0xC000 == 0x8000: // any other block
                // Cells of a table row share its line; every other block gets its own.
                if strcmp(cmark_node_get_type_string(raw), "table_cell") == 0 {
                    if event == CMARK_EVENT_ENTER, node.previous != nil { buffer.append(0x20) }
                } else {
                    buffer.append(endOfLine)
                }
            default:
                break
            }
        }
        return normalise(buffer)
    }

    /// The text of one inline container (a heading), on one line.
    static func inline(_ node: Node) -> String {
        var buffer: [UInt8] = []
        for child in node.descendants {
            switch child.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: child.appendLiteral(to: &buffer)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: buffer.append(0x0A)
            default: break
            }
        }
        return normalise(buffer)
    }

    /// Collapses white space; a line break between two non-ASCII characters (Chinese)
    /// vanishes, any other white space becomes one space. `endOfLine` bytes split lines;
    /// empty lines are dropped.
    static func normalise(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var lineStart = 0 // where the current line begins in `out`
        var pendingSpace = false, pendingNewline = false, lastWasASCII = true
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == endOfLine {
                if out.count > lineStart { out.append(0x0A); lineStart = out.count }
                pendingSpace = false; pendingNewline = false
                i += 1
                continue
            }
            let space = whitespaceWidth(bytes, i)
            if space > 0 {
                pendingSpace = true
                if b == 0x0A { pendingNewline = true }
                i += space
                continue
            }
            if pendingSpace, out.count > lineStart {
                let joinsChinese = pendingNewline && !lastWasASCII && b >= 0x80
                if !joinsChinese { out.append(0x20) }
            }
            pendingSpace = false; pendingNewline = false
            let end = min(i + (b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4), bytes.count)
            while i < end { out.append(bytes[i]); i += 1 }
            lastWasASCII = b < 0x80
        }
        if out.last == 0x0A { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// The same for a Swift string, on one line.
    static func normalise(_ text: String) -> String { normalise(Array(text.utf8)) }

    /// Unicode `White_Space`, by value.
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The byte length of the white-space scalar at `i` (Unicode `White_Space`), or 0.
    static func whitespaceWidth(_ s: [UInt8], _ i: Int) -> Int {
        func at(_ k: Int) -> UInt8 { k < s.count ? s[k] : 0 }
        switch s[i] {
        case 0x09...0x0D, 0x20: return 1
        case 0xC2: return at(i + 1) == 0x85 || at(i + 1) == 0xA0 ? 2 : 0 // U+0085, U+00A0
        case 0xE1: return at(i + 1) == 0x9A && at(i + 2) == 0x80 ? 3 : 0 // U+1680
        case 0xE2:
            if at(i + 1) == 0x80, (0x80...0x8A).contains(at(i + 2)) || [0xA8, 0xA9, 0xAF].contains(at(i + 2)) { return 3 }
            return at(i + 1) == 0x81 && at(i + 2) == 0x9F ? 3 : 0 // U+2000–200A, 2028, 2029, 202F, 205F
        case 0xE3: return at(i + 1) == 0x80 && at(i + 2) == 0x80 ? 3 : 0 // U+3000
        default: return 0
        }
    }

    /// At most `limit` characters of `text` on one line, cut at a character and ended by `…`.
    static func excerpt(_ text: String, limit: Int) -> String {
        let line = normalise(text)
        guard line.count > limit else { return line }
        guard limit > 1 else { return "…" }
        var cut = Substring(line.prefix(limit - 1))
        while cut.last?.isWhitespace == true { cut = cut.dropLast() }
        return cut + "…"
    }
}
