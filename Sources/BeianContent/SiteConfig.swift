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

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}
