import BeianBundle
import Foundation
import Testing

/// docs/bundle-format.md is generated from the schema: fail when they drift apart.
/// `BEIAN_RECORD=1` rewrites it and fails too, so the rewrite is always looked at.
@Test func bundleFormatDocMatchesTheSchema() throws {
    let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/bundle-format.md")
    let generated = SchemaDoc.markdown()
    if ProcessInfo.processInfo.environment["BEIAN_RECORD"] == "1" {
        try generated.write(to: doc, atomically: true, encoding: .utf8)
        Issue.record("re-recorded docs/bundle-format.md; check the diff and run again without BEIAN_RECORD")
        return
    }
    let committed = try String(contentsOf: doc, encoding: .utf8)
    #expect(committed == generated, "docs/bundle-format.md is stale: run BEIAN_RECORD=1 swift test --filter SchemaDocTests")
}
