import BeianModel
import BeianRegistry
import Foundation
import Testing

/// The concurrent, cached read `beian build` uses gives exactly the serial read's filings, and
/// the cache never hides a change or a damaged ledger.
@Suite(.serialized) struct PublicViewTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("bundles").path

    @Test func concurrentAndCachedReadsEqualTheSerialRead() async throws {
        let serial = try PublicRegistry.filings(in: Self.demo)
        #expect(serial.count == 8)
        for tasks in [1, 2, 3, 16] {
            #expect(try await PublicRegistry.filings(in: Self.demo, tasks: tasks) == serial)
        }
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("beian-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        #expect(try await PublicRegistry.filings(in: Self.demo, tasks: 2, cache: cache) == serial)
        let written = try Self.files(cache)
        #expect(!written.isEmpty)
        // Second read: every bundle from the cache, which is not rewritten.
        let view = try await PublicRegistry.view(in: Self.demo, tasks: 2, cache: cache)
        // From the cache each filing stays encoded until read; its summary comes with it.
        #expect(view.filings.allSatisfy { !$0.isDecoded })
        #expect(view.summaries == serial.map { FilingSummary($0) })
        #expect(view.filings.allSatisfy { !$0.isDecoded }, "summaries are cached, not made from the filings")
        #expect(view.filings == serial)
        #expect(view.filings.allSatisfy { $0.isDecoded })
        #expect(view.keys == serial.map(\.contentKey))
        #expect(try Self.files(cache) == written)
        // A damaged shard is no shard: its bundles are read in full and it is written again.
        let (name, bytes) = try #require(written.min { $0.key < $1.key })
        var damaged = bytes
        damaged[damaged.count / 2] ^= 0xFF
        try damaged.write(to: cache.appendingPathComponent(name))
        #expect(try await PublicRegistry.filings(in: Self.demo, tasks: 2, cache: cache) == serial)
        #expect(try Self.files(cache) == written)
        try Data("not a cache".utf8).write(to: cache.appendingPathComponent(name))
        #expect(try await PublicRegistry.filings(in: Self.demo, tasks: 2, cache: cache) == serial)
        #expect(try Self.files(cache) == written)
        // A cache of an older version (one file where the folder goes) is replaced.
        try FileManager.default.removeItem(at: cache)
        try Data("beian-public-view 2".utf8).write(to: cache)
        #expect(try await PublicRegistry.filings(in: Self.demo, tasks: 2, cache: cache) == serial)
        #expect(try Self.files(cache) == written)
    }

    /// The cache folder's files, name → bytes.
    static func files(_ cache: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: cache.path) {
            out[name] = try Data(contentsOf: cache.appendingPathComponent(name))
        }
        return out
    }

    @Test func anApprovalMissesTheCacheAndADamagedLedgerStopsTheRead() async throws {
        let s = try Scratch(bundles: ["xc", "xd"])
        try s.edit("xd/entity.yaml", replacing: "测试星辰科技有限公司", with: "测试星河科技有限公司")
        // Another entity needs its own credit code too (one entity per registry, S710).
        try s.edit("xd/entity.yaml", replacing: "credit_code: 91110108MA01TE7X01", with: "credit_code: 91110108MA01TE7Y02")
        for bundle in ["xc", "xd"] {
            try CLI.run(["submit", bundle] + attest, cwd: s.root)
            try CLI.run(["review", "approve", bundle, "entity", "--reviewer", "R"], cwd: s.root)
            try CLI.run(["review", "approve", bundle, "product:app", "--reviewer", "R"], cwd: s.root)  // a linked product is reviewed
            try CLI.run(["review", "approve", bundle, "algorithm:feed", "--reviewer", "R"], cwd: s.root)
        }
        let cache = s.path(".site.registry-cache")
        let first = try await PublicRegistry.filings(in: s.root.path, tasks: 2, cache: cache)
        #expect(first.count == 2)
        #expect(first == (try PublicRegistry.filings(in: s.root.path)))

        // One more approval: that bundle is read again, the other comes from the cache; only
        // the shard holding the approved bundle is rewritten.
        let before = try Self.files(cache)
        #expect(try CLI.run(["review", "approve", "xc", "algorithm:search", "--reviewer", "R"], cwd: s.root).status == 0)
        let second = try await PublicRegistry.filings(in: s.root.path, tasks: 2, cache: cache)
        #expect(second.count == 3)
        #expect(second == (try PublicRegistry.filings(in: s.root.path)))
        let after = try Self.files(cache)
        #expect(Set(after.keys) == Set(before.keys))
        #expect(before.keys.filter { before[$0] != after[$0] }.count == 1)

        // Any byte of a ledger changed: the bundle misses and its full read refuses it.
        let ledger = s.path("xd/.beian/ledger.jsonl")
        let text = try String(contentsOf: ledger, encoding: .utf8)
        try text.replacingOccurrences(of: "\"actor\":\"R\"", with: "\"actor\":\"X\"").write(to: ledger, atomically: true, encoding: .utf8)
        await #expect(throws: RegistryError.self) { try await PublicRegistry.filings(in: s.root.path, tasks: 2, cache: cache) }
        #expect(throws: RegistryError.self) { try PublicRegistry.filings(in: s.root.path) }
    }

    /// The cache trusts a ledger whose file signature is unchanged without reading it; a ledger
    /// edited in place — same size, modification time set back — still misses (its status-change
    /// time moved) and the damaged ledger is refused.
    @Test func aLedgerEditedInPlaceWithItsTimeSetBackStillMisses() async throws {
        let s = try Scratch()
        try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
        try CLI.run(["review", "approve", "xc", "product:app", "--reviewer", "R"], cwd: s.root)  // a linked product is reviewed
        try CLI.run(["review", "approve", "xc", "algorithm:feed", "--reviewer", "R"], cwd: s.root)
        let cache = s.path(".site.registry-cache")
        let first = try await PublicRegistry.filings(in: s.root.path, tasks: 2, cache: cache)
        #expect(first.count == 1)
        let written = try Self.files(cache)
        // Unchanged: served from the cache, which is not rewritten.
        #expect(try await PublicRegistry.filings(in: s.root.path, tasks: 2, cache: cache) == first)
        #expect(try Self.files(cache) == written)

        let ledger = s.path("xc/.beian/ledger.jsonl").path
        var before = stat()
        #expect(lstat(ledger, &before) == 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let at = bytes.range(of: Data("\"actor\":\"R\"".utf8))!.lowerBound + 9
        bytes[at] = UInt8(ascii: "X")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: ledger))
        try handle.write(contentsOf: bytes)
        try handle.close()
        let times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, ledger, times, 0) == 0)
        var after = stat()
        #expect(lstat(ledger, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec
                && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec && after.st_ino == before.st_ino)
        await #expect(throws: RegistryError.self) { try await PublicRegistry.filings(in: s.root.path, tasks: 2, cache: cache) }
    }

    /// A snapshot that does not match the hash its ledger names is never published.
    @Test func aSnapshotNotMatchingItsHashStopsTheRead() async throws {
        let s = try Scratch()
        try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        try CLI.run(["review", "approve", "xc", "entity", "--reviewer", "R"], cwd: s.root)
        try CLI.run(["review", "approve", "xc", "product:app", "--reviewer", "R"], cwd: s.root)  // a linked product is reviewed
        try CLI.run(["review", "approve", "xc", "algorithm:feed", "--reviewer", "R"], cwd: s.root)
        let dir = s.path("xc/.beian/snapshots")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            let url = dir.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: "星辰资讯推荐算法", with: "篡改后的算法名称").write(to: url, atomically: true, encoding: .utf8)
        }
        await #expect(throws: RegistryError.self) { try await PublicRegistry.filings(in: s.root.path, tasks: 2) }
    }
}
