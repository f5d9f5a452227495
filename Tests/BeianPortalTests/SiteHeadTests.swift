import BeianModel
@testable import BeianPortal
@testable import BeianTransparency
import BeianTrust
import Foundation
import Synchronization
import Testing

/// The portal's signed head (SPEC §8) as the builder makes it: a C2SP checkpoint over the
/// RFC 9162 tree of every filing's record, kept current by rebuilds without decoding the
/// filings that did not change, and checked by `SiteVerifier`.
@Suite("The signed head over the records")
struct SiteHeadTests {
    static let key = SigningKey(name: "test-registry", kind: .registry)

    static func signed(_ filings: [PublicFiling], summaries: [FilingSummary]? = nil) -> PortalInput {
        var input = Fixture.input(filings: filings)
        input.filingSummaries = summaries
        input.head = HeadSigning(key: key, time: 1_735_689_600)
        return input
    }

    static func verify(_ dir: URL) async -> SiteVerifier.Report {
        await SiteVerifier(site: dir.appendingPathComponent("site"), key: key.verifierKey, tasks: 2, renderMarkdown: Fixture.markdown).verify()
    }

    @Test func theHeadCommitsToEveryRecordAndTheSiteVerifies() async throws {
        let dir = Fixture.tempDir()
        let filings = Fixture.filings()
        try await Fixture.build(Self.signed(filings), into: dir)
        let note = Fixture.read(dir, "transparency/checkpoint")
        let head = try #require(Checkpoint(text: try SignedNote.open(note, verifiedBy: Self.key.verifierKey).get()))
        #expect(head.origin == "test-registry" && head.size == filings.count && head.time == "2025-01-01T00:00:00Z")
        let lines = Fixture.read(dir, "transparency/records.txt").split(separator: "\n")
        #expect(lines.map { String($0.prefix(21)) } == filings.map(\.id).sorted())
        var leaves: [Data] = []
        for f in filings.sorted(by: { $0.id < $1.id }) {
            let record = try Data(contentsOf: dir.appendingPathComponent("site/filings/\(f.id)/record.json"))
            #expect(Array(record) == PublicRecord.bytes(f))
            leaves.append(MerkleTree.leafHash(record))
        }
        #expect(lines.map { String($0.dropFirst(22)) } == leaves.map { $0.map { String(format: "%02x", $0) }.joined() })
        // The first build's log: one entry per record, `<id> <hex leaf hash>\n`, in id order.
        #expect(MerkleTree.root(lines.map { MerkleTree.leafHash(Array(($0 + "\n").utf8)) }) == head.root)
        #expect(Fixture.read(dir, "transparency/registry-key.txt") == Self.key.verifierKey.description + "\n")
        let report = await Self.verify(dir)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.records == filings.count && report.pages == filings.count && report.csvRows == filings.count && report.jsonRows == filings.count)
    }

    /// How many filings were decoded (`PublicFiling(deferred:decode:)`, as the registry's cache hands them out).
    final class Counter: Sendable { let count = Atomic<Int>(0) }

    static func deferred(_ filings: [PublicFiling], _ counter: Counter) throws -> [PublicFiling] {
        try filings.map { f in
            PublicFiling(deferred: try JSONEncoder().encode(f)) { data in
                counter.count.add(1, ordering: .relaxed)
                return try? JSONDecoder().decode(PublicFiling.self, from: data)
            }
        }
    }

    @Test func rebuildsKeepTheHeadCurrentAndDecodeOnlyWhatChanged() async throws {
        let dir = Fixture.tempDir()
        var filings = Fixture.many(120)
        try await Fixture.build(Self.signed(filings), into: dir)
        let before = Fixture.read(dir, "transparency/records.txt")

        // One purpose changed: one leaf, and the head's root, change; the site verifies.
        filings[60].purpose = "修改后的主要用途"
        let counter = Counter()
        try await Fixture.build(Self.signed(try Self.deferred(filings, counter), summaries: filings.map { FilingSummary($0) }), into: dir)
        let after = Fixture.read(dir, "transparency/records.txt")
        let changed = zip(before.split(separator: "\n"), after.split(separator: "\n")).filter { $0 != $1 }.map { String($0.0.prefix(21)) }
        #expect(changed == [filings[60].id])
        let report = await Self.verify(dir)
        #expect(report.diagnostics.isEmpty && report.records == 120, "\(report.diagnostics)")

        // The same input again: the head is made from the leaves the last build kept, so the
        // filings stay encoded (the home page's latest few are all that is read) …
        let again = Counter()
        try await Fixture.build(Self.signed(try Self.deferred(filings, again), summaries: filings.map { FilingSummary($0) }), into: dir)
        let decoded = again.count.load(ordering: .relaxed)
        #expect(decoded < 20, "\(decoded) of 120 filings decoded for a rebuild with no change")
        #expect(Fixture.read(dir, "transparency/records.txt") == after)
        // … while without that bookkeeping every record is encoded and hashed anew, to the same head.
        let head = Fixture.read(dir, "transparency/checkpoint")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("site/\(SiteHead.Cache.fileName)"))
        let fresh = Counter()
        try await Fixture.build(Self.signed(try Self.deferred(filings, fresh), summaries: filings.map { FilingSummary($0) }), into: dir)
        #expect(fresh.count.load(ordering: .relaxed) >= 120)
        #expect(Fixture.read(dir, "transparency/checkpoint") == head)
    }

    @Test func aBuildWithoutTheKeyPublishesRecordsButNoHead() async throws {
        let dir = Fixture.tempDir()
        try await Fixture.build(Self.signed(Fixture.filings()), into: dir)
        try await Fixture.build(Fixture.input(filings: Fixture.filings()), into: dir)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/transparency").path + "/checkpoint"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/\(SiteHead.Cache.fileName)").path))
        let f = try #require(Fixture.filings().first)
        #expect(Fixture.read(dir, "filings/\(f.id)/record.json") == String(decoding: PublicRecord.bytes(f), as: UTF8.self))
        let report = await Self.verify(dir)
        #expect(report.diagnostics.map(\.code) == [.siteHeadInvalid])
    }

    @Test func theBadgeSaysTheStatusAndFitsItsText() {
        let active = Badge.svg(number: "网信算备110108823483901240019号", status: .active)
        let cancelled = Badge.svg(number: "网信算备110108823483901240019号", status: .cancelled)
        #expect(active.contains(">已备案</text>") && !active.contains("已注销"))
        #expect(cancelled.contains(">已注销</text>") && cancelled.contains("#757575"))
        #expect(active.contains("aria-label=\"网信算备110108823483901240019号 已备案\"") && active.contains("<title>"))
        // 5 CJK characters at 11 px and 21 digits at 6.5 px, padded 6 px each side.
        #expect(active.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"249\" height=\"20\""))
    }
}
