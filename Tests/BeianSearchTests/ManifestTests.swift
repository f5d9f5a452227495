import BeianModel
@testable import BeianSearch
import Foundation
import Testing

/// One index serves the Chinese and the English search page: the manifest's link patterns
/// relative to the pages' prefix (`data-pages`) beside the absolute ones older clients and pages
/// without `data-pages` use, and `search-en.json` with the English page's strings and names.
@Suite struct ManifestTests {
    static var manifest: [String: Any] { SearchIndexTests.reader.manifest }

    /// search-en.json: the English page's strings (Client/search-en.json) and facet names
    /// (BeianModel), published with the index; the manifest stays as the Chinese page needs it.
    @Test func englishFileHasTheStringsAndTheNamesInTheManifestsOrder() throws {
        let files = SearchIndexTests.files
        let data = try #require(files["search-en.json"])
        let en = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let names = try #require(en["names"] as? [String: Any])
        #expect(names["types"] as? [String] == AlgorithmType.allCases.map(\.englishName))
        #expect(names["roles"] as? [String] == AlgorithmRole.allCases.map(\.englishName))
        #expect(names["statuses"] as? [String] == ["Filed", "Cancelled"])
        // The manifest's lists, which the English names follow, stay Chinese as published.
        let m = Self.manifest
        #expect((m["types"] as? [[String]])?.map { $0[1] } == AlgorithmType.allCases.map(\.rawValue))
        #expect(m["roles"] as? [String] == AlgorithmRole.allCases.map(\.rawValue))
        #expect(m["statuses"] as? [String] == PublicStatus.allCases.map(\.rawValue))
        #expect(m["en"] == nil)
        // Every province the manifest lists has an English name, by code.
        let provinces = try #require(names["provinces"] as? [String: String])
        #expect(provinces["44"] == "Guangdong" && provinces["00"] == "Unknown")
        for p in try #require(m["provinces"] as? [[String]]) {
            #expect(provinces[p[0]] != nil, "\(p)")
            if p[0] != "00" { #expect(provinces[p[0]] == Region.englishProvinceName(of: p[0] + "0000")) }
        }
        // Every string the Chinese client has, in English (no CJK but quoted filer text).
        let ui = try #require(en["ui"] as? [String: Any])
        let js = try ClientAssets.source("search", ext: "js")
        let keys = try #require(js.firstMatch(of: /let T = \{([\s\S]*?)\n\};/)).1
        let zhKeys = Set(keys.matches(of: /(?m)(?:^|, )\s*([a-zA-Z]+):/).map { String($0.1) }).subtracting(["unavailable"])
        #expect(zhKeys.count > 30)
        #expect(Set(ui.keys) == zhKeys)
        for (key, value) in ui {
            if let s = value as? String { #expect(!s.unicodeScalars.contains { $0.value >= 0x2E80 && $0.value < 0xA000 }, "\(key)") }
        }
        // Published with the client, and counted in what an update keeps.
        #expect(SearchIndex.clientPaths.contains("search-en.json"))
    }

    @Test func linksRelativeToThePagesBesideTheAbsoluteOnes() throws {
        let m = Self.manifest
        #expect(m["v"] as? Int == 2)
        #expect(m["links"] as? [String: String] == ["filing": "filings/{id}/", "entity": "entities/{entity}/"])
        #expect(m["filing"] as? String == "/filings/{id}/")
        let sub = try IndexReader(try SearchIndex.build(Array(SearchIndexTests.filings.prefix(5)), basePath: "/sub")).manifest
        #expect(sub["links"] as? [String: String] == ["filing": "filings/{id}/", "entity": "entities/{entity}/"])
        #expect(sub["filing"] as? String == "/sub/filings/{id}/")
        #expect(sub["entity"] as? String == "/sub/entities/{entity}/")
        var options = SearchIndexOptions()
        options.entityPath = nil
        let noEntities = try IndexReader(try SearchIndex.build(Array(SearchIndexTests.filings.prefix(5)), options: options)).manifest
        #expect(noEntities["links"] as? [String: String] == ["filing": "filings/{id}/"])
        #expect(noEntities["entity"] == nil)
    }

    /// An update must rebuild what the English names change: a state written before them is
    /// another format (a full build follows), and the manifest an update writes is a full build's.
    @Test func stateFromBeforeTheEnglishNamesIsNotUpdated() throws {
        let made = try SearchIndex.make(Array(SearchIndexTests.filings.prefix(20)))
        let bytes = made.state.serialized()
        #expect(SearchState(bytes) != nil)
        // The same state as the previous format (6) labelled it: unreadable, so a full build.
        var old = bytes
        let at = try #require(old.range(of: Data(SearchState.format.utf8)))
        old.replaceSubrange(at, with: Data("beian-search-state 6".utf8))
        #expect(old.count == bytes.count)
        #expect(SearchState(old) == nil)
    }
}
