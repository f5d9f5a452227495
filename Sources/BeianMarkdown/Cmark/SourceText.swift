/// The Markdown source as UTF-8 bytes with the offset of every line, to look up what a
/// node's position points at. cmark-gfm reports 1-based lines and 1-based byte columns.
struct SourceText {
    private let bytes: [UInt8]
    /// Offset of the first byte of each line, and one past the end as the last entry.
    private let lineStarts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        starts.append(bytes.count + 1)
        lineStarts = starts
    }

    /// The bytes of a line, without its newline.
    private func line(_ n: Int) -> ArraySlice<UInt8>? {
        guard n >= 1, n < lineStarts.count else { return nil }
        return bytes[lineStarts[n - 1]..<(lineStarts[n] - 1)]
    }

    /// The byte at `line`:`column`, or nil outside the text.
    func byte(line: Int, column: Int) -> UInt8? {
        guard let l = self.line(line), column >= 1, column <= l.count else { return nil }
        return l[l.startIndex + column - 1]
    }

    /// The bytes from `column` to `endColumn` (inclusive) of one line, or nil outside the text.
    func bytes(line: Int, column: Int, endColumn: Int) -> ArraySlice<UInt8>? {
        guard let l = self.line(line), column >= 1, endColumn >= column, endColumn <= l.count else { return nil }
        return l[(l.startIndex + column - 1)..<(l.startIndex + endColumn)]
    }
}
