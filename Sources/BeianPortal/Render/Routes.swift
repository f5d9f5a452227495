package import BeianDiagnostics
package import BeianModel

/// Every URL of the portal, in one place. Path segments are built only from digits (filing
/// and entity ids, page numbers), type slugs and checked content slugs, so no filer string
/// can ever become part of a URL.
public struct Routes: Sendable, Hashable {
    /// The absolute base URL without a trailing slash, e.g. `https://beian.example.cn/sub`.
    public let origin: String
    /// The path every internal link starts with: `/` or e.g. `/sub/`.
    public let basePath: String
    /// Where the pages of one language live under the base path: "" (Chinese) or "en/".
    /// Files shared by both languages (assets, records, badges, open data, the search index)
    /// are linked with `asset(_:)`, which never adds it.
    private(set) var pagePrefix = ""

    /// Nil unless `baseURL` is an absolute http(s) URL without query or fragment.
    public init?(baseURL: String) {
        let s = baseURL.trimmingSpaces
        let lower = s.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
              !s.contains("?"), !s.contains("#"), !s.contains("\""), !s.contains("<"), !s.contains(">"),
              !s.contains(" "), !s.contains("\\"), s.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 })
        else { return nil }
        let afterScheme = s[s.range(of: "://")!.upperBound...]
        let host = afterScheme.prefix { $0 != "/" }
        guard !host.isEmpty else { return nil }
        var path = String(afterScheme.dropFirst(host.count))
        while path.hasSuffix("/") { path.removeLast() }
        guard !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        origin = String(s.prefix(s.count - afterScheme.count)) + host + path
        basePath = path + "/"
    }

    // Site-relative paths: no leading slash; "" is the home page. Folders end with "/".
    package static let home = ""
    package static let list = "list/"
    package static let announcements = "announcements/"
    package static let feed = "announcements/feed.xml"
    package static let search = "search/"
    package static let stats = "stats/"
    package static let css = "assets/style.css"

    package static func list(type: AlgorithmType?, page: Int) -> String {
        let root = type.map { "list/\($0.slug)/" } ?? list
        return page <= 1 ? root : root + "page/\(page)/"
    }

    package static func filing(_ id: String) -> String { "filings/\(id)/" }
    package static func entity(_ id: String) -> String { "entities/\(id)/" }
    package static let filings = "filings/"
    package static let entities = "entities/"
    package static func entities(page: Int) -> String { page <= 1 ? entities : entities + "page/\(page)/" }
    package static func announcement(_ slug: String) -> String { "announcements/\(slug)/" }
    package static func announcements(page: Int) -> String { page <= 1 ? announcements : announcements + "page/\(page)/" }
    package static func page(_ slug: String) -> String { "pages/\(slug)/" }

    /// The same routes for the pages of `lang` (SPEC §10: English under `en/`).
    package func localized(_ lang: Lang) -> Routes {
        var r = self
        r.pagePrefix = lang.pathPrefix
        return r
    }

    /// The link to a page: base path + language prefix + site-relative path.
    package func href(_ path: String) -> String { basePath + pagePrefix + path }
    /// The link to a file both languages share: base path + site-relative path.
    package func asset(_ path: String) -> String { basePath + path }
    /// The absolute URL of a page (sitemap, feed, canonical), in the routes' language.
    package func absolute(_ path: String) -> String { origin + "/" + pagePrefix + path }

    /// The file a site-relative path is written to: folders get `index.html`.
    package static func file(for path: String) -> String { path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path }
}

/// Content slugs as URL segments: ASCII letters, digits, `-` and `_`, not starting with `-`.
package enum Slug {
    package static func isValid(_ s: String) -> Bool {
        guard let first = s.utf8.first, first != UInt8(ascii: "-"), s.utf8.count <= 120 else { return false }
        return s.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
        }
    }

    /// True for exactly `count` ASCII digits.
    package static func isDigits(_ s: String, count: Int) -> Bool {
        s.utf8.count == count && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
