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

/// The published client sets no globals for tests or benchmarks (`window.__beianSearch`,
/// `window.beianSearchTokenize` were once exported): they listen for its "beian-search" event
/// and load a test-only copy of the source (Tests/search-browser/test_search.py).
@Test func thePublishedClientExportsNoGlobals() throws {
    let published = try ClientAssets.text("search", ext: "js")
    for global in ["window.__", "window.beian", "globalThis."] {
        #expect(!published.contains(global), "search.js assigns \(global)…")
    }
    let assignments = published.matches(of: /window\.[A-Za-z_$][A-Za-z0-9_$]*\s*=[^=]/).map { String(published[$0.range]) }
    #expect(assignments == [], "search.js sets globals: \(assignments)")
}
