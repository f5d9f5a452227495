import BeianContent
import BeianModel
import BeianPortal
import BeianRegistry

/// The portal's input from the operator's content and the registry's public view: the
/// portal takes plain values and never reads content or bundles itself.
enum SiteInput {
    /// The markdown renderer's id in the portal's caches (2: unsafe characters dropped before parsing).
    static let markdownRendererID = "cmark-gfm/beian-2"

    static func portal(site: SiteConfig, content: SiteContent, view: PublicView, baseURL: String, head: HeadSigning?) -> PortalInput {
        var portalSite = PortalSite(title: site.title, baseURL: baseURL, footer: site.footer, contact: site.contact,
                                    description: site.description ?? "",
                                    links: site.nav.map { PortalLink(title: $0.title, url: $0.url, titleEN: $0.titleEN) })
        portalSite.english = PortalSite.English(title: site.titleEN, description: site.descriptionEN, footer: site.footerEN)
        var input = PortalInput(
            site: portalSite,
            filings: view.filings,
            announcements: content.announcements.map {
                PortalAnnouncement(slug: $0.slug, title: $0.title, date: $0.date, summary: $0.excerpt, pinned: $0.pinned, html: $0.html, text: $0.plainText,
                                   english: $0.english.map { PortalTranslation(title: $0.title, summary: $0.excerpt, html: $0.html) })
            },
            pages: content.pages.map {
                PortalPage(slug: $0.slug, title: $0.title, navOrder: $0.navOrder, html: $0.html,
                           english: $0.english.map { PortalTranslation(title: $0.title, html: $0.html) })
            },
            markdownRendererID: markdownRendererID,
            renderMarkdown: Disclosure.html)
        input.filingSummaries = view.summaries
        input.head = head
        return input
    }
}
