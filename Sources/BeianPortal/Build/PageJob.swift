import BeianModel

/// One file of the site to produce. Jobs are plain values, so any task can run any job.
enum PageJob: Sendable, Hashable {
    case home, search, notFound, robots, feed, sitemap, stats
    case filing(Int)
    case entity(Int)
    /// `/entities/`, `/entities/page/N/`: every entity, by first approval.
    case entityList(page: Int)
    /// `/filings/`: sends to 备案清单.
    case filingsIndex
    case list(AlgorithmType?, page: Int)
    case announcementList(page: Int)
    case announcement(Int)
    case page(Int)
    /// A filings' feed (site-wide, per type, per province; the entities' are made with their pages).
    case filingFeed(FilingFeed)
    case asset(String)
    case extra(String)
    case kept(String)
}
