@testable import BeianPortal
import BeianTestSupport
import Testing

/// The built-in theme is compiled in (Generated/EmbeddedTheme.swift); it must be exactly
/// Resources/theme/, so an edit there without scripts/embed-resources fails here.
@Suite struct EmbeddedThemeTests {
    @Test func theCompiledInThemeIsTheFolder() {
        let problems = SourceFolder.staleness(embedded: EmbeddedTheme.files.map { ($0.path, $0.data) },
                                              folder: "Sources/BeianPortal/Resources/theme")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func theBuiltInThemeHasEveryRequiredTemplateAndTheStyleSheet() throws {
        let theme = try Theme.builtIn()
        #expect(Set(Theme.requiredTemplates).isSubset(of: Set(theme.templates.keys)))
        #expect(theme.assets["style.css"] != nil)
        #expect(theme.overrides.isEmpty)
    }
}
