import BeianModel
import BeianRegistry
import Foundation
import Testing

/// 公示历史 (issue 19): each approved change names the public fields it changed, old → new —
/// the algorithm's own and its entity's (renames, region) — never a private one; the cached
/// read carries the same.
@Suite(.serialized) struct PublicHistoryTests {
    /// The fixture bundle submitted and approved (entity, product, both algorithms).
    static func approved() throws -> Scratch {
        let s = try Scratch()
        try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        for item in ["entity", "product:app", "algorithm:feed", "algorithm:search"] {
            let r = try CLI.run(["review", "approve", "xc", item, "--reviewer", "R"], cwd: s.root)
            try #require(r.status == 0, "\(item): \(r.stdout)\(r.stderr)")
        }
        return s
    }

    static func approve(_ s: Scratch, _ items: [String]) throws {
        let r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        try #require(r.status == 0, "\(r.stdout)\(r.stderr)")
        for item in items {
            let r = try CLI.run(["review", "approve", "xc", item, "--reviewer", "R"], cwd: s.root)
            try #require(r.status == 0, "\(item): \(r.stdout)\(r.stderr)")
        }
    }

    /// The filings, read serially, and the same read twice through the cache (the second time
    /// decoded from the cache's binary records) must agree.
    static func filings(_ s: Scratch) async throws -> [PublicFiling] {
        let serial = try PublicRegistry.filings(in: s.root.path)
        let cache = s.path(".site.registry-cache-\(UUID().uuidString)")
        #expect(try await PublicRegistry.filings(in: s.root.path, tasks: 2, cache: cache) == serial)
        let cached = try await PublicRegistry.view(in: s.root.path, tasks: 2, cache: cache)
        #expect(cached.filings.allSatisfy { !$0.isDecoded }, "read from the cache")
        #expect(cached.filings == serial)
        #expect(cached.filings.map(\.contentKey) == serial.map(\.contentKey))
        return serial
    }

    static func feed(_ filings: [PublicFiling]) throws -> PublicFiling {
        try #require(filings.first { $0.number.typeCode == "02" })
    }

