import BeianDiagnostics
import BeianModel
import BeianOutput
import BeianStore
import Foundation

extension PortalBuilder {
    /// Every file of the site but the extra and kept ones (`planFiles`), in groups whose names
    /// stay put from build to build: a group's files are those whose id or slug hashes to its
    /// bucket (filings, entities, announcements), or a run of 32 list pages, so one approval
    /// changes a few groups and leaves the rest to be kept whole (`GroupPlan`).
    ///
    /// A preview (`BuildOptions.preview`) plans nothing made for publishing: no search page,
    /// feed or sitemap (its filings' records and the entities' feeds are left out by their jobs).
    func planPages(_ r: JobRunner) -> [JobGroup] {
        let publishing = options.preview == nil
        var groups: [JobGroup] = []
        var site: [PageJob] = publishing ? [.home, .search, .notFound, .robots, .feed] : [.home, .notFound, .robots]
        site += r.theme.theme.assets.keys.sorted().map { .asset($0) }
        groups.append(JobGroup(name: "site", jobs: site))
        if publishing {
            // The filings' feeds (each kept unrendered while no new step reaches it).
            groups.append(JobGroup(name: "feeds", jobs: FilingFeed.shared(provinces: r.provinceMembers.keys.sorted()).map { .filingFeed($0) }))
            // Its own group: its changed files are made beside the home page, not after it.
            groups.append(JobGroup(name: "sitemap", jobs: [.sitemap]))
        }
        // Keyed by its counts: kept whole unless they changed.
        groups.append(JobGroup(name: "stats", jobs: [.stats]))
        for (type, pagination) in [(nil, r.listPagination)] + AlgorithmType.allCases.map({ ($0, r.typePagination[$0]!) }) {
            for first in stride(from: 1, through: pagination.pageCount, by: 32) {
                groups.append(JobGroup(name: "list/\(type?.code ?? "all")/\(first)",
                                       jobs: (first...min(pagination.pageCount, first + 31)).map { .list(type, page: $0) }))
            }
        }
        for first in stride(from: 1, through: r.entityPagination.pageCount, by: 32) {
            groups.append(JobGroup(name: "entities/\(first)",
                                   jobs: (first...min(r.entityPagination.pageCount, first + 31)).map { .entityList(page: $0) }))
        }
        groups.append(JobGroup(name: "filings", jobs: [.filingsIndex]))
        groups.append(JobGroup(name: "announcements", jobs: (1...r.announcementPagination.pageCount).map { .announcementList(page: $0) }))
        groups += JobGroup.buckets("announcement", 64, r.announcements.indices.map { (r.announcements[$0].slug, .announcement($0)) })
        groups.append(JobGroup(name: "pages", jobs: r.pages.indices.map { .page($0) }))
        groups += JobGroup.buckets("entity", 1_024, r.index.entities.indices.map { (r.index.entities[$0].id, .entity($0)) })
        // Keyed by the summaries' digits: unchanged filings stay encoded (`PublicFiling`).
        var filingJobs = [[PageJob]](repeating: [], count: 4_096)
        var digits: [UInt8] = []
        digits.reserveCapacity(21)
        for (i, s) in r.index.summaries.enumerated() {
            digits.removeAll(keepingCapacity: true)
            s.appendDigits(to: &digits)
            filingJobs[JobGroup.bucket(digits, 4_096)].append(.filing(i))
        }
        groups += filingJobs.indices.compactMap { filingJobs[$0].isEmpty ? nil : JobGroup(name: "filing/\($0)", jobs: filingJobs[$0]) }
        return groups
    }

    /// The extra and kept files (70,000 search files at 100,000 filings), in groups by a hash
    /// of their path: bucketed first, then each bucket sorted (the same order as sorting them
    /// all, for a fraction of the comparisons).
    static func planFiles(_ input: PortalInput) -> [JobGroup] {
        var fileJobs = [[(String, PageJob)]](repeating: [], count: 4_096)
        for path in input.extraFiles.keys { fileJobs[JobGroup.bucket(path, 4_096)].append((path, .extra(path))) }
        for path in input.keptFiles { fileJobs[JobGroup.bucket(path, 4_096)].append((path, .kept(path))) }
        return fileJobs.indices.compactMap { k in
            fileJobs[k].isEmpty ? nil : JobGroup(name: "files/\(k)", jobs: fileJobs[k].sorted { $0.0 < $1.0 }.map(\.1))
        }
    }
}
