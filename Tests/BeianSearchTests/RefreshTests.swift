import BeianModel
import BeianSearch
import Foundation
import Testing

/// `SearchIndex.refresh`, what `beian build` calls: the search module itself decides from the
/// state a previous build kept and the live index whether to update or make the index.
@Suite struct RefreshTests {
    static let base = StableIndexTests.base

    @Test func noStateOrAnotherLiveIndexMeansAFullBuild() throws {
        let full = try SearchIndex.make(Self.base)
        let added = Self.base + [StableIndexTests.newest()]
        let none = try SearchIndex.refresh(added, summaries: nil, basePath: "/", state: nil, read: { full.files[$0] })
        #expect(none.how == "full build: no state of a previous build")
        let garbage = try SearchIndex.refresh(added, summaries: nil, basePath: "/", state: Data("x".utf8), read: { full.files[$0] })
        #expect(garbage.how == "full build: no state of a previous build")
        // The live manifest is another build's: the state does not describe it.
        let other = try SearchIndex.make(Array(Self.base.dropLast()))
        #expect(!full.state.describes(manifest: other.files["manifest.json"]))
        #expect(!full.state.describes(manifest: nil))
        let mismatched = try SearchIndex.refresh(added, summaries: nil, basePath: "/", state: full.state.serialized(),
                                                 read: { $0 == "manifest.json" ? other.files[$0] : full.files[$0] })
        #expect(mismatched.how == "full build: the live index is not the one the state describes")
        #expect(mismatched.output.files == none.output.files)
    }

    @Test func theStateOfTheLiveIndexGivesAnUpdateWithTheFullBuildsBytes() throws {
        let full = try SearchIndex.make(Self.base)
        #expect(full.state.describes(manifest: full.files["manifest.json"]))
        let added = Self.base + [StableIndexTests.newest()]
        let refreshed = try SearchIndex.refresh(added, summaries: nil, basePath: "/", state: full.state.serialized(), read: { full.files[$0] })
        #expect(refreshed.how.hasPrefix("updated: "))
        let site = StableIndexTests.apply(refreshed.output, to: full.files)
        #expect(site == (try SearchIndex.make(added)).files)
    }
}
