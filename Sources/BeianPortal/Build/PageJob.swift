import BeianModel

/// One file of the site to produce. Jobs are plain values, so any task can run any job.
enum PageJob: Sendable, Hashable {
    case home, search, notFound, robots, feed, sitemap, stats
    case filing(Int)
    case entity(Int)
    case list(AlgorithmType?, page: Int)
    case announcementList(page: Int)
    case announcement(Int)
    case page(Int)
    case asset(String)
    case extra(String)
    case kept(String)
}
