import Foundation
import Mustache

/// The Mustache templates (`Templates/*.mustache`, compiled into the executable by
/// scripts/embed-resources), parsed once.
///
/// Every template renders in Mustache's HTML mode, so `{{value}}` is always escaped; the only
/// triple-stache `{{{…}}}` in the templates prints Markdown that cmark-gfm rendered without
/// raw HTML (see `DisclosureSheet`).
enum TemplateLibrary {
    /// The parsed templates, or why they could not be parsed.
    static let shared: Result<MustacheLibrary, TemplateError> = load()

    static func load() -> Result<MustacheLibrary, TemplateError> {
        var library = MustacheLibrary()
        for file in EmbeddedTemplates.files where file.path.hasSuffix(".mustache") && !file.path.contains("/") {
            do {
                try library.register(String(decoding: file.data, as: UTF8.self), named: String(file.path.dropLast(".mustache".count)))
            } catch {
                return .failure(.templatesUnreadable("Templates/\(file.path): \(error)"))
            }
        }
        return .success(library)
    }
}
