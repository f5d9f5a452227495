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
    static func newest(_ n: Int = 0, day: Int = 1, region: String = "110108") -> PublicFiling {
        let number = FilingNumber(region: region, entityID: String(9_100_000 + n), typeCode: "02", year: 27, sequence: 1 + n)!
        return PublicFiling(
            number: number, algorithmName: "增量测试推荐算法\(n)", type: .personalised, role: .provider,
            entityName: "北京增量测试科技有限公司", entityID: String(9_100_000 + n), region: region,
            products: n % 2 == 0 ? ["增量测试（APP）"] : ["增量测试\(n)（网站）", "公司新闻（APP）"],
            purpose: n % 3 == 0 ? "应用于资讯推荐，根据用户兴趣向其推荐内容。" : "应用于商品搜索排序\(n)，提升检索效率。", disclosure: "",
            approvedOn: CalendarDate(year: 2027, month: 6, day: day)!, status: .active)
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

    /// Applies an update's output to the files it started from.
    static func apply(_ update: SearchIndexOutput, to site: [String: Data]) -> [String: Data] {
        var next: [String: Data] = [:]
        for p in update.kept { next[p] = site[p] }
        for (p, d) in update.files { next[p] = d }
        return next
    }

    @Test func updatesGiveTheFullBuildsBytesApprovalAfterApproval() throws {
        var filings = Self.base
        var previous = try SearchIndex.make(filings)
        var site = previous.files
        var updated = 0
        for round in 0..<8 {
            // 1–3 new filings a round; two rounds share a day, so a later approval with a smaller
            // number moves the same-day ones (ties are by number) and they are re-indexed.
            filings += (0..<(round % 3 + 1)).map { Self.newest(round % 2 == 1 ? 150 - round * 5 - $0 : round * 10 + $0, day: 1 + round / 2) }
            let full = try SearchIndex.make(filings)
            guard let update = try SearchIndex.update(filings, previous: previous.state, read: { site[$0] }) else {
                // Only when something that numbers the files moved (a shard count crossed a step).
                #expect(full.state.shards != previous.state.shards || full.state.exactShards != previous.state.exactShards,
                        "round \(round): no update although nothing moved")
                site = full.files
                previous = full
                continue
            }
            updated += 1
            let next = Self.apply(update, to: site)
            #expect(Set(next.keys) == Set(full.files.keys), "round \(round): same files")
            #expect(Self.changed(next, full.files).isEmpty, "round \(round): \(Self.changed(next, full.files).prefix(5))")
            #expect(update.state == full.state, "round \(round): same state")
            #expect(update.files.count * 10 < full.files.count, "round \(round): \(update.files.count) files made")
            site = next
            previous = update
        }
        #expect(updated >= 6)
    }

    /// Small windows and block files: long lists span many windows and files, so the update
    /// patches lists by window and repacks only their bottom files (`EntryPatch`) — still the
    /// full build's bytes, round after round, same-day approvals moving earlier ones included.
    @Test func patchedLongListsGiveTheFullBuildsBytes() throws {
        var options = SearchIndexOptions()
        options.windowSize = 512
        options.blockFileTargetBytes = 200
        options.inlineLimitBytes = 24
        var filings = Self.base
        var previous = try SearchIndex.make(filings, options: options)
        #expect(previous.state.blockNames.count > 500, "many block files: \(previous.state.blockNames.count)")
        var site = previous.files
        var updated = 0
        for round in 0..<8 {
            filings += (0..<(round % 3 + 1)).map { Self.newest(round % 2 == 1 ? 150 - round * 5 - $0 : round * 10 + $0, day: 1 + round / 2) }
            let full = try SearchIndex.make(filings, options: options)
            guard let update = try SearchIndex.update(filings, options: options, previous: previous.state, read: { site[$0] }) else {
                #expect(full.state.shards != previous.state.shards || full.state.exactShards != previous.state.exactShards
                        || full.state.size != previous.state.size, "round \(round): no update although nothing moved")
                site = full.files
                previous = full
                continue
            }
            updated += 1
            let next = Self.apply(update, to: site)
            #expect(Set(next.keys) == Set(full.files.keys), "round \(round): same files")
            #expect(Self.changed(next, full.files).isEmpty, "round \(round): \(Self.changed(next, full.files).prefix(5))")
            #expect(update.state == full.state, "round \(round): same state")
            // Block files of older windows are neither rewritten nor, mostly, even made.
            let blockFiles = update.files.keys.filter { $0.hasPrefix("b/") }.count
            #expect(blockFiles * 5 < full.state.blockNames.count, "round \(round): \(blockFiles) block files rewritten")
            site = next
            previous = update
        }
        #expect(updated >= 5)
    }

    @Test func nothingNewMeansNothingMade() throws {
        let full = try SearchIndex.make(Self.base)
        let update = try #require(try SearchIndex.update(Self.base.reversed(), previous: full.state, read: { full.files[$0] }))
        #expect(update.files.isEmpty)
        #expect(Set(update.kept) == Set(full.files.keys))
    }

    @Test func whatAnUpdateCannotDoFallsBackToAFullBuild() throws {
        let full = try SearchIndex.make(Self.base)
        let read = { (p: String) in full.files[p] }
        // A cancelled filing changes an old document.
        var cancelled = Self.base
        cancelled[10].status = .cancelled
        cancelled[10].cancelledOn = CalendarDate(year: 2027, month: 1, day: 1)
        #expect(try SearchIndex.update(cancelled, previous: full.state, read: read) == nil)
        // A filing older than the newest: ids would move.
        var older = Self.newest(1, day: 1)
        older.approvedOn = CalendarDate(year: 2021, month: 3, day: 3)!  // before all: every id would move
        #expect(try SearchIndex.update(Self.base + [older], previous: full.state, read: read) == nil)
        // Another base path or options.
        #expect(try SearchIndex.update(Self.base + [Self.newest()], basePath: "/sub/", previous: full.state, read: read) == nil)
        // Missing files of the previous index.
        #expect(try SearchIndex.update(Self.base + [Self.newest()], previous: full.state, read: { _ in nil }) == nil)
        // A province the previous index did not list.
        let bases = Set(Self.base.map { $0.region.prefix(2) })
        if !bases.contains("65") {
            #expect(try SearchIndex.update(Self.base + [Self.newest(2, region: "650102")], previous: full.state, read: read) == nil)
        }
        // The state survives its bytes.
        #expect(SearchState(full.state.serialized()) == full.state)
        #expect(SearchState(Data("not a state".utf8)) == nil)
    }
}
