public import BeianDiagnostics

/// The build error shown over every page `serve` sends while the last build failed: each
/// diagnostic's `path:line:col`, code, message and help, all escaped (a file name or a
/// message quoting the input is the filer's or operator's text, never markup).
public enum ErrorOverlay {
    /// The overlay element for `diagnostics` (errors first), in `lang`.
    public static func html(_ diagnostics: [Diagnostic], lang: Lang) -> String {
        let shown = diagnostics.filter { $0.severity == .error } + diagnostics.filter { $0.severity != .error }
        var s = "<div id=\"beian-overlay\" role=\"alert\">"
        s += "<h2>" + HTMLText.escape(lang == .zh ? "构建失败：显示的是上一次成功构建的站点" : "Build failed: showing the last good build") + "</h2><ol>"
        for d in shown {
            s += "<li><span class=\"beian-where\">" + HTMLText.escape(d.location.description) + "</span> "
            s += "<span class=\"beian-code\">" + HTMLText.escape(d.severity == .error ? "error" : "warning") + "[" + d.code.rawValue + "]</span> "
            if let field = d.field { s += HTMLText.escape(lang == .zh ? field.zh : field.en) + ": " }
            s += HTMLText.escape(d.message(lang))
            s += "<br><span class=\"beian-help\">" + HTMLText.escape((lang == .zh ? "修正：" : "help: ") + d.help(lang)) + "</span></li>"
        }
        s += "</ol><p class=\"beian-note\">" + HTMLText.escape(lang == .zh ? "保存修正后的文件，页面会自动刷新。" : "Save the fixed file and the page reloads by itself.") + "</p></div>"
        return s
    }

}
