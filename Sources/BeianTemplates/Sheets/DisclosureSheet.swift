import BeianBundle
import BeianMarkdown

/// The 拟公示内容 split into its `##` sections, each rendered to HTML.
///
/// Safety: section bodies go through cmark-gfm without `CMARK_OPT_UNSAFE`, so raw HTML a filer
/// writes is dropped, never passed through; this is the one place the templates print HTML
/// they did not escape themselves.
struct DisclosureSheet {
    var sections: [Section]

    /// One section: the four required ones always appear, blank when missing or empty.
    struct Section {
        var number: String
        var title: String
        /// The body as HTML, or nil when the filer has not written it yet.
        var html: String?
    }

    init(markdown: String) {
        let found = Self.split(markdown)
        var titles = BundleSchema.disclosureHeadings
        titles += found.map(\.title).filter { !titles.contains($0) }
        sections = titles.enumerated().map { i, title in
            let body = found.first { $0.title == title }?.body ?? ""
            let hasText = body.split(separator: "\n").contains { !$0.allSatisfy(\.isWhitespace) }
            return Section(number: Self.numerals[min(i, Self.numerals.count - 1)], title: title,
                           html: hasText ? MarkdownRenderer.html(body) : nil)
        }
    }

    static let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// `##` sections outside code fences, with their bodies minus HTML comments (the prompts
    /// `beian add` writes, which are not text).
    static func split(_ markdown: String) -> [(title: String, body: String)] {
        var out: [(title: String, body: String)] = []
        var fence: Substring?
        var inComment = false
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if fence == nil {
                if inComment || line.hasPrefix("<!--") {
                    inComment = !line.trimmingSuffixSpaces.hasSuffix("-->")
                    continue
                }
                if raw.hasPrefix("## ") || raw == "##" {
                    let title = raw.dropFirst(2).trimmingSpaces.trimmingSuffix("#").trimmingSpaces
                    out.append((String(title), ""))
                    continue
                }
                if raw.hasPrefix("# ") { continue }
            }
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                let marker = line.prefix(3)
                fence = fence == nil ? marker : (fence == marker ? nil : fence)
            }
            if !out.isEmpty { out[out.count - 1].body += raw + "\n" }
        }
        return out
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring { drop { $0.isWhitespace }.trimmingSuffixSpaces }
    fileprivate var trimmingSuffixSpaces: Substring {
        var s = self
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return s
    }
    fileprivate func trimmingSuffix(_ c: Character) -> Substring {
        var s = self
        while s.last == c { s = s.dropLast() }
        return s
    }
}
