import BeianModel
@testable import BeianSearch
import Foundation
import Testing

@Suite struct SearchIndexTests {
    static let filings = FixtureFilings.all
    static let files = try! SearchIndex.build(filings, basePath: "/")
    static let reader = try! IndexReader(files)

    @Test func fixtureHasTheRealRows() {
        #expect(Self.filings.count == 342)
        #expect(Self.filings.contains { $0.status == .cancelled })
        #expect(Self.filings.contains { $0.role == .technicalSupporter && $0.products.isEmpty })
    }

    @Test func buildIsDeterministicWhateverTheInputOrder() throws {
        let again = try SearchIndex.build(Self.filings.reversed(), basePath: "/")
        #expect(again == Self.files)
        var rng = SplitMix(seed: 7)
        let shuffled = Self.filings.shuffled(using: &rng)
        #expect(try SearchIndex.build(shuffled, basePath: "/") == Self.files)
    }

    @Test func writesClientManifestAndEveryPart() throws {
        let paths = Set(Self.files.keys)
        let firstChunk = Self.reader.offset / (Self.reader.manifest["chunk"] as! Int)
        for p in ["search.js", "search.css", "manifest.json", "s/0.json", "d/\(firstChunk).json", "p/\(firstChunk).json", "n/d0.json"] {
            #expect(paths.contains(p), "missing \(p)")
        }
        #expect(paths.allSatisfy { !$0.hasPrefix("/") && !$0.contains("..") })
        // Number pages are named by their first number; the smallest number opens the first.
        let smallest = Self.filings.map(\.number.digits).min()!
        #expect(paths.contains("n/\(smallest).json"))
        let m = Self.reader.manifest
        #expect(m["docs"] as? Int == 342)
        #expect(m["filing"] as? String == "/filings/{id}/")
        #expect(m["entity"] as? String == "/entities/{entity}/")
        let sub = try IndexReader(try SearchIndex.build(Array(Self.filings.prefix(5)), basePath: "/sub"))
        #expect(sub.manifest["filing"] as? String == "/sub/filings/{id}/")
    }

    @Test func everySubstringOfEveryNameIsFound() {
        // SPEC §6: every substring of ≥ 2 characters of an indexed entity or algorithm name.
        let docs = SearchDocument.order(Self.filings)
        var checked = 0
        var memo: [String: Set<Int>] = [:]
        for (id, doc) in docs.enumerated() {
            for name in [doc.filing.entityName, doc.filing.algorithmName] {
                let chars = Array(name)
                for length in 2...min(chars.count, 8) {
                    for start in 0...(chars.count - length) {
                        let sub = String(chars[start..<start + length])
                        guard !Tokenizer.segments(sub).isEmpty else { continue }
                        #expect(Self.reader.nameCandidates(sub, memo: &memo).contains(id), "\(sub) of \(name)")
                        checked += 1
                    }
                }
                #expect(Self.reader.nameCandidates(name, memo: &memo).contains(id), "\(name)")
            }
        }
        #expect(checked > 10_000)
    }

    @Test func oneCharacterAndLatinQueriesFindTheirFilings() {
        let docs = SearchDocument.order(Self.filings)
        let xmusic = docs.indices.filter { docs[$0].filing.algorithmName.contains("XMusic") }
        #expect(!xmusic.isEmpty)
        #expect(Set(xmusic).isSubset(of: Self.reader.nameCandidates("xmusic")))
        #expect(Set(xmusic).isSubset(of: Self.reader.nameCandidates("XMUSIC")))
        let wang = docs.indices.filter { docs[$0].names.joined().contains("网") }
        #expect(Set(Self.reader.list("网", .names)) == Set(wang))
    }

    @Test func startsListsAndExactNameTermsRankPrefixAndExactMatches() {
        let docs = SearchDocument.order(Self.filings)
        let wangyi = docs.indices.filter { docs[$0].filing.entityName == "北京网易传媒有限公司" }
        #expect(wangyi.count >= 2)
        #expect(Set(wangyi).isSubset(of: Set(Self.reader.list("北京", .starts))))
        #expect(Set(wangyi).isSubset(of: Set(Self.reader.list("北", .starts))))
        // Exact names: [0] the entity's filings, [1] those with that algorithm or product name.
        #expect(Self.reader.exact("北京网易传媒有限公司")[0] == wangyi)
        let news = docs.indices.filter { docs[$0].filing.products.contains("网易新闻（APP）") }
        #expect(!news.isEmpty)
        #expect(Set(news).isSubset(of: Set(Self.reader.exact("网易新闻")[1])))
        #expect(!Self.reader.exact("网易新闻app")[1].contains(news[0]), "a product's form is not part of its name")
        let music = docs.indices.filter { docs[$0].filing.entityName == "腾讯音乐娱乐（深圳）有限公司" }
        #expect(!music.isEmpty)
        #expect(Self.reader.exact("腾讯音乐娱乐深圳有限公司")[0] == music)
    }