    @Test func anApprovedChangeListsExactlyThePublicFieldsItChanged() async throws {
        let s = try Self.approved()
        let before = try Self.feed(try await Self.filings(s))
        #expect(before.history.map(\.changes) == [[]])

        // Name, purpose and products change; a private field (personal information) too.
        let algorithm = "xc/algorithms/feed/algorithm.yaml"
        try s.edit(algorithm, replacing: "name: 星辰资讯推荐算法", with: "name: 星辰资讯个性化推荐算法")
        try s.edit(algorithm, replacing: "purpose: 应用于资讯推荐，", with: "purpose: 应用于资讯与短视频推荐，")
        try s.edit(algorithm, replacing: "personal_information: 处理用户的浏览记录。", with: "personal_information: 处理用户的浏览与点赞记录。")
        try s.edit(algorithm, replacing: "  - product: app", with: "  - product: web")
        let app = try String(contentsOf: s.path("xc/products/app.yaml"), encoding: .utf8)
        try app.replacingOccurrences(of: "name: 星辰资讯\nform: APP", with: "name: 星辰资讯网页版\nform: 网站")
            .write(to: s.path("xc/products/web.yaml"), atomically: true, encoding: .utf8)
        try Self.approve(s, ["product:web", "algorithm:feed"])

        let after = try Self.feed(try await Self.filings(s))
        #expect(after.history.count == 2)
        let step = try #require(after.history.last)
        #expect(step.date == after.history[0].date)
        #expect(step.changes == [
            PublicChange(field: .algorithmName, old: ["星辰资讯推荐算法"], new: ["星辰资讯个性化推荐算法"]),
            PublicChange(field: .products, old: ["星辰资讯（APP）"], new: ["星辰资讯网页版（网站）"]),
            PublicChange(field: .purpose, old: [before.purpose], new: [after.purpose]),
        ])
        #expect(after.purpose.hasPrefix("应用于资讯与短视频推荐，"))
        // The first approval stays without changes; the other filing has none.
        #expect(after.history[0].changes.isEmpty)

        // The disclosure: a line diff (blank lines left out), not the whole text twice.
        try s.edit("xc/algorithms/feed/disclosure.md", replacing: "基于用户行为数据计算兴趣相关度。", with: "基于用户行为数据与内容质量计算兴趣相关度。\n\n另设新用户冷启动策略。")
        try Self.approve(s, ["algorithm:feed"])
        let disclosed = try Self.feed(try await Self.filings(s))
        #expect(disclosed.history.last?.changes == [
            PublicChange(field: .disclosure, old: ["基于用户行为数据计算兴趣相关度。"], new: ["基于用户行为数据与内容质量计算兴趣相关度。", "另设新用户冷启动策略。"]),
        ])

        // A change of private fields only: an approved step, with no public change.
        try s.edit(algorithm, replacing: "architecture: 双塔召回加精排。", with: "architecture: 多路召回加精排。")
        try Self.approve(s, ["algorithm:feed"])
        let privately = try Self.feed(try await Self.filings(s))
        #expect(privately.history.count == 4)
        #expect(privately.history.last?.changes == [])
        #expect(!privately.history.flatMap(\.changes).flatMap { $0.old + $0.new }.contains { $0.contains("记录") || $0.contains("召回") })
    }

    /// The cache of the version before changes existed (shards whose records hold no changes)
    /// is not decoded: its bundles are read again, with their changes, and the shards rewritten.
    @Test func aCacheOfThePreviousVersionIsRebuilt() async throws {
        let s = try Self.approved()
        try s.edit("xc/algorithms/feed/algorithm.yaml", replacing: "name: 星辰资讯推荐算法", with: "name: 星辰资讯个性化推荐算法")
        try Self.approve(s, ["algorithm:feed"])
        let serial = try PublicRegistry.filings(in: s.root.path)
        #expect(try Self.feed(serial).history.last?.changes.map(\.field) == [.algorithmName])
        let cache = s.path(".site.registry-cache")
        _ = try await PublicRegistry.filings(in: s.root.path, tasks: 2, cache: cache)
        let written = try PublicViewTests.files(cache)
        #expect(!written.isEmpty)
        // Each shard relabelled as version 8, its checksum made to match.
        for (name, file) in written {
            var body = Data(try #require(Checksum64.checked(file)))
            let at = try #require(body.range(of: Data("beian-public-view 9".utf8)))
            body.replaceSubrange(at, with: Data("beian-public-view 8".utf8))
            try Checksum64.appended(to: [UInt8](body)).write(to: cache.appendingPathComponent(name))
        }
        let view = try await PublicRegistry.view(in: s.root.path, tasks: 2, cache: cache)
        #expect(view.filings == serial)
        #expect(try PublicViewTests.files(cache) == written, "rewritten in the current version")
    }

    /// Issue 27: an approved algorithm carries its products' hosts (网站域名) — the host of the
    /// APP's URL, nothing else of it — and each step its kind, through the cache too.
    @Test func theProductsHostIsPublishedAndEachStepHasItsKind() async throws {
        let s = try Self.approved()
        var filings = try await Self.filings(s)
        #expect(filings.map(\.hosts) == [["app.example.cn"], ["app.example.cn"]])
        #expect(filings.allSatisfy { $0.history.map(\.kind) == [.filed] })
        try s.edit("xc/algorithms/feed/algorithm.yaml", replacing: "name: 星辰资讯推荐算法", with: "name: 星辰资讯个性化推荐算法")
        try Self.approve(s, ["algorithm:feed"])
        let c = try CLI.run(["cancel", "xc", "algorithm:search", "--reason", "下线"] + attest, cwd: s.root)
        try #require(c.status == 0, "\(c.stdout)\(c.stderr)")
        let r = try CLI.run(["review", "approve", "xc", "algorithm:search", "--reviewer", "R"], cwd: s.root)
        try #require(r.status == 0, "\(r.stdout)\(r.stderr)")
        filings = try await Self.filings(s)
        #expect(try Self.feed(filings).history.map(\.kind) == [.filed, .changed])
        let search = try #require(filings.first { $0.history.count == 2 && $0.status == .cancelled })
        #expect(search.history.map(\.kind) == [.filed, .cancelled])
        #expect(FilingSummary(search).eventDays.cancelled == search.cancelledOn?.dayNumber)
        #expect(!filings.flatMap(\.hosts).contains { $0.contains("/") || $0.contains("download") })
    }

    @Test func anEntityRenameShowsInTheHistoryOfEveryFilingOfTheEntity() async throws {
        let s = try Self.approved()
        // Renamed, with a new address and officer mobile (private: no step of their own).
        try s.edit("xc/entity.yaml", replacing: "name: 测试星辰科技有限公司", with: "name: 测试星辰智能科技有限公司")
        try s.edit("xc/entity.yaml", replacing: "中关村大街1号", with: "中关村大街2号")
        try Self.approve(s, ["entity"])
        var filings = try await Self.filings(s)
        #expect(filings.count == 2)
        for f in filings {
            #expect(f.entityName == "测试星辰智能科技有限公司")
            let step = try #require(f.history.last)
            #expect(f.history.count == 2)
            #expect(step.note == "原主体名称“测试星辰科技有限公司”变更为“测试星辰智能科技有限公司”")
            #expect(step.changes == [PublicChange(field: .entityName, old: ["测试星辰科技有限公司"], new: ["测试星辰智能科技有限公司"])])
        }
        // Private entity fields only (address, officer's mobile): no step.
        try s.edit("xc/entity.yaml", replacing: "中关村大街2号", with: "中关村大街3号")
        try s.edit("xc/entity.yaml", replacing: "mobile: \"13800138000\"", with: "mobile: \"13800138001\"")
        try Self.approve(s, ["entity"])
        filings = try await Self.filings(s)
        #expect(filings.allSatisfy { $0.history.count == 2 })
        // Steps in ledger order: the entity's rename, then the algorithm's own change.
        try s.edit("xc/algorithms/search/algorithm.yaml", replacing: "name: 星辰资讯检索算法", with: "name: 星辰资讯站内检索算法")
        try Self.approve(s, ["algorithm:search"])
        let search = try #require(try await Self.filings(s).first { $0.number.typeCode != "02" })
        #expect(search.history.map(\.changes.first?.field) == [nil, .entityName, .algorithmName])
    }
}
