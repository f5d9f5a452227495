import BeianModel
import BeianRegistry
import Foundation
import Testing

/// The numbering rules of docs/registry.md (备案编号, entity ids) through the real CLI, and
/// `beian verify` on a reformatted ledger line and a tampered `entities.jsonl`.
@Suite(.serialized) struct NumberingRulesTests {
    static let year2025 = "1764000000"  // 2025-11-25 in China
    static let year2026 = "1780000000"  // 2026-05-29

    /// Approves `item` and returns the number it was given (nil when none).
    @discardableResult
    func approve(_ s: Scratch, _ item: String, bundle: String = "xc", epoch: String = year2025,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> FilingNumber? {
        let r = try CLI.run(["review", "approve", bundle, item, "--reviewer", "R", "--json"], cwd: s.root, env: ["SOURCE_DATE_EPOCH": epoch])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(LedgerEvent.self, from: Data(r.stdout.utf8)).filingNumber
    }

    /// A new algorithm of the feed's type (个性化推送类) in the bundle, named `name`.
    func addFeedLike(_ s: Scratch, id: String, name: String) throws {
        try FileManager.default.copyItem(at: s.path("xc/algorithms/feed"), to: s.path("xc/algorithms/\(id)"))
        try s.edit("xc/algorithms/\(id)/algorithm.yaml", replacing: "name: 星辰资讯推荐算法", with: "name: \(name)")
    }

    func submit(_ s: Scratch, epoch: String = year2025, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try CLI.run(["submit", "xc"] + attest, cwd: s.root, env: ["SOURCE_DATE_EPOCH": epoch])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)", sourceLocation: sourceLocation)
    }

