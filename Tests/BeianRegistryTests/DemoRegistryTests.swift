import BeianModel
import BeianRegistry
import Foundation
import Testing

/// The committed demo registry (bundles/, approved by scripts/approve-demo through the CLI).
@Test func demoRegistryVerifiesAndShowsWhatThePublicShouldSee() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let bundles = root.appendingPathComponent("bundles").path
    for path in RegistryIndex.bundlePaths(in: bundles) {
        #expect(Verifier.verify(bundlePath: path, clock: Clock(now: 1_764_000_000)).isEmpty, "\(path)")
    }
    let filings = try PublicRegistry.filings(in: bundles)
    #expect(filings.count == 8)
    #expect(filings.allSatisfy { FilingNumber.isChecked($0.number.digits) })
    // The pending change is not public: the approved name stays.
    #expect(filings.contains { $0.algorithmName == "星辰热榜精选算法" })
    #expect(!filings.contains { $0.algorithmName == "星辰热榜排序算法" })
    // The approved change is, with its history.
    let search = try #require(filings.first { $0.algorithmName == "青禾优选商品搜索算法" })
    #expect(search.history.map(\.note).last == "算法名称由“青禾优选搜索算法”变更为“青禾优选商品搜索算法”")
    let cancelled = filings.filter { $0.status == .cancelled }
    #expect(cancelled.map(\.algorithmName) == ["云镜写作助手文本生成算法"])
    #expect(cancelled.first?.cancelledOn == CalendarDate("2025-05-12"))
    // A technical supporter shows "--" as its products.
    #expect(filings.first { $0.role == .technicalSupporter }?.productsText == "--")
}
