import BeianModel
import BeianOutput

/// `sitemap.xml` (sitemaps.org 0.9). Past the limit of URLs per file it becomes a sitemap
/// index pointing at files by kind (`Plan`).
enum Sitemap {
    struct URLEntry: Sendable {
        let path: String
        let lastModified: CalendarDate?
    }

    /// The sitemap's files and what each lists. Up to `limit` URLs, one `sitemap.xml` lists
    /// them all (the site's pages, then the entities, then the filings). Past it, `sitemap.xml`
    /// is an index of files by kind — `sitemap-pages-N.xml`, `sitemap-entities-N.xml`,
    /// `sitemap-filings-N.xml`, at most `chunk` URLs each — so a new filing (last in 备案清单
    /// order) or a new entity changes one file of its kind, not every file after it: entities
    /// are listed in the order of their first approval (`entityOrder`), so a new one comes last
    /// wherever its id sorts.
    struct Plan: Sendable {
        enum Part: Sendable, Hashable {
            case all, index
            case pages(Range<Int>), entities(Range<Int>), filings(Range<Int>)
        }

        /// Home, search, list pages, announcements and content pages, in that order.
        let pages: [URLEntry]
        let entityCount: Int
        let filingCount: Int
        let files: [(name: String, part: Part)]

        /// URLs per file past the limit: small files, so a rebuild redoes little.
        static let chunk = 2_000

        init(pages: [URLEntry], index: FilingIndex, limit: Int) {
            self.pages = pages
            let entityCount = index.entities.count
            let filingCount = index.filings.count
            self.entityCount = entityCount
            self.filingCount = filingCount
            if pages.count + entityCount + filingCount <= limit {
                files = [("sitemap.xml", .all)]
                return
            }
            let size = min(limit, Plan.chunk)
            var files: [(name: String, part: Part)] = [("sitemap.xml", .index)]
            func split(_ kind: String, _ count: Int, _ part: (Range<Int>) -> Part) {
                for (n, start) in stride(from: 0, to: count, by: size).enumerated() {
                    files.append(("sitemap-\(kind)-\(n + 1).xml", part(start..<min(count, start + size))))
                }
            }
            split("pages", pages.count, Part.pages)
            split("entities", entityCount, Part.entities)
            split("filings", filingCount, Part.filings)
            self.files = files
        }

        /// Places in `FilingIndex.entities`, in the order the sitemap lists them: by first
        /// approval (the earliest of the entity's filings in 备案清单 order), then id. Made by
        /// the sitemap's job, beside the other pages, and handed to `key` and `text`.
        static func entityOrder(_ index: FilingIndex) -> [Int] {
            // Sorted on integers: each entity's earliest order key, then its place (ids ascend).
            let firsts = index.entities.enumerated().map { k, e in
                var first = index.summaries[e.filings[0]].order
                for m in e.filings.dropFirst() where index.summaries[m].order < first { first = index.summaries[m].order }
                return (day: first.day, head: first.head, last: first.last, at: k)
            }
            return firsts.sorted { ($0.day, $0.head, $0.last, $0.at) < ($1.day, $1.head, $1.last, $1.at) }.map(\.at)
        }

        /// The fingerprint of what `part` lists, from integers for the entities and filings (a
        /// filing's key covers its number and dates): no URL is built for a file that is kept.
        func key(_ part: Part, index: FilingIndex, entityOrder: [Int]) -> Fingerprint {
            var k = Fingerprint("sitemap")
            func addPages(_ range: Range<Int>) {
                for u in pages[range] {
                    k.add(u.path)
                    k.add(u.lastModified?.description ?? "-")
                }
            }
            func addEntities(_ range: Range<Int>) {
                for at in entityOrder[range] {
                    let e = index.entities[at]
                    k.add(e.id)
                    k.add(Plan.newestDay(e, index))
                }
            }
            func addFilings(_ range: Range<Int>) { for i in range { k.add(index.keys[i]) } }
            switch part {
            case .all:
                addPages(0..<pages.count); addEntities(0..<entityCount); addFilings(0..<filingCount)
            case .index:
                for f in files { k.add(f.name) }
            case .pages(let r): addPages(r)
            case .entities(let r): addEntities(r)
            case .filings(let r): addFilings(r)
            }
            return k
        }

        /// The newest day anywhere in an entity's filings (its page's last change).
        static func newestDay(_ e: FilingIndex.EntityGroup, _ index: FilingIndex) -> Int {
            var newest = Int.min
            for m in e.filings where index.summaries[m].newestDay > newest { newest = index.summaries[m].newestDay }
            return newest
        }

        /// The text of one file.
        func text(_ part: Part, index: FilingIndex, entityOrder: [Int], routes: Routes) -> String {
            func entityURLs(_ range: Range<Int>) -> [URLEntry] {
                entityOrder[range].map { at in
                    let e = index.entities[at]
                    return URLEntry(path: Routes.entity(e.id), lastModified: CalendarDate(dayNumber: Plan.newestDay(e, index)))
                }
            }
            func filingURLs(_ range: Range<Int>) -> [URLEntry] {
                // From the summaries: a changed sitemap file leaves its 10,000 filings encoded.
                range.map { URLEntry(path: Routes.filing(String(decoding: index.summaries[$0].digits, as: UTF8.self)),
                                     lastModified: CalendarDate(dayNumber: index.summaries[$0].newestDay)) }
            }
            switch part {
            case .all:
                return Sitemap.urlset((pages + entityURLs(0..<entityCount) + filingURLs(0..<filingCount))[...], routes: routes)
            case .index:
                var text = """
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

                """
                for f in files.dropFirst() { text += "<sitemap><loc>\(XMLText.escape(routes.absolute(f.name)))</loc></sitemap>\n" }
                return text + "</sitemapindex>\n"
            case .pages(let r): return Sitemap.urlset(pages[r], routes: routes)
            case .entities(let r): return Sitemap.urlset(entityURLs(r)[...], routes: routes)
            case .filings(let r): return Sitemap.urlset(filingURLs(r)[...], routes: routes)
            }
        }
    }

    private static func urlset(_ urls: ArraySlice<URLEntry>, routes: Routes) -> String {
        let head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        // Written as bytes: a changed file of 2,000 URLs is rewritten on every approval.
        var bytes = Array(head.utf8)
        bytes.reserveCapacity(urls.count * 110)
        let origin = Array(XMLText.escape(routes.origin + "/").utf8)
        for u in urls {
            bytes += "<url><loc>".utf8
            bytes += origin
            bytes += XMLText.escape(u.path).utf8
            bytes += "</loc>".utf8
            if let d = u.lastModified {
                bytes += "<lastmod>".utf8
                bytes += d.description.utf8
                bytes += "</lastmod>".utf8
            }
            bytes += "</url>\n".utf8
        }
        bytes += "</urlset>\n".utf8
        return String(decoding: bytes, as: UTF8.self)
    }

    static func robots(routes: Routes) -> String {
        "User-agent: *\nAllow: /\nDisallow: \(routes.basePath).beian-\nSitemap: \(routes.absolute("sitemap.xml"))\n"
    }
}
