import BeianBundle
public import BeianDiagnostics
public import BeianModel
import BeianPortal
import BeianStore
public import Foundation

/// The public pages of a filer's own draft, rendered by the portal's own code (SPEC §9):
/// its filing pages and entity page as they would look once approved, every page marked
/// 预览 · 未备案, a placeholder where the 备案编号 will be, and nothing that is not a
/// `PublicFiling` field (the portal's privacy allow-list; no open data, feed, sitemap or
/// search index either: a preview is not for publishing).
public struct DraftPreview: Sendable {
    /// The entity id in the stand-in numbers: no registry assigns it (ids start at 0000001),
    /// so a preview page can never be taken for a real filing's.
    static let standInEntityID = "0000000"
    /// What the pages show instead of a 备案编号.
    static let placeholder = "备案编号待分配（预览）"
    static let marker = "beian-preview-banner"

    public var bundle: String
    public var today: CalendarDate

    public init(bundle: String, today: CalendarDate) {
        self.bundle = bundle
        self.today = today
    }

    /// Why there is nothing to preview: the draft's diagnostics.
    public struct Invalid: Error {
        public var diagnostics: [Diagnostic]
    }

    /// The draft's public filings, or its diagnostics when it would not pass validation.
    public func filings() -> Result<[PublicFiling], Invalid> {
        let loaded: LoadedBundle
        do { loaded = try BundleLoader(draft: false, today: today).load(bundle) } catch { return .failure(Invalid(diagnostics: [error.diagnostic])) }
        guard !loaded.diagnostics.hasErrors, let entity = loaded.entity else { return .failure(Invalid(diagnostics: loaded.diagnostics)) }
        let products = Dictionary(loaded.products.map { ($0.id, $0.publicLabel) }, uniquingKeysWith: { a, _ in a })
        var out: [PublicFiling] = []
        var sequence: [String: Int] = [:]
        for algorithm in loaded.algorithms.sorted(by: { $0.id < $1.id }) {
            guard let type = algorithm.algorithmType, let role = algorithm.algorithmRole else { continue }
            sequence[type.code, default: 0] += 1
            guard let number = FilingNumber(region: entity.region, entityID: Self.standInEntityID, typeCode: type.code,
                                            year: today.year % 100, sequence: sequence[type.code]!) else { continue }
            var labels: [String] = []
            for id in algorithm.appliesTo.map(\.product) where !labels.contains(id) { labels.append(id) }
            out.append(PublicFiling(number: number, algorithmName: algorithm.name, type: type, role: role, entityName: entity.name,
                                    entityID: number.entityID, region: entity.region, products: labels.compactMap { products[$0] },
                                    purpose: algorithm.purpose, disclosure: algorithm.disclosure, approvedOn: today,
                                    history: [PublicEvent(date: today, note: "预览（未备案）")]))
        }
        return .success(out)
    }

    /// Renders `filings` into `out` (absent, empty, or an earlier preview) and marks every page.
    public func render(_ filings: [PublicFiling], to out: URL) async throws {
        let input = PortalInput(
            site: PortalSite(title: "算法备案公示平台（预览）", baseURL: "http://127.0.0.1/",
                             footer: "预览 · 未备案：本站点由 beian preview 从备案包草稿生成，仅供备案主体自查，不是公示信息。"),
            filings: filings, markdownRendererID: SiteInput.markdownRendererID, renderMarkdown: Disclosure.html)
        var options = BuildOptions()
        options.keepPreviousSite = false
        _ = try await PortalBuilder(input: input, theme: try Theme.load(overrideFolder: nil), options: options).build(to: out)
        try Self.mark(out, numbers: filings.map(\.number))
    }

