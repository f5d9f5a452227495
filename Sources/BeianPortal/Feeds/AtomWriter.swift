import BeianModel

/// Atom 1.0 (RFC 4287): the one writer of the portal's feeds (信息公告, and the filings'
/// feeds of `FilingFeed`). Every value goes through `XMLText`, the one XML escaper; callers
/// hand over plain text and absolute URLs. Dates are the entries' own, so feeds are
/// reproducible.
enum AtomWriter {
    /// One `<entry>`.
    struct Entry: Sendable {
        var title: String
        /// A stable id (an absolute URL, or a URL and a fragment naming the step).
        var id: String
        /// The HTML page the entry is about.
        var link: String
        /// RFC 3339.
        var published: String
        var updated: String
        var summary: String = ""
        /// HTML, escaped as text into `<content type="html">` (nil: no content element).
        var contentHTML: String?
    }

    /// The feed's head and its entries, in the order given.
    /// - Parameters:
    ///   - lang: `xml:lang` of the feed (`zh-CN`, `en`).
    ///   - id: the feed's id, `selfURL` its own address, `alternate` the HTML page it follows.
    ///   - updated: RFC 3339, the newest entry's date (or a fixed date for an empty feed).
    static func feed(lang: String, title: String, id: String, selfURL: String, alternate: String, updated: String,
                     author: String, entries: [Entry]) -> String {
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XMLText.escape(lang))">
        <title>\(XMLText.escape(title))</title>
        <id>\(XMLText.escape(id))</id>
        <link rel="self" type="application/atom+xml" href="\(XMLText.escape(selfURL))"/>
        <link rel="alternate" type="text/html" href="\(XMLText.escape(alternate))"/>
        <updated>\(updated)</updated>
        <author><name>\(XMLText.escape(author))</name></author>

        """
        for e in entries {
            let link = XMLText.escape(e.link)
            out += "<entry>\n"
            out += "<title>\(XMLText.escape(e.title))</title>\n"
            out += "<id>\(XMLText.escape(e.id))</id>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(link)\"/>\n"
            out += "<published>\(e.published)</published>\n"
            out += "<updated>\(e.updated)</updated>\n"
            if !e.summary.isEmpty { out += "<summary>\(XMLText.escape(e.summary))</summary>\n" }
            if let html = e.contentHTML { out += "<content type=\"html\">\(XMLText.escape(html))</content>\n" }
            out += "</entry>\n"
        }
        out += "</feed>\n"
        return out
    }

    /// Midnight in China on `date`, RFC 3339.
    static func stamp(_ date: CalendarDate) -> String { "\(date)T00:00:00+08:00" }
}