    @Test func purposeIsIndexedApartFromNames() {
        let docs = SearchDocument.order(Self.filings)
        let inPurpose = docs.indices.filter { docs[$0].filing.purpose.contains("通知栏") }
        #expect(!inPurpose.isEmpty)
        #expect(Set(Self.reader.list("通知", .purpose)).isSuperset(of: inPurpose))
        #expect(Set(Self.reader.list("栏", .names)).isDisjoint(with: inPurpose.filter { !docs[$0].names.joined().contains("栏") }))
    }

    @Test func numberPrefixesAreTermsUpToEightDigitsThenTheSortedIndex() {
        let docs = SearchDocument.order(Self.filings)
        let target = docs.firstIndex { $0.filing.number.digits == "110101135224302220011" }!
        for n in 4...8 {
            let prefix = String(docs[target].filing.number.digits.prefix(n))
            let expected = docs.indices.filter { docs[$0].filing.number.digits.hasPrefix(prefix) }
            #expect(Self.reader.list("#" + prefix, .names) == expected)
        }
        for n in [9, 13, 17, 21] {
            let prefix = String(docs[target].filing.number.digits.prefix(n))
            let expected = docs.indices.filter { docs[$0].filing.number.digits.hasPrefix(prefix) }
            #expect(Self.reader.numberPrefix(prefix) == expected)
        }
        #expect(Self.reader.entry("#" + "11010113") != nil)
        #expect(Self.reader.entry("#" + "110101135") == nil)
    }

    @Test func facetTermsListTheirFilings() {
        let docs = SearchDocument.order(Self.filings)
        let cancelled = docs.indices.filter { docs[$0].filing.status == .cancelled }
        #expect(Self.reader.list("@s1", .names) == cancelled)
        let generative = docs.indices.filter { docs[$0].filing.type == .generative }
        #expect(Self.reader.list("@t01", .names) == generative)
        let guangdong = docs.indices.filter { $0 < docs.count && docs[$0].filing.region.hasPrefix("44") }
        #expect(Self.reader.list("@p44", .names) == guangdong)
        let provinces = Self.reader.manifest["provinces"] as! [[String]]
        #expect(provinces.contains(["44", "广东省"]))
    }

    @Test func resultRecordsCarryOnlyPublicFields() throws {
        let docs = SearchDocument.order(Self.filings)
        let id = docs.firstIndex { $0.filing.number.digits == "110101135224302220011" }!
        let rec = Self.reader.record(id)
        #expect(rec[0] as? String == "网易传媒信息推送算法")
        #expect(rec[1] as? String == "北京网易传媒有限公司")
        #expect(rec[2] as? String == "110101135224302220011")
        #expect(rec[7] as? String == "网易新闻（APP）")
        let everything = Self.files.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(!everything.contains("DISCLOSURE-SENTINEL"))
        #expect(!everything.contains("原主体名称"))
    }

    @Test func anEmptyRegistryStillGivesAWorkingIndex() throws {
        let files = try SearchIndex.build([])
        let reader = try IndexReader(files)
        #expect(reader.docs == 0)
        #expect(files["s/0.json"] == Data("{}".utf8))
        #expect(files["x/0.json"] == Data("{}".utf8))
        #expect(files["search.js"] != nil && files.keys.allSatisfy { !$0.hasPrefix("d/") })
    }

    @Test func docsAreNewestFirst() {
        let docs = SearchDocument.order(Self.filings)
        #expect(zip(docs, docs.dropFirst()).allSatisfy { $0.filing.approvedOn >= $1.filing.approvedOn })
    }

    @Test func clientIsCompactedAndNeverUsesInnerHTML() throws {
        let js = String(decoding: Self.files["search.js"]!, as: UTF8.self)
        #expect(!js.contains("innerHTML"))
        #expect(!js.split(separator: "\n").contains { $0.hasPrefix(" ") || $0.hasPrefix("//") })
        #expect(js.contains("search-app"))
        let raw = try ClientAssets.source("search", ext: "js")
        #expect(js.utf8.count * 10 < raw.utf8.count * 8, "compacting saves at least a fifth")
    }

    @Test func compactorKeepsLiteralsAndLineBreaks() {
        let src = """
            // comment
            var a = "x  // not a comment", b = 'y /* no */';
            if (a) { return /[/ ]+\\//g.test(b) ? a / 2 : a + +b; } /* gone */
            var c = a - -b, d = `t  ${a}`;
            x = y
            (z)
            """
        #expect(JSCompactor.compact(src) == """
            var a="x  // not a comment",b='y /* no */';if(a){return/[/ ]+\\//g.test(b)?a/2:a+ +b;}
            var c=a- -b,d=`t  ${a}`;x=y
            (z)

            """)
    }

    @Test func compactorRenamesOnlyNamesThatAreNeverProperties() {
        let src = """
            const helper = (value) => value + 1;
            const status = 2, keep = { status }, other = ui.status;
            const local = helper(3), opts = { local: 1 };
            let counter = helper(local);
            function named() { return counter; }
            """
        let out = JSCompactor.compact(src)
        #expect(!out.contains("helper") && !out.contains("counter") && !out.contains("named"))
        #expect(out.contains("{status}") && out.contains(".status") && out.contains("local:1"))
        #expect(out.contains("const status=2"), "a shorthand or property name keeps its name everywhere")
    }
}

/// A seeded generator, so shuffles are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
