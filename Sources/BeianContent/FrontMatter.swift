import BeianBundle
import BeianDiagnostics
import Foundation

/// A Markdown file cut into its YAML front matter (between two `---` lines) and its body.
///
/// The YAML is parsed with the lines before it kept blank, so every position the YAML
/// reader reports is the real line and column in the `.md` file.
struct FrontMatter {
    /// The parsed front matter; nil when it is not valid YAML.
    var yaml: YAMLValue?
    /// Problems of the YAML itself, already coded C801.
    var diagnostics: [Diagnostic]
    /// The Markdown after the closing `---`.
    var body: String
    /// The 1-based line of the file on which `body` starts.
    var bodyLine: Int

    /// Splits `text` read from `path`; `keys` (e.g. "title、date") go into the help of a file
    /// that has no front matter.
    static func split(_ text: String, path: String, keys: String) -> Result<FrontMatter, Diagnostic> {
        // CRLF from Windows editors: line numbers stay the same, fences are found.
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, isFence(first) else {
            return .failure(Diagnostic(
                .frontMatter, at: SourceLocation(path: path, line: 1, column: 1),
                message: Localized(zh: "文件没有以 `---` 开头的头信息", en: "the file does not start with front matter between `---` lines"),
                help: Localized(zh: "第一行写 ---，接着写 \(keys) 等键，再写一行 --- 结束，然后写正文",
                                en: "write --- on the first line, then the keys \(keys), then --- and the text")))
        }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else {
            return .failure(Diagnostic(
                .frontMatter, at: SourceLocation(path: path, line: 1, column: 1),
                message: Localized(zh: "第 1 行开始的头信息没有结束的 `---`", en: "the front matter opened on line 1 is never closed with `---`"),
                help: Localized(zh: "在头信息最后一个键之后加一行 ---", en: "add a line --- after the last key of the front matter")))
        }
        // A blank line stands in for the opening `---`, so YAML line numbers are file line numbers.
        let yamlText = "\n" + lines[1..<close].joined(separator: "\n") + "\n"
        let (value, problems) = YAMLReader.parse(yamlText, path: path)
        return .success(FrontMatter(
            yaml: value,
            diagnostics: problems.map { $0.recoded(.frontMatter) },
            body: lines[(close + 1)...].joined(separator: "\n"),
            bodyLine: close + 2))
    }

    /// `---` alone on its line (trailing spaces allowed).
    static func isFence(_ line: Substring) -> Bool {
        var l = line
        while let last = l.last, last == " " || last == "\t" { l = l.dropLast() }
        return l == "---"
    }
}

extension Diagnostic {
    /// The same problem under a portal-content code: content files report C801 / C802 whatever
    /// shared check found the problem; message, help, field and position are kept.
    func recoded(_ code: DiagnosticCode) -> Diagnostic {
        var d = self
        d.code = code
        return d
    }
}
