/// `content/site.yaml`: the portal's name, address, footer and contact.
public struct SiteConfig: Sendable, Hashable {
    /// 站点标题, e.g. 算法备案公示平台.
    public var title: String
    /// Where the portal is published, without a trailing `/`: `https://beian.example.cn`.
    public var baseURL: String
    /// 站点简介 for search engines and the feed.
    public var description: String?
    /// 页脚: plain text, may span lines.
    public var footer: String
    /// 联系邮箱 for the public.
    public var contact: String
    /// Extra navigation links after the pages with a `nav_order`.
    public var nav: [NavLink]
    /// The English pages' title, description and footer (`title_en`, `description_en`,
    /// `footer_en`); nil where not given (the English pages then show the Chinese text).
    public var titleEN: String?
    public var descriptionEN: String?
    public var footerEN: String?

    public init(title: String, baseURL: String, description: String?, footer: String, contact: String, nav: [NavLink]) {
        self.title = title
        self.baseURL = baseURL
        self.description = description
        self.footer = footer
        self.contact = contact
        self.nav = nav
    }
}

/// One navigation link from `site.yaml`: a path inside the portal (`/list/`) or a full
/// `https://` address.
public struct NavLink: Sendable, Hashable {
    public var title: String
    public var url: String
    /// The link's text on English pages (`title_en`), if given.
    public var titleEN: String?

    public init(title: String, url: String, titleEN: String? = nil) {
        self.title = title
        self.url = url
        self.titleEN = titleEN
    }
}