    /// Drops what is for publishing, then marks each page and replaces the stand-in numbers
    /// (in pages and in per-filing SVG images, e.g. a badge, where a number is text).
    static func mark(_ site: URL, numbers: [FilingNumber]) throws {
        let fm = FileManager.default
        for name in ["filings.csv", "filings.json", "sitemap.xml", "search", "announcements/feed.xml"] {
            try? fm.removeItem(at: site.appendingPathComponent(name))
        }
        for name in (try? fm.contentsOfDirectory(atPath: site.path)) ?? [] where name.hasPrefix("sitemap") {
            try? fm.removeItem(at: site.appendingPathComponent(name))
        }
        // A draft has no public record yet (records are what the registry's head signs).
        for id in (try? fm.contentsOfDirectory(atPath: site.appendingPathComponent("filings").path)) ?? [] where id.count == 21 {
            try? fm.removeItem(at: site.appendingPathComponent("filings/\(id)/record.json"))
        }
        try AtomicFile.write(Data(style.utf8), to: site.appendingPathComponent("preview.css"), durable: false)
        let shown = numbers.flatMap { ["\(FilingNumber.prefix)\($0.digits)\(FilingNumber.suffix)", $0.digits] }
        guard let walker = fm.enumerator(at: site, includingPropertiesForKeys: nil) else { return }
        for case let url as URL in walker where ["html", "svg"].contains(url.pathExtension) {
            guard var html = try? String(contentsOf: url, encoding: .utf8), !html.contains(marker) else { continue }
            if url.pathExtension == "svg" {
                // A filing's badge: the placeholder and 未备案 (SPEC §8's badge is for filed ones).
                if url.lastPathComponent == "badge.svg" {
                    try AtomicFile.write(Data(Badge.previewSVG(placeholder: placeholder).utf8), to: url, durable: false)
                    continue
                }
                // Any other per-filing image showing the number: the placeholder instead.
                let replaced = shown.reduce(html) { $0.replacingOccurrences(of: $1, with: placeholder) }
                if replaced != html { try AtomicFile.write(Data(replaced.utf8), to: url, durable: false) }
                continue
            }
            // The full form first, then the bare digits in text (never inside a link: `/filings/<digits>/`).
            for text in shown {
                html = html.replacingOccurrences(of: text, with: placeholder, options: [], range: nil, excludingLinks: true)
            }
            // The badge and its embed code come with the number: a note instead, and the draft's badge.
            if let start = html.range(of: "<section class=\"embed\""), let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) {
                let badge = Badge.previewSVG(placeholder: placeholder)
                let width = badge.firstMatch(of: /width="(\d+)"/).map { String($0.1) } ?? "0"
                // In the page's language (the English copy under en/ says it in English).
                let english = html.contains("<html lang=\"en\">")
                let title = english ? "Filing badge" : "备案标识"
                let note = english ? "Once the filing is approved and numbered, its badge and embed code appear here."
                    : "备案通过、分配备案编号后，此处提供带编号的备案标识和嵌入代码。"
                html.replaceSubrange(start.lowerBound..<end.upperBound, with: """
                    <section class="embed" aria-labelledby="embed-title">
                    <h2 id="embed-title">\(title)</h2>
                    <p><img src="badge.svg" alt="\(placeholder) \(english ? "Not filed" : "未备案")" width="\(width)" height="20" lang="zh-CN"></p>
                    <p>\(note)</p>
                    </section>
                    """)
            }
            if let body = html.range(of: "<body") , let end = html[body.upperBound...].firstIndex(of: ">") {
                html.insert(contentsOf: banner, at: html.index(after: end))
            }
            if let head = html.range(of: "</head>") {
                html.insert(contentsOf: "<link rel=\"stylesheet\" href=\"/preview.css\">", at: head.lowerBound)
            }
            html = html.replacingOccurrences(of: "<title>", with: "<title>【预览 · 未备案】")
            try AtomicFile.write(Data(html.utf8), to: url, durable: false)
        }
    }

    static let banner = "<div class=\"\(marker)\" role=\"note\"><strong>预览 · 未备案</strong> 本页由 beian preview 从备案包草稿生成，尚未通过审核，不是公示信息；备案编号将在审核通过后分配。<span lang=\"en\">Preview: not filed.</span></div>"

    static let style = """
    .\(marker) { background: #fff3cd; color: #5c4400; border-bottom: 3px solid #e0a800; padding: .75rem 1rem; text-align: center; font-size: 1rem; }
    .\(marker) strong { color: #a02000; margin-right: .5em; }
    .\(marker) span { margin-left: .5em; }

    """
}

private extension String {
    /// `self` with `text` replaced everywhere but in `href="…"` and `src="…"` values (the
    /// pages' URLs keep the stand-in digits, so the preview's links work).
    func replacingOccurrences(of text: String, with replacement: String, options: String.CompareOptions, range: Range<Index>?, excludingLinks: Bool) -> String {
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: text) {
            let before = rest[..<r.lowerBound]
            // Inside an attribute value when the last `="` before it is not closed by a `"`.
            let lastOpen = before.range(of: "=\"", options: .backwards)
            let inLink = lastOpen.map {
                !before[$0.upperBound...].contains("\"") && (before[..<$0.lowerBound].hasSuffix("href") || before[..<$0.lowerBound].hasSuffix("src"))
            } ?? false
            out += before
            out += inLink ? text : replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
