import BeianModel

/// `announcements/feed.xml`: the newest 信息公告 as Atom 1.0 (RFC 4287). Dates come only from
/// the announcements (or `SOURCE_DATE_EPOCH` for an empty feed), so the feed is reproducible.
enum AtomFeed {
    static func render(_ announcements: [PortalAnnouncement], site: PortalSite, routes: Routes, limit: Int,
                       sourceDateEpoch: Int64?) -> String {
        let entries = Self.entries(announcements, limit: limit)
        let updated = entries.first.map { stamp($0.date) } ?? Clock.timestamp(sourceDateEpoch ?? 0)
        let title = XMLText.escape(site.title)
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
        <title>\(title) · 信息公告</title>
        <id>\(XMLText.escape(routes.absolute(Routes.announcements)))</id>
        <link rel="self" type="application/atom+xml" href="\(XMLText.escape(routes.absolute(Routes.feed)))"/>
        <link rel="alternate" type="text/html" href="\(XMLText.escape(routes.absolute(Routes.announcements)))"/>
        <updated>\(updated)</updated>
        <author><name>\(title)</name></author>

        """
        for a in entries {
            let url = XMLText.escape(routes.absolute(Routes.announcement(a.slug)))
            out += "<entry>\n"
            out += "<title>\(XMLText.escape(a.title))</title>\n"
            out += "<id>\(url)</id>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(url)\"/>\n"
            out += "<published>\(stamp(a.date))</published>\n"
            out += "<updated>\(stamp(a.date))</updated>\n"
            if !a.summary.isEmpty { out += "<summary>\(XMLText.escape(a.summary))</summary>\n" }
            out += "<content type=\"html\">\(XMLText.escape(a.html))</content>\n"
            out += "</entry>\n"
        }
        out += "</feed>\n"
        return out
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
    static func stamp(_ date: CalendarDate) -> String { "\(date)T00:00:00+08:00" }
}
