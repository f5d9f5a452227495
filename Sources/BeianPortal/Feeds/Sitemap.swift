import BeianModel

/// `sitemap.xml` (sitemaps.org 0.9). Past the limit of URLs per file it becomes a sitemap
/// index pointing at `sitemap-1.xml`, `sitemap-2.xml` …
enum Sitemap {
    struct URLEntry: Sendable {
        let path: String
        let lastModified: CalendarDate?
    }

    /// The file names `files` produces for `count` URLs.
    static func names(count: Int, limit: Int) -> [String] {
        count <= limit ? ["sitemap.xml"] : ["sitemap.xml"] + (1...(count + limit - 1) / limit).map { "sitemap-\($0).xml" }
    }

    /// File name → XML text.
    static func files(_ urls: [URLEntry], routes: Routes, limit: Int) -> [(name: String, text: String)] {
        if urls.count <= limit { return [("sitemap.xml", urlset(urls[...], routes: routes))] }
        var out: [(name: String, text: String)] = []
        var index = """
        <?xml version="1.0" encoding="UTF-8"?>
        <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        var start = 0
        while start < urls.count {
            let name = "sitemap-\(out.count + 1).xml"
            out.append((name, urlset(urls[start..<min(urls.count, start + limit)], routes: routes)))
            index += "<sitemap><loc>\(XMLText.escape(routes.absolute(name)))</loc></sitemap>\n"
            start += limit
        }
        index += "</sitemapindex>\n"
        return [("sitemap.xml", index)] + out
    }

    /// The text of one of the files `files` produces, made alone (a rebuild makes only the
    /// files whose URLs changed).
    static func file(_ name: String, _ urls: [URLEntry], routes: Routes, limit: Int) -> String {
        if urls.count <= limit { return urlset(urls[...], routes: routes) }
        if name == "sitemap.xml" {
            var index = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
            for part in names(count: urls.count, limit: limit).dropFirst() {
                index += "<sitemap><loc>\(XMLText.escape(routes.absolute(part)))</loc></sitemap>\n"
            }
            return index + "</sitemapindex>\n"
        }
        return urlset(urls[range(of: name, count: urls.count, limit: limit)], routes: routes)
    }

    /// The URLs (indices) file `name` lists; empty for the index itself.
    static func range(of name: String, count: Int, limit: Int) -> Range<Int> {
        if count <= limit { return 0..<count }
        guard name.hasPrefix("sitemap-"), let n = Int(name.dropFirst(8).dropLast(4)), n >= 1 else { return 0..<0 }
        return min(count, (n - 1) * limit)..<min(count, n * limit)
    }

    private static func urlset(_ urls: ArraySlice<URLEntry>, routes: Routes) -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        out.reserveCapacity(urls.count * 110)
        for u in urls {
            out += "<url><loc>\(XMLText.escape(routes.absolute(u.path)))</loc>"
            if let d = u.lastModified { out += "<lastmod>\(d)</lastmod>" }
            out += "</url>\n"
        }
        out += "</urlset>\n"
        return out
    }

    static func robots(routes: Routes) -> String {
        "User-agent: *\nAllow: /\nDisallow: \(routes.basePath).beian-\nSitemap: \(routes.absolute("sitemap.xml"))\n"
    }
}
