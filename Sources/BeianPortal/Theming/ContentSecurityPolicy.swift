import BeianDiagnostics

/// The portal's Content-Security-Policy: every page may load only the portal's own files.
///
/// A page shows text that filers and operators wrote; the policy makes sure that even a
/// mistake elsewhere (a template, a renderer) cannot make a visitor's browser fetch from another
/// host or run a script the portal did not ship. The portal needs nothing inline: its styles are
/// `assets/style.css` and the search client's stylesheet, its only script `search/search.js`,
/// Markdown tables are aligned by class. It is a `<meta>` in the `header` template (so it
/// holds wherever the site is served); `frame-ancestors` would be ignored there — set it as a
/// response header on the web server if framing matters.
enum ContentSecurityPolicy {
    static let policy = "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
    /// The line of `header.mustache` that carries it; an overridden `header` must keep it.
    static let meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"

    /// The problem with an overridden `header` template that lacks the policy's line, if any.
    static func lint(header source: String, path: String) -> Diagnostic? {
        guard !source.contains(meta) else { return nil }
        return ThemeLint.problem(path: path, zh: "页头模板缺少门户的内容安全策略（Content-Security-Policy）",
                                 en: "the header template lacks the portal's Content-Security-Policy",
                                 helpZh: "在 <meta charset> 之后保留内置页头中的这一行：\(meta)",
                                 helpEn: "keep this line of the built-in header right after <meta charset>: \(meta)")
    }
}
