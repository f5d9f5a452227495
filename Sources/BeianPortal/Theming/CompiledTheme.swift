import BeianDiagnostics
import Mustache

/// A theme whose templates passed `ThemeLint` and were parsed once, ready to render from any
/// number of tasks at once (a `MustacheLibrary` is an immutable value).
struct CompiledTheme: Sendable {
    let library: MustacheLibrary
    let theme: Theme
    /// The filing page is rendered by `FilingPageRenderer` (its templates are the built-in ones).
    let fastFilingPage: Bool
    /// List rows are rendered by `FilingPageRenderer.row` (the built-in `filing-row`).
    let fastRow: Bool

    /// Checks and compiles every template, reporting all problems at once.
    init(_ theme: Theme) throws(PortalError) {
        var problems: [Diagnostic] = []
        var library = MustacheLibrary()
        HTMLContent.register()
        for name in Theme.requiredTemplates where theme.templates[name] == nil {
            problems.append(ThemeLint.problem(path: "theme/\(name).mustache", zh: "主题缺少模板 \(name).mustache",
                                              en: "the theme lacks the template \(name).mustache",
                                              helpZh: "从内置主题复制该文件后再修改", helpEn: "copy the file from the built-in theme, then edit it"))
        }
        for (name, source) in theme.templates.sorted(by: { $0.key < $1.key }) {
            let path = theme.overrides.contains(name + ".mustache") ? "content/theme/\(name).mustache" : "theme/\(name).mustache"
            // The built-in templates pass the lint (a test checks them all); any other is checked here.
            var lint = theme.builtInTemplates.contains(name) ? [] : ThemeLint.check(source, path: path)
            if name == "header", !theme.builtInTemplates.contains(name), let missing = ContentSecurityPolicy.lint(header: source, path: path) {
                lint.append(missing)
            }
            guard lint.isEmpty else {
                problems += lint
                continue
            }
            do {
                // Every template starts in the fast HTML content type (same escaping as Mustache's).
                try library.register(MustacheTemplate(string: HTMLContent.pragma + source), named: name)
            } catch let error as MustacheTemplate.ParserError {
                problems.append(Diagnostic(.contentInvalid,
                    at: SourceLocation(path: path, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber),
                    message: Localized(zh: "模板语法错误：\(error.error)", en: "template syntax error: \(error.error)"),
                    help: Localized(zh: "检查 {{#…}} 与 {{/…}} 是否成对", en: "check that every {{#…}} has its {{/…}}")))
            } catch {
                problems.append(ThemeLint.problem(path: path, zh: "模板无法解析：\(error)", en: "the template cannot be parsed: \(error)",
                                                  helpZh: "修正模板语法", helpEn: "fix the template's syntax"))
            }
        }
        guard problems.isEmpty else { throw PortalError(problems) }
        self.library = library
        self.theme = theme
        fastFilingPage = FilingPageRenderer.matches(theme)
        fastRow = FilingPageRenderer.matchesRow(theme)
    }

    /// Renders the template `name` with a page model; Mustache escapes every `{{value}}`.
    func render(_ name: String, _ model: [String: Any]) -> String {
        if name == "filing" && fastFilingPage { return FilingPageRenderer.render(model) }
        if name == "filing-row" && fastRow { return FilingPageRenderer.row(model) }
        return library.render(model, withTemplate: name) ?? ""
    }

    /// Always through Mustache (what `FilingPageRenderer` is tested against).
    func renderWithMustache(_ name: String, _ model: [String: Any]) -> String {
        library.render(model, withTemplate: name) ?? ""
    }
}
