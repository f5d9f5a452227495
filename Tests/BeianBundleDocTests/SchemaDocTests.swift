import BeianBundle
import Foundation
import Testing

/// docs/bundle-format.md is generated from the schema: fail when they drift apart.
@Test func bundleFormatDocMatchesTheSchema() throws {
    let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/bundle-format.md")
    let generated = SchemaDoc.markdown()
    if ProcessInfo.processInfo.environment["BEIAN_RECORD"] == "1" {
        try generated.write(to: doc, atomically: true, encoding: .utf8)
    }
    let committed = try String(contentsOf: doc, encoding: .utf8)
    #expect(committed == generated, "docs/bundle-format.md is stale: run BEIAN_RECORD=1 swift test --filter SchemaDocTests")
}
