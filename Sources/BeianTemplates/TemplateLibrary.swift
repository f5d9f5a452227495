import Foundation
import Mustache

/// The Mustache templates shipped as package resources (`Templates/*.mustache`), parsed once.
///
/// Every template renders in Mustache's HTML mode, so `{{value}}` is always escaped; the only
/// triple-stache `{{{…}}}` in the templates prints Markdown that cmark-gfm rendered without
/// raw HTML (see `DisclosureSheet`).
enum TemplateLibrary {
    /// The parsed templates, or why they could not be read.
    static let shared: Result<MustacheLibrary, TemplateError> = load()

    static func load() -> Result<MustacheLibrary, TemplateError> {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            return .failure(.templatesUnreadable("Templates"))
        }
        var library = MustacheLibrary()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for file in names where file.hasSuffix(".mustache") {
            let url = folder.appendingPathComponent(file)
            do {
                let text = try String(contentsOf: url, encoding: .utf8)
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            } catch {
                return .failure(.templatesUnreadable("\(url.path): \(error)"))
            }
        }
        return .success(library)
    }
}
