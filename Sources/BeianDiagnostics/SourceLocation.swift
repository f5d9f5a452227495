/// A 1-based position in a file of a bundle or of `content/`.
///
/// `line` and `column` count from 1; `column` counts Unicode scalars, as libyaml does,
/// so a caret lines up under Chinese text in a terminal that shows one glyph per scalar.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }

    /// `path:line:col`, the form editors and terminals turn into a link.
    public var description: String { "\(path):\(line):\(column)" }
}
