import BeianModel

/// `announcements/feed.xml`: the newest 信息公告 as Atom 1.0 (RFC 4287). Dates come only from
/// the announcements (or `SOURCE_DATE_EPOCH` for an empty feed), so the feed is reproducible.
enum AtomFeed {
    static func render(_ announcements: [PortalAnnouncement], site: PortalSite, routes: Routes, limit: Int,
                       sourceDateEpoch: Int64?) -> String {
        let entries = announcements.sorted { a, b in a.date != b.date ? a.date > b.date : a.slug < b.slug }.prefix(limit)
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

    /// Midnight in China on `date`, RFC 3339.
    static func stamp(_ date: CalendarDate) -> String { "\(date)T00:00:00+08:00" }
}