    /// "one more than the highest sequence this bundle's ledger ever recorded for that type,
    /// cancelled numbers included, so a number is never reused"
    @Test func aCancelledNumberIsNeverReused() throws {
        let s = try Scratch()
        try submit(s)
        try approve(s, "entity")
        try approve(s, "product:app")  // linked by the algorithms: reviewed first (S708)
        let first = try #require(try approve(s, "algorithm:feed"))
        #expect(first.sequence == 1)
        var r = try CLI.run(["cancel", "xc", "algorithm:feed", "--reason", "产品下线"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(try approve(s, "algorithm:feed") == nil, "a cancellation assigns no number")
        #expect(try PublicRegistry.filings(in: s.root.path).first { $0.number == first }?.status == .cancelled)

        // The feed's type again, after its only number was cancelled: the next sequence, not 1.
        try addFeedLike(s, id: "feed-two", name: "星辰资讯第二推荐算法")
        try submit(s)
        let second = try #require(try approve(s, "algorithm:feed-two"))
        #expect(second.typeCode == first.typeCode && second.year == first.year && second.entityID == first.entityID)
        #expect(second.sequence == 2, "the cancelled \(first) keeps its sequence: \(second)")
        #expect(second != first)
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
    }

    /// "The sequence runs per entity and type, continuing across years."
    @Test func theSequenceContinuesAcrossYearsPerType() throws {
        let s = try Scratch()
        try submit(s)
        try approve(s, "entity")
        try approve(s, "product:app")  // linked by the algorithms: reviewed first (S708)
        let feed = try #require(try approve(s, "algorithm:feed"))
        #expect(feed.year == 25 && feed.sequence == 1)

        try addFeedLike(s, id: "feed-next-year", name: "星辰资讯次年推荐算法")
        try submit(s, epoch: Self.year2026)
        let next = try #require(try approve(s, "algorithm:feed-next-year", epoch: Self.year2026))
        #expect(next.year == 26, "the year of approval: \(next)")
        #expect(next.sequence == 2, "the sequence goes on from last year's, it does not restart: \(next)")
        #expect(FilingNumber.isChecked(next.digits))
        // Another type has its own sequence: its first number is 1, in 2026 too.
        let search = try #require(try approve(s, "algorithm:search", epoch: Self.year2026))
        #expect(search.typeCode != feed.typeCode && search.year == 26 && search.sequence == 1)
    }

    /// Entity ids: derived from the credit code, probing past ids already taken, wrapping from
    /// 9999999 to 1000000; so two entities whose codes lead to one id get distinct ids.
    @Test func entityIDsProbePastTakenOnes() {
        let code = "91110108MA01TE7X01"
        let id = EntityIDs.next(for: code, taken: [])
        #expect(id.count == 7 && Int(id)! >= 1_000_000)
        #expect(EntityIDs.next(for: code, taken: []) == id, "derived, not counted")
        let second = EntityIDs.next(for: code, taken: [id])
        #expect(second != id && Int(second)! == Int(id)! + 1)
        let third = EntityIDs.next(for: code, taken: [id, second])
        #expect(Set([id, second, third]).count == 3)
        // Every id from the derived one up to 9999999 taken: it wraps around to 1000000.
        let upper = Set((Int(id)!...9_999_999).map(String.init))
        #expect(EntityIDs.next(for: code, taken: upper) == "1000000")
    }

    /// Two bundles with one credit code: refused (S710, docs/registry.md), even when both were
    /// submitted before either was approved; `entities.jsonl` gives the code one id only.
    @Test func oneCreditCodeGetsOneEntityID() throws {
        let s = try Scratch(bundles: ["xc", "twin"])
        try s.edit("twin/entity.yaml", replacing: "name: 测试星辰科技有限公司", with: "name: 测试孪生科技有限公司")
        for bundle in ["xc", "twin"] {
            let r = try CLI.run(["submit", bundle] + attest, cwd: s.root)
            #expect(r.status == 0, "\(r.stdout)")
        }
        try approve(s, "entity")
        let r = try CLI.run(["review", "approve", "twin", "entity", "--reviewer", "R"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("error[S710]") && r.stdout.contains("credit code 91110108MA01TE7X01"), "\(r.stdout)")
        let ids = try String(contentsOf: s.path(".beian-registry/entities.jsonl"), encoding: .utf8)
            .split(separator: "\n").filter { $0.contains("\"assign_entity_id\"") }
        #expect(ids.count == 1 && ids[0].contains("\"item\":\"xc\""), "\(ids)")
    }

    // MARK: - verify

    /// A line re-encoded (here a space after a colon) decodes to the same event, whose hash
    /// still matches; only the canonical-form check catches it.
    @Test func verifyRefusesALedgerLineNotInCanonicalForm() throws {
        let s = try Scratch()
        try submit(s)
        try approve(s, "entity")
        var r = try CLI.run(["verify", "xc"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        let ledger = s.path("xc/.beian/ledger.jsonl")
        var lines = try String(contentsOf: ledger, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[1].contains("\"seq\":2,"))
        lines[1] = lines[1].replacingOccurrences(of: "\"seq\":2,", with: "\"seq\": 2,")
        try Data(lines.joined(separator: "\n").utf8).write(to: ledger)
        r = try CLI.run(["verify", "xc"], cwd: s.root)
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stdout.hasPrefix("xc/.beian/ledger.jsonl:2:1: error[L601]: the event's bytes were altered"), "\(r.stdout)")
        // An escaped character (\u6D4B for 测) is another spelling of the same event.
        lines[1] = lines[1].replacingOccurrences(of: "\"seq\": 2,", with: "\"seq\":2,")
        let i = try #require(lines.firstIndex { $0.contains("我承诺") })
        lines[i] = lines[i].replacingOccurrences(of: "我承诺", with: "\\u6211承诺")
        try Data(lines.joined(separator: "\n").utf8).write(to: ledger)
        r = try CLI.run(["verify", "xc"], cwd: s.root)
        #expect(r.status == 2 && r.stdout.hasPrefix("xc/.beian/ledger.jsonl:\(i + 1):1: error[L601]: the event's bytes were altered"), "\(r.stdout)")
    }

    /// `entities.jsonl`, the registry-wide ledger of entity ids: a changed id, a removed line,
    /// a reformatted line and a cut-off file each fail `verify`, naming the file and line.
    @Test(arguments: ["changed id", "removed line", "reformatted", "truncated"])
    func verifyRefusesATamperedEntitiesLedger(_ tampering: String) throws {
        let s = try Scratch(bundles: ["xc", "xd"])
        try s.edit("xd/entity.yaml", replacing: "name: 测试星辰科技有限公司", with: "name: 测试星河科技有限公司")
        try s.edit("xd/entity.yaml", replacing: "credit_code: 91110108MA01TE7X01", with: "credit_code: 91110108MA01TE7Y02")
        try s.edit("xd/entity.yaml", replacing: "number: 91110108MA01TE7X01", with: "number: 91110108MA01TE7Y02")
        for bundle in ["xc", "xd"] {
            #expect(try CLI.run(["submit", bundle] + attest, cwd: s.root).status == 0)
            try approve(s, "entity", bundle: bundle)
        }
        var r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        let file = s.path(".beian-registry/entities.jsonl")
        let text = try String(contentsOf: file, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        let expectedLine: Int
        switch tampering {
        case "changed id":
            let id = try #require(lines[0].firstMatch(of: /"entityID":"(\d{7})"/)?.1)
            let other = String(id.dropLast()) + (id.last == "1" ? "2" : "1")
            lines[0] = lines[0].replacingOccurrences(of: "\"entityID\":\"\(id)\"", with: "\"entityID\":\"\(other)\"")
            expectedLine = 1
        case "removed line":
            lines.remove(at: 0)
            expectedLine = 1
        case "reformatted":
            lines[1] = lines[1].replacingOccurrences(of: "\"seq\":2,", with: "\"seq\": 2,")
            expectedLine = 2
        default:
            lines[1] = String(lines[1].prefix(40))
            expectedLine = 2
        }
        try Data((lines.joined(separator: "\n") + (tampering == "truncated" ? "" : "\n")).utf8).write(to: file)
        r = try CLI.run(["verify", "--registry", "."], cwd: s.root)
        #expect(r.status == 2, "\(tampering): \(r.stdout)")
        // A cut-off last line is what a write cut short leaves: its own code (L612).
        let code = tampering == "truncated" ? "L612" : "L601"
        #expect(r.stdout.contains(".beian-registry/entities.jsonl:\(expectedLine):1: error[\(code)]"), "\(tampering): \(r.stdout)")
    }
}
