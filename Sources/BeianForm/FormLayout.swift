import BeianDiagnostics

/// The page frame: the portal's CSP (same-origin CSS and JS only, nothing inline), a skip
/// link, the navigation, the language switch.
enum FormLayout {
    static func page(title: String, lang: Lang, token: String, active: String, path: String, body: String) -> String {
        let t = FormText(lang: lang)
        let nav: [(String, String)] = [
            ("/", t("总览", "Overview")), ("/entity", t("主体信息", "Entity")), ("/drafts", t("草稿箱", "Drafts")),
            ("/submit", t("确认提交", "Submit")), ("/status", t("备案查询", "Status")),
        ]
        let links = nav.map { href, label in
            "<li><a href=\"\(href)\"\(href == active ? " aria-current=\"page\"" : "")>\(HTML.h(label))</a></li>"
        }.joined()
        let other = lang == .zh ? ("en", "English") : ("zh", "中文")
        return """
        <!DOCTYPE html>
        <html lang="\(lang == .zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'">
        <meta name="beian-token" content="\(HTML.h(token))">
        <title>\(HTML.h(title)) · \(t("beian 备案填报", "beian filing form"))</title>
        <link rel="stylesheet" href="/assets/form.css">
        <script src="/assets/form.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">\(t("跳到正文", "Skip to content"))</a>
        <header class="top"><p class="brand">\(t("算法备案填报（本机）", "Algorithm filing form (this machine)"))</p>
        <nav aria-label="\(t("主导航", "Main"))"><ul>\(links)</ul></nav>
        <p class="lang"><a href="\(HTML.h(path))?lang=\(other.0)" lang="\(other.0 == "zh" ? "zh-CN" : "en")">\(other.1)</a></p></header>
        <main id="main">
        \(body)
        </main>
        </body>
        </html>

        """
    }

    static func bare(title: String, lang: Lang, body: String) -> String {
        "<!DOCTYPE html><html lang=\"\(lang == .zh ? "zh-CN" : "en")\"><head><meta charset=\"utf-8\"><title>\(HTML.h(title))</title><link rel=\"stylesheet\" href=\"/assets/form.css\"></head><body><main id=\"main\">\(body)</main></body></html>"
    }
}
