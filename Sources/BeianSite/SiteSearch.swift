public import BeianPortal
import BeianRegistry
public import BeianSearch
import BeianModel
import Foundation
import Synchronization

/// The search index in a build: refreshed from the live one (BeianSearch decides whether it
/// can be updated) and handed to the portal as files under `search/`.
public enum SiteSearch {
    /// The search client, which the search page loads: promised to the portal before the
    /// index is made (every index, made or updated, has it).
    public static let script = "search/search.js"

    /// What a build made, for `build --timings`.
    public struct Made: Sendable {
        public var search: SearchIndexOutput
        /// How it came about ("updated: …", "full build: …").
        public var how: String
        public var seconds: Double
    }

    /// The search index's files as the portal's extra (written) and kept files, under `search/`.
    public static func portalFiles(_ search: SearchIndexOutput) -> PortalBuilder.PortalFiles {
        .init(extra: Dictionary(uniqueKeysWithValues: search.files.map { ("search/" + $0.key, $0.value) }),
              kept: search.kept.map { "search/" + $0 })
    }

    /// The index of `view` for the site at `site`, updating its live index when `state` (the
    /// file the previous build kept) describes it.
    static func refresh(_ view: PublicView, basePath: BasePath, site: URL, state: URL) throws -> (SearchIndexOutput, String) {
        let live = site.appendingPathComponent("search")
        return try SearchIndex.refresh(view.filings, summaries: view.summaries, basePath: basePath.path,
                                       state: try? Data(contentsOf: state),
                                       read: { try? Data(contentsOf: live.appendingPathComponent($0)) })
    }
}

/// The search index a build made, handed out of the portal build's `files` task.
final class SearchMade: Sendable {
    private let made = Mutex<SiteSearch.Made?>(nil)

    func set(_ search: SearchIndexOutput, how: String, seconds: Double) {
        made.withLock { $0 = SiteSearch.Made(search: search, how: how, seconds: seconds) }
    }

    var value: SiteSearch.Made? { made.withLock { $0 } }
}

/// The search index could not be made (reported as such, exit 2).
struct SearchFailed: Error {
    var error: any Error
}
