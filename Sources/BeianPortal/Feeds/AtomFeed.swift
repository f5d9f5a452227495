import BeianModel

/// `announcements/feed.xml`: the newest 信息公告 as Atom 1.0 (RFC 4287, `AtomWriter`). Dates come only from
/// the announcements (or `SOURCE_DATE_EPOCH` for an empty feed), so the feed is reproducible.
enum AtomFeed {
    static func render(_ announcements: [PortalAnnouncement], site: PortalSite, routes: Routes, limit: Int,
                       sourceDateEpoch: Int64?) -> String {
        let entries = Self.entries(announcements, limit: limit)
        let updated = entries.first.map { stamp($0.date) } ?? Clock.timestamp(sourceDateEpoch ?? 0)
        return AtomWriter.feed(lang: "zh-CN", title: "\(site.title) · 信息公告", id: routes.absolute(Routes.announcements),
                               selfURL: routes.absolute(Routes.feed), alternate: routes.absolute(Routes.announcements),
                               updated: updated, author: site.title, entries: entries.map { a in
            let url = routes.absolute(Routes.announcement(a.slug))
            return AtomWriter.Entry(title: a.title, id: url, link: url, published: stamp(a.date), updated: stamp(a.date),
                                    summary: a.summary, contentHTML: a.html)
        })
    }

    /// The announcements the feed holds: the newest `limit`, newest first (then by slug).
    static func entries(_ announcements: [PortalAnnouncement], limit: Int) -> ArraySlice<PortalAnnouncement> {
        announcements.indices.sorted { i, j in
            let (a, b) = (announcements[i], announcements[j])
            return a.date != b.date ? a.date > b.date : a.slug < b.slug
        }.prefix(limit).map { announcements[$0] }[...]
    }

    /// What the feed shows besides the site (title, origin: the build's global key): its
    /// entries' fields, and the epoch that dates an empty feed.
    static func key(_ announcements: [PortalAnnouncement], limit: Int, sourceDateEpoch: Int64?) -> StableHash {
        var key = StableHash("feed 1")
        let entries = Self.entries(announcements, limit: limit)
        key.add(entries.count)
        for a in entries {
            for s in [a.slug, a.title, a.date.description, a.summary, a.html] { key.add(s) }
        }
        if entries.isEmpty { key.add(Int(sourceDateEpoch ?? 0)) }
        return key
    }

    /// Midnight in China on `date`, RFC 3339.
    static func stamp(_ date: CalendarDate) -> String { AtomWriter.stamp(date) }
}
