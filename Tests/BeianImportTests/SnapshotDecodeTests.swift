import BeianImport
import BeianModel
@testable import BeianRegistry
import Foundation
import Testing

/// `PublicSnapshot.fast` (plain JSON lookups) reads every approved snapshot — imported filings
/// with cancellations and renames, and the demo registry's entities and algorithms — exactly as
/// the `Codable` decoder does, in every field the public view uses.
@Test func fastSnapshotDecodingEqualsCodableOnEverySnapshot() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-snap-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try Importer(registry: dir, registryDisplay: dir.path, clock: Clock(now: 1_764_000_000)).write(Data235.plan())
    let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("bundles")
    var compared = 0, imported = 0, algorithms = 0, entities = 0
    for root in [dir, demo] {
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "json" && url.deletingLastPathComponent().lastPathComponent == "snapshots" {
            let data = try Data(contentsOf: url)
            let slow = try JSONDecoder().decode(PublicSnapshot.self, from: data)
            let fast = try #require(PublicSnapshot.fast(data), "\(url.path)")
            #expect(fast.imported == slow.imported, "\(url.lastPathComponent)")
            #expect(fast.publicProducts == slow.publicProducts)
            #expect(fast.entity?.name == slow.entity?.name && fast.entity?.region == slow.entity?.region)
            #expect(fast.algorithm?.name == slow.algorithm?.name && fast.algorithm?.type == slow.algorithm?.type
                    && fast.algorithm?.role == slow.algorithm?.role && fast.algorithm?.purpose == slow.algorithm?.purpose
                    && fast.algorithm?.disclosure == slow.algorithm?.disclosure)
            compared += 1
            if slow.imported != nil { imported += 1 }
            if slow.algorithm != nil { algorithms += 1 }
            if slow.entity != nil { entities += 1 }
        }
    }
    #expect(imported >= 227 && algorithms >= 8 && entities >= 4, "\(compared) snapshots: \(imported) imported, \(algorithms) algorithms, \(entities) entities")
    // Anything it cannot read gives way to Codable.
    #expect(PublicSnapshot.fast(Data("{\"imported\":{\"number\":\"x\"}}".utf8)) == nil)
    #expect(PublicSnapshot.fast(Data("not json".utf8)) == nil)
}
