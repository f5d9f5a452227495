@testable import BeianTemplates
import BeianTestSupport
import Testing

/// The attachment templates are compiled in (Generated/EmbeddedTemplates.swift); they must be
/// exactly Templates/, so an edit there without scripts/embed-resources fails here.
@Suite struct EmbeddedTemplatesTests {
    @Test func theCompiledInTemplatesAreTheFolder() {
        let problems = SourceFolder.staleness(embedded: EmbeddedTemplates.files.map { ($0.path, $0.data) },
                                              folder: "Sources/BeianTemplates/Templates")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func everyTemplateParses() throws {
        _ = try TemplateLibrary.load().get()
        #expect(EmbeddedTemplates.files.count >= 6)
    }
}
