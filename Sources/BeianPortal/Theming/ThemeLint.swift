import BeianDiagnostics
import BeianModel

/// The theme's escaping rule, checked on every template before it is compiled.
///
/// Mustache escapes `{{name}}` for HTML. Unescaped output (`{{{name}}}` or `{{&name}}`) is
/// allowed only for names ending in `HTML`: the page models put nothing but trusted HTML
/// (the Markdown renderer's output) under such names. Set-delimiter tags (`{{=…=}}`) and
/// pragmas (`{{%…}}`, which can switch escaping off) are refused, because they would hide an
/// unescaped tag from this check.
enum ThemeLint {
    /// Every violation in `source`, as diagnostics pointing at the tag.
    static func check(_ source: String, path: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        for (lineIndex, line) in lines.enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...]
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                let at = SourceLocation(path: path, line: lineIndex + 1, column: column)
                let sigil = afterOpen.first
                if sigil == "=" || sigil == "%" {
                    problems.append(Diagnostic(.contentInvalid, at: at,
                        message: Localized(zh: "主题模板不允许使用 {{\(sigil!) 标签", en: "theme templates may not use {{\(sigil!) tags"),
                        help: Localized(zh: "删除该标签；模板必须使用默认的 {{ }} 分隔符和 HTML 转义",
                                        en: "remove the tag; templates keep the default {{ }} delimiters and HTML escaping")))
                } else if sigil == "{" || sigil == "&" {
                    let name = String(afterOpen.dropFirst().prefix { $0 != "}" }).trimmingSpaces
                    if !name.hasSuffix("HTML") {
                        problems.append(Diagnostic(.contentInvalid, at: at,
                            message: Localized(zh: "模板对“\(name)”不做转义输出", en: "the template outputs “\(name)” unescaped"),
                            help: Localized(zh: "改用 {{\(name)}}；只有以 HTML 结尾的字段可以不转义",
                                            en: "write {{\(name)}} instead; only names ending in HTML may be unescaped")))
                    }
                }
                rest = afterOpen
            }
        }
        return problems
    }

    static func problem(path: String, zh: String, en: String, helpZh: String, helpEn: String) -> Diagnostic {
        Diagnostic(.contentInvalid, at: SourceLocation(path: path),
                   message: Localized(zh: zh, en: en), help: Localized(zh: helpZh, en: helpEn))
    }
}
