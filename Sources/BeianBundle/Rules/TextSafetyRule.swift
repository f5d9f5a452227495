public import BeianDiagnostics

/// F220: text holds no control, bidi, invisible or noncharacter code points, a one-line field
/// no line break and no white space at either end.
///
/// What: every scalar value of `entity.yaml`, `products/*.yaml` and `algorithm.yaml`, and the
/// whole of `disclosure.md`, is checked against `TextSafety`. One-line fields allow none of
/// its kinds (a leading or trailing `\n` included) and must not start or end with white space
/// of any kind (U+3000 全角空格 and U+00A0 included); multi-line fields and the disclosure allow
/// TAB and LF (and CR before LF, a Windows line end) only.
/// Why: ESC, BEL or CSI in a name rewrites the reviewer's terminal; U+202E makes one name
/// display as another; a zero-width space or a trailing full-width space makes a copy of a
/// company's name that looks the same and compares different.
/// Example: `name: "海棠\u200B出行"`, `name: "海棠出行　"`, `purpose: "…\e[2K…"`.
/// Fix: retype the text; delete invisible characters (an editor's "show invisibles" helps).
public enum TextSafetyRule {
    /// Most findings reported for one `disclosure.md`: a hostile file could hold a million.
    public static let maxReportedPerFile = 20

    /// Checks one scalar value of a YAML field.
    public static func check(_ text: String, multiline: Bool, _ c: FieldContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let allowed: Set<TextSafety.Kind> = multiline ? [.tab, .lineBreak] : []
        // Multi-line text passes LF and TAB only: CR (a carriage return that overwrites a
        // terminal line), VT, FF, NEL and U+2028/9 are refused there too.
        if !TextSafety.isClean(text, allowing: allowed) || (multiline && text.unicodeScalars.contains(where: isStrayBreak)) {
            let scalars = Array(text.unicodeScalars)
            var bad: [(index: Int, scalar: Unicode.Scalar, kind: TextSafety.Kind)] = []
            for (i, u) in scalars.enumerated() {
                guard let k = TextSafety.kind(of: u) else { continue }
                // In multi-line text only LF and TAB pass (YAML already turned CRLF into LF).
                if multiline, u == "\n" || u == "\t" { continue }
                bad.append((i, u, k))
            }
            if let first = bad.first {
                let more = bad.count > 1
                    ? Localized(zh: "（共 \(bad.count) 处）", en: " (\(bad.count) in all)") : Localized(zh: "", en: "")
                let what = TextSafety.describe(first.scalar)
                let isBreak = first.kind == .lineBreak && !multiline
                out.append(c.problem(
                    .unsafeCharacter,
                    Localized(zh: "第 \(first.index + 1) 个字符是\(first.kind.name.zh) \(what)\(more.zh)",
                              en: "character \(first.index + 1) is \(what), \(first.kind.article) \(first.kind.name.en)\(more.en)"),
                    help: isBreak
                        ? Localized(zh: "\(c.spec.zh)只能写一行：删除换行（包括开头和结尾的换行）",
                                    en: "the \(c.spec.en) is one line: remove the line breaks (leading and trailing ones too)")
                        : Localized(zh: "删除该字符后重新输入；编辑器的“显示不可见字符”可以帮助找到它",
                                    en: "delete the character and retype the text; an editor's \"show invisibles\" helps find it")))
            }
        }
        if !multiline, let edge = surroundingSpace(text) {
            out.append(c.problem(
                .unsafeCharacter,
                Localized(zh: "\(edge.atStart ? "开头" : "结尾")有空白字符 \(TextSafety.describe(edge.scalar))",
                          en: "\(edge.atStart ? "starts" : "ends") with white space, \(TextSafety.describe(edge.scalar))"),
                help: Localized(zh: "删除首尾的空格（包括全角空格）", en: "remove the spaces at either end (full-width spaces too)")))
        }
        return out
    }

    /// The first white space at the start or else the end of `text` (line breaks are reported
    /// as unsafe characters already).
    static func surroundingSpace(_ text: String) -> (atStart: Bool, scalar: Unicode.Scalar)? {
        let scalars = text.unicodeScalars
        if let f = scalars.first, f.properties.isWhitespace, TextSafety.kind(of: f) == nil { return (true, f) }
        if let l = scalars.last, l.properties.isWhitespace, TextSafety.kind(of: l) == nil { return (false, l) }
        return nil
    }

    /// Checks `disclosure.md`: each unsafe character at its line and column (scalars, 1-based).
    public static func check(disclosure text: String, path: String) -> [Diagnostic] {
        if TextSafety.isClean(text, allowing: [.tab, .lineBreak]) && !text.unicodeScalars.contains(where: isStrayBreak) {
            return []
        }
        var out: [Diagnostic] = []
        var count = 0
        var line = 1, column = 1
        let scalars = Array(text.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            defer {
                if u == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            guard let k = TextSafety.kind(of: u) else { continue }
            if u == "\n" || u == "\t" || (u == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n") { continue }
            count += 1
            guard count <= maxReportedPerFile else { continue }
            out.append(Diagnostic(
                .unsafeCharacter, at: SourceLocation(path: path, line: line, column: column),
                field: FieldRef(key: "disclosure.md", zh: "拟公示内容", en: "disclosure"),
                message: Localized(zh: "此处是\(k.name.zh) \(TextSafety.describe(u))", en: "\(TextSafety.describe(u)) here, \(k.article) \(k.name.en)"),
                help: Localized(zh: "删除该字符；拟公示内容只能包含文字、制表符和换行",
                                en: "delete the character; the disclosure holds text, tabs and line breaks only")))
        }
        if count > maxReportedPerFile, var last = out.popLast() {
            last.message = Localized(zh: last.message.zh + "（另有 \(count - maxReportedPerFile) 处未列出）",
                                     en: last.message.en + " (\(count - maxReportedPerFile) more not listed)")
            out.append(last)
        }
        return out
    }

    /// A line break other than LF or CRLF (checked separately: `isClean` lets all breaks pass).
    static func isStrayBreak(_ u: Unicode.Scalar) -> Bool {
        u == "\r" || u == "\u{0B}" || u == "\u{0C}" || u == "\u{85}" || u == "\u{2028}" || u == "\u{2029}"
    }
}
