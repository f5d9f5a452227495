/// The Markdown source as lines of UTF-8 bytes, to look up what a node's position points at.
///
/// cmark-gfm reports positions as 1-based lines and 1-based byte columns.
struct SourceText {
    private let lines: [ArraySlice<UInt8>]

    init(_ text: String) {
        lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    }

    /// The byte at `line`:`column`, or nil outside the text.
    func byte(line: Int, column: Int) -> UInt8? {
        guard line >= 1, line <= lines.count else { return nil }
        let l = lines[line - 1]
        guard column >= 1, column <= l.count else { return nil }
        return l[l.startIndex + column - 1]
    }

    /// The bytes from `column` to `endColumn` (inclusive) of one line, or nil outside the text.
    func bytes(line: Int, column: Int, endColumn: Int) -> ArraySlice<UInt8>? {
        guard line >= 1, line <= lines.count, column >= 1, endColumn >= column else { return nil }
        let l = lines[line - 1]
        guard endColumn <= l.count else { return nil }
        return l[(l.startIndex + column - 1)..<(l.startIndex + endColumn)]
    }
}
