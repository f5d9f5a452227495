import BeianBundle
import BeianMarkdown
import Foundation

/// Renders the input as Markdown the ways the portal and the templates do, and checks it as a
/// disclosure.
///
/// Invariants: no raw HTML reaches the page (no `<script`, `<iframe`, `<img … onerror` …: every
/// tag in the output is one cmark-gfm or the transforms write); no `javascript:` link; heading
/// ids are unique, avoid the reserved ids and are exactly the ids in the page; an excerpt stays
/// within its limit.
enum MarkdownFuzzer {
    /// The tags the renderer may write (cmark-gfm's HTML renderer, tables, the table wrapper).
    static let allowedTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "hr", "br", "img", "table", "thead", "tbody", "tr", "th", "td", "div", "input", "sup", "section",
    ]

    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let options = data.count % 2 == 0
            ? MarkdownOptions()
            : MarkdownOptions(headingLevels: .startingAt(2), idPrefix: "d-", reservedIDs: ["main", "top"])
        let rendered = MarkdownRenderer.render(text, options: options)
        checkHTML(rendered.html)

        var seen = Set<String>()
        for h in rendered.headings {
            guard !h.id.isEmpty, seen.insert(h.id).inserted else { violated("heading ids are not unique", "\(rendered.headings)") }
            guard !options.reservedIDs.contains(h.id) else { violated("a heading took a reserved id", h.id) }
            guard (1...6).contains(h.level) else { violated("a heading level outside 1…6", "\(h)") }
        }
        // The ids in the page are exactly the headings' ids, in order; an id is one token.
        let ids = headingIDs(in: rendered.html)
        guard ids == rendered.headings.map(\.id) else { violated("the page's heading ids differ from the headings", "\(ids) vs \(rendered.headings)") }
        for id in ids where !id.utf8.starts(with: options.idPrefix.utf8) || id.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
            violated("a heading id without its prefix, or with white space or a control", id)
        }
        let excerpt = MarkdownRenderer.excerpt(of: rendered, limit: 40)
        guard excerpt.count <= 41, !excerpt.contains("\n") else { violated("the excerpt is longer than its limit or spans lines", excerpt) }
        _ = MarkdownRenderer.plainText(text)

        _ = DisclosureRule.check(text, path: "disclosure.md", draft: data.count % 3 == 0)
    }

    /// The `id` of every `<hN id="…">` in `html`, in order. Read as bytes: an id may start with
    /// a combining mark, which joins the quote before it into one `Character`.
    static func headingIDs(in html: String) -> [String] {
        let bytes = Array(html.utf8)
        let marker = Array(" id=\"".utf8)
        var ids: [String] = []
        var i = 0
        while i + 3 + marker.count <= bytes.count {
            defer { i += 1 }
            guard bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "h"),
                  (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[i + 2]),
                  Array(bytes[(i + 3)..<(i + 3 + marker.count)]) == marker else { continue }
            let start = i + 3 + marker.count
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            ids.append(String(decoding: bytes[start..<end], as: UTF8.self))
            i = end
        }
        return ids
    }

    static func checkHTML(_ html: String) {
        let bytes = Array(html.utf8)
        var i = 0
        while i < bytes.count {
            defer { i += 1 }
            guard bytes[i] == UInt8(ascii: "<") else { continue }
            var j = i + 1
            if j < bytes.count, bytes[j] == UInt8(ascii: "/") { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "!") {
                // Only cmark-gfm's own placeholder comment.
                guard html.utf8[html.utf8.index(html.utf8.startIndex, offsetBy: i)...].starts(with: "<!-- raw HTML omitted -->".utf8) else {
                    violated("a comment or declaration other than the raw-HTML placeholder", html)
                }
                continue
            }
            var name = ""
            while j < bytes.count, (bytes[j] >= 0x61 && bytes[j] <= 0x7A) || (bytes[j] >= 0x30 && bytes[j] <= 0x39) || (bytes[j] >= 0x41 && bytes[j] <= 0x5A) {
                name.append(Character(Unicode.Scalar(bytes[j])))
                j += 1
            }
            guard allowedTags.contains(name) else { violated("the output holds a tag the renderer never writes: <\(name)", html) }
        }
        let lower = html.lowercased()
        for bad in ["href=\"javascript:", "src=\"javascript:", "href=\"vbscript:", "href=\"file:", "src=\"vbscript:"] where lower.contains(bad) {
            violated("a \(bad) link", html)
        }
    }
}
