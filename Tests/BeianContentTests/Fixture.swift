import BeianContent
import BeianDiagnostics
import BeianModel
import Foundation
import Testing

/// Where the test content lives, and loading it with a fixed day.
enum Fixture {
    static let today = CalendarDate("2026-11-29")!

    /// A folder under `Fixtures/` as copied into the test bundle.
    static func path(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(name)").path
    }

    /// The repository's own `content/` (the demo the portal ships with).
    static var demoContent: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("content").path
    }

    static func load(_ path: String) throws -> SiteContent {
        try ContentLoader(today: today).load(path)
    }

    /// The diagnostics about one file, by its path under the content folder.
    static func diagnostics(_ content: SiteContent, root: String, file: String) -> [Diagnostic] {
        content.diagnostics.filter { $0.location.path == "\(root)/\(file)" }
    }
}
