import BeianDiagnostics
import Mustache

/// Mustache's HTML escaping (`<`, `>`, `&`, `"`, `'`), done on UTF-8 bytes.
///
/// It escapes exactly what swift-mustache's built-in HTML content type escapes, but without
/// walking grapheme clusters through a dictionary, which made escaping Chinese text the
/// largest cost of a build. `CompiledTheme` selects it at the top of every template; a
/// template cannot select another content type (`ThemeLint` refuses pragmas).
struct HTMLContent: MustacheContentType {
    static let name = "BEIAN_HTML"
    /// The line put before every template; standalone, so it adds no output.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    func escapeText(_ text: String) -> String { HTMLText.escape(text) }

    /// Registers the content type with Mustache (idempotent, thread-safe: Mustache locks).
    static func register() {
        MustacheContentTypes.register(HTMLContent(), named: name)
    }
}
