import BeianStore
import BeianBundle
import BeianDiagnostics
import BeianMarkdown
import BeianModel
import Foundation

/// One request being answered: the app, the request, its language and posted form.
struct FormContext {
    let app: FormApp
    let request: FormRequest
    let lang: Lang
    let body: FormBody

    var t: FormText { FormText(lang: lang) }
    var folder: BundleFolder { app.folder }

    // MARK: - Loading

    /// The bundle as `beian validate` sees it (the same loader), with `overlay` standing in
    /// for files not saved yet.
    func load(overlay: [String: Data] = [:]) -> LoadedBundle? {
        try? BundleLoader(draft: false, today: Clock.fromEnvironment().today).load(folder.display, overlay: overlay)
    }

    /// The diagnostics of one file of the bundle, by the field key they concern ("" for none).
    func diagnostics(_ loaded: LoadedBundle?, file: String) -> [String: [Diagnostic]] {
        guard let loaded else { return [:] }
        let display = loaded.display(file)
        return Dictionary(grouping: loaded.diagnostics.filter { $0.location.path == display }, by: { $0.field?.key ?? "" })
    }

    func page(_ title: String, active: String, _ body: String) -> FormResponse {
        var response = FormResponse.html(FormLayout.page(title: title, lang: lang, token: app.guard_.token, active: active,
                                                         path: request.path, body: body))
        if let q = request.query["lang"], Lang(rawValue: q) != nil {
            response.headers.append(("Set-Cookie", "beian-lang=\(q); Path=/; SameSite=Strict"))
        }
        return response
    }

    func notFound() -> FormResponse {
        .html(FormLayout.bare(title: "404", lang: lang, body: "<h1>404</h1><p>\(t("没有这个页面", "No such page")) · <a href=\"/\">\(t("返回总览", "Back to the overview"))</a></p>"), status: 404)
    }

    func errorPage(status: Int, _ message: Localized) -> FormResponse {
        .html(FormLayout.bare(title: "\(status)", lang: lang, body: "<h1>\(status)</h1><p>\(HTML.h(message(lang)))</p>"), status: status)
    }

    /// The hidden session token every form carries.
    var tokenField: String { "<input type=\"hidden\" name=\"_token\" value=\"\(HTML.h(app.guard_.token))\">" }

    static func diagnostic(_ code: DiagnosticCode, _ path: String, _ message: Localized, _ help: Localized) -> Diagnostic {
        Diagnostic(code, at: SourceLocation(path: path), message: message, help: help)
    }

    func editRefused(_ error: YAMLEditError, file: String) -> Diagnostic {
        Self.diagnostic(.formEditRefused, PathText.join(folder.display, file),
                        Localized(zh: "无法保存“\(error.keyPath)”：文件\(error == .unparsable ? "目前不是合法的 YAML" : "中该项的写法表单无法修改")",
                                  en: "cannot save '\(error.keyPath)': \(error == .unparsable ? "the file is not valid YAML now" : "the form cannot rewrite how it is written")"),
                        Localized(zh: "直接修改文件（beian validate 指出位置），再保存", en: "fix the file by hand (beian validate shows where), then save again"))
    }
}
