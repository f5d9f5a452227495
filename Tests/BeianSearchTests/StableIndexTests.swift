import BeianModel
@testable import BeianSearch
import Foundation
import Testing

/// One more approval rewrites only the index files it touches (SPEC §6: a rebuild after one
/// approval writes little): ids keep their values, shard counts and block-file names stay put.
@Suite struct StableIndexTests {
    static let base = Synthetic.filings(6_000)
    static let before = try! SearchIndex.build(base)

    /// A filing newer than every other, of a new entity.
    static func newest(_ n: Int = 0) -> PublicFiling {
        let number = FilingNumber(region: "110108", entityID: String(9_100_000 + n), typeCode: "02", year: 27, sequence: 1 + n)!
        return PublicFiling(
            number: number, algorithmName: "增量测试推荐算法\(n)", type: .personalised, role: .provider,
            entityName: "北京增量测试科技有限公司", entityID: String(9_100_000 + n), region: "110108", products: ["增量测试（APP）"],
            purpose: "应用于资讯推荐，根据用户兴趣向其推荐内容。", disclosure: "",
            approvedOn: CalendarDate(year: 2027, month: 6, day: 1)!, status: .active)
    }

    /// Paths added, removed or with other bytes.
    static func changed(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    @Test func anApprovalRewritesAFewFilesNotTheIndex() throws {
        let after = try SearchIndex.build(Self.base + [Self.newest()])
        let changed = Self.changed(Self.before, after)
        let r0 = try IndexReader(Self.before), r1 = try IndexReader(after)
        #expect(r1.ids == r0.ids, "same id space")
        #expect(r1.shards == r0.shards)
        // The new filing's terms (~100 shards and their lists' newest blocks), its result chunk,
        // the number pages after its number, the manifest: a small share of the index.
        #expect(changed.count * 20 < after.count, "\(changed.count) of \(after.count) files changed")
        // Result chunks: only the one the new id falls in.
        let chunks = changed.filter { $0.hasPrefix("d/") }
        #expect(chunks == ["d/\((r1.offset) / 4).json"], "\(chunks)")
        // Number pages: the new number's own page (or the two it splits), plus the page lists.
        let pages = changed.filter { $0.hasPrefix("n/") && !$0.hasPrefix("n/d") }
        #expect((1...2).contains(pages.count), "\(pages)")
        // Every block file that changed holds the lowest window (where the new id is).
        for path in changed where path.hasPrefix("b/") {
            guard let bytes = after[path] else { continue }
            let blocks = try JSONSerialization.jsonObject(with: bytes) as! [String: String]
            #expect(blocks["0"] != nil, "\(path) changed without holding window 0")
        }
        // Old filings keep their ids: the same record under the same id.
        for position in stride(from: 0, to: Self.base.count, by: 97) {
            let old = r0.record(position), new = r1.record(position + 1)  // one newer filing before it
            #expect(old[2] as? String == new[2] as? String)
        }
        #expect(r1.offset == r0.offset - 1)
    }

    @Test func theNewFilingIsFoundAndRanksFirst() throws {
        let r1 = try IndexReader(try SearchIndex.build(Self.base + [Self.newest()]))
        #expect(r1.list("增量", .names) == [0])
        #expect(r1.record(0)[1] as? String == "北京增量测试科技有限公司")
        #expect(r1.exact("北京增量测试科技有限公司")[0] == [0])
        #expect(r1.numberPrefix(Self.newest().number.digits) == [0])
    }

    @Test func idsMoveOnlyWhenTheCountPassesAWindow() {
        let space = IDSpace(count: 6_000, window: 4_096)
        #expect(space.size == 8_192 && space.offset == 2_192)
        #expect(IDSpace(count: 8_192, window: 4_096).offset == 0)
        #expect(IDSpace(count: 8_193, window: 4_096).size == 12_288)
        #expect(IDSpace(count: 0, window: 4_096).size == 0)
    }

    @Test func shardCountsClimbALadderOfSmallSteps() {
        let ladder = (1...200).map(IDSpace.ladder(atLeast:))
        #expect(Array(Set(ladder)).sorted().prefix(14) == [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24])
        for n in 1...5_000 {
            let v = IDSpace.ladder(atLeast: n)
            #expect(v >= n && (n <= 4 || v * 4 <= n * 5 + 4), "\(n) → \(v)")
        }
    }
}
