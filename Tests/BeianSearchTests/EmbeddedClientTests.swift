@testable import BeianSearch
import BeianTestSupport
import Testing

/// The search client is compiled in (Generated/EmbeddedClient.swift); it must be exactly
/// Client/, so an edit there without scripts/embed-resources fails here.
@Suite struct EmbeddedClientTests {
    @Test func theCompiledInClientIsTheFolder() {
        let problems = SourceFolder.staleness(embedded: EmbeddedClient.files.map { ($0.path, $0.data) },
                                              folder: "Sources/BeianSearch/Client")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }
}
