import BeianModel
@testable import BeianSearch
import Foundation
import Testing

/// The index at a larger scale: 6,000 filings recombined from the real rows.
@Suite struct ShardingTests {
    static let filings = Synthetic.filings(6_000)
    static let options = SearchIndexOptions()
    static let files = try! SearchIndex.build(filings, options: options)
    static let reader = try! IndexReader(files)

    @Test func hashIsFNV1a() {
        // Published FNV-1a 32-bit test vectors; search.js computes the same over UTF-8 bytes.
        #expect(ShardWriter.hash("") == 0x811c_9dc5)
        #expect(ShardWriter.hash("a") == 0xe40c_292c)
        #expect(ShardWriter.hash("foobar") == 0xbf9c_f968)
    }

    @Test func outputIsTheSameOnOneThreadOrMany() throws {
        // 6,000 filings: above the size where the term table is built in parallel ranges.
        for tasks in [1, 3] {
            var options = Self.options
            options.parallelism = tasks
            #expect(try SearchIndex.build(Self.filings, options: options) == Self.files, "parallelism \(tasks)")
        }
    }

    @Test func shardCountFollowsCorpusSize() throws {
        let small = try IndexReader(try SearchIndex.build(Array(Self.filings.prefix(300))))
        #expect(small.shards >= 1)
        #expect(Self.reader.shards >= small.shards * 5)
    }

    @Test func shardsStayNearTheirTargetSize() {
        let sizes = (0..<Self.reader.shards).map { Self.files["s/\($0).json"]!.count }
        let mean = sizes.reduce(0, +) / sizes.count
        #expect(mean <= Self.options.shardTargetBytes)
        #expect(mean >= Self.options.shardTargetBytes / 2)
        // Hashing spreads terms evenly: no shard is more than 2.5× the target.
        #expect(sizes.max()! <= Self.options.shardTargetBytes * 5 / 2, "largest shard \(sizes.max()!)")
    }

    @Test func longListsLeaveTheirShardAndRoundTrip() {
        let docs = SearchDocument.order(Self.filings)
        let company = docs.indices.filter { doc in docs[doc].names.contains { Tokenizer.terms($0).contains("公司") } }
        #expect(company.count > 4_000)
        let entry = Self.reader.entry("公司")!
        #expect(entry[0] is [Int], "a list of \(company.count) ids is blocked")
        #expect(Self.reader.list("公司", .names) == company)
        #expect(entry.count == 4, "df given for a blocked term")
        // Every block file stays small.
        let blocks = Self.files.keys.filter { $0.hasPrefix("b/") }.map { Self.files[$0]!.count }
        #expect(!blocks.isEmpty)
        #expect(blocks.max()! <= Self.options.blockFileTargetBytes + Self.options.windowSize / 6 + 64)
    }

    @Test func inlineListsRespectTheLimit() {
        for k in 0..<Self.reader.shards {
            let shard = Self.reader.json("s/\(k).json") as! [String: [Any]]
            for (_, e) in shard {
                for case let s as String in e { #expect(s.utf8.count <= Self.options.inlineLimitBytes) }
            }
        }
    }

    @Test func chunksAreSmallAndCoverEveryDocument() {
        let chunk = Self.options.chunkSize
        // Ids run from the reader's offset; the first chunk may start below it (unused slots).
        let first = Self.reader.offset / chunk, end = (Self.reader.offset + Self.filings.count + chunk - 1) / chunk
        let count = end - first
        #expect(Self.files.keys.filter { $0.hasPrefix("d/") }.count == count)
        let largest = Self.files.filter { $0.key.hasPrefix("d/") }.map(\.value.count).max()!
        #expect(largest < 2_500)
    }

    @Test func numberIndexFindsEveryNumberByAnyLongPrefix() {
        let docs = SearchDocument.order(Self.filings)
        for id in stride(from: 0, to: docs.count, by: 397) {
            let digits = docs[id].filing.number.digits
            #expect(Self.reader.numberPrefix(digits) == [id])
            let prefix = String(digits.prefix(11))
            #expect(Self.reader.numberPrefix(prefix) == docs.indices.filter { docs[$0].filing.number.digits.hasPrefix(prefix) })
        }
    }
}

/// Synthetic registries recombined from the fixture's real names (deterministic).
enum Synthetic {
    static func filings(_ count: Int) -> [PublicFiling] {
        let real = FixtureFilings.all
        var rng = SplitMix(seed: 42)
        var out: [PublicFiling] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let a = real[Int.random(in: 0..<real.count, using: &rng)], b = real[Int.random(in: 0..<real.count, using: &rng)]
            let c = real[Int.random(in: 0..<real.count, using: &rng)]
            let entity = String(a.entityName.prefix(2)) + String(b.entityName.dropFirst(2))
            let region = a.region
            let entityID = String(1_000_000 + (i * 7_919) % 9_000_000)
            let type = AlgorithmType.allCases[i % 6]
            let number = FilingNumber(region: region, entityID: entityID, typeCode: type.code, year: 22 + i % 5, sequence: 1 + i % 999)!
            out.append(PublicFiling(
                number: number, algorithmName: c.algorithmName, type: type, role: i % 4 == 0 ? .technicalSupporter : .provider,
                entityName: entity, entityID: entityID, region: region, products: i % 4 == 0 ? [] : b.products,
                purpose: c.purpose, disclosure: "", approvedOn: CalendarDate(year: 2022 + i % 5, month: 1 + i % 12, day: 1 + i % 28)!,
                status: i % 50 == 0 ? .cancelled : .active))
        }
        return out
    }
}
