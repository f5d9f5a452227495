import BeianBundle
public import BeianDiagnostics
public import BeianModel
import BeianPortal
public import Foundation

/// The public pages of a filer's own draft, rendered by the portal's own code (SPEC §9):
/// its filing pages and entity page as they would look once approved, every page marked
/// 预览 · 未备案, a placeholder where the 备案编号 will be, and nothing that is not a
/// `PublicFiling` field (the portal's privacy allow-list; no open data, feed, sitemap, search
/// page or record either: a preview is not for publishing — `BuildOptions.preview`).
public struct DraftPreview: Sendable {
    /// The entity id in the stand-in numbers: no registry assigns it (ids start at 0000001),
    /// so a preview page can never be taken for a real filing's.
    static let standInEntityID = "0000000"

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

    /// Renders `filings` into `out` (absent, empty, or an earlier preview): the portal's build
    /// with `BuildOptions.preview`, which marks every page and writes nothing for publishing.
    public func render(_ filings: [PublicFiling], to out: URL) async throws {
        let input = PortalInput(
            site: PortalSite(title: "算法备案公示平台（预览）", baseURL: "http://127.0.0.1/",
                             footer: "预览 · 未备案：本站点由 beian preview 从备案包草稿生成，仅供备案主体自查，不是公示信息。"),
            filings: filings, extraFiles: [Self.preview.stylesheet: Data(Self.style.utf8)],
            markdownRendererID: SiteInput.markdownRendererID, renderMarkdown: Disclosure.html)
        var options = BuildOptions()
        options.keepPreviousSite = false
        options.preview = Self.preview
        _ = try await PortalBuilder(input: input, theme: try Theme.load(overrideFolder: nil), options: options).build(to: out)
    }

    /// How the pages are marked: a banner, a title prefix, a stylesheet; the placeholder for the
    /// number, and the draft's badge (未备案) with a note where the embed code will be.
    static let preview = BuildOptions.Preview(
        placeholder: "备案编号待分配（预览）", titlePrefix: "【预览 · 未备案】", bannerLabel: "预览 · 未备案",
        bannerText: "本页由 beian preview 从备案包草稿生成，尚未通过审核，不是公示信息；备案编号将在审核通过后分配。",
        bannerEnglish: "Preview: not filed.", stylesheet: "preview.css",
        status: Localized(zh: "未备案", en: "Not filed"),
        badgeNote: Localized(zh: "备案通过、分配备案编号后，此处提供带编号的备案标识和嵌入代码。",
                             en: "Once the filing is approved and numbered, its badge and embed code appear here."))

    /// The banner's class in the pages (`header`).
    static let marker = "beian-preview-banner"

    static let style = """
    .\(marker) { background: #fff3cd; color: #5c4400; border-bottom: 3px solid #e0a800; padding: .75rem 1rem; text-align: center; font-size: 1rem; }
    .\(marker) strong { color: #a02000; margin-right: .5em; }
    .\(marker) span { margin-left: .5em; }

    """
}
