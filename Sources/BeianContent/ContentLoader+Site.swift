import BeianBundle
import BeianDiagnostics
import Foundation

extension ContentLoader {
    /// `site.yaml` checked against `ContentSchema.site`; nil when missing or invalid.
    func loadSite(_ folder: ContentFolder, into problems: inout [Diagnostic]) -> SiteConfig? {
        let path = folder.display(Self.siteFile)
        guard folder.exists(Self.siteFile) else {
            problems.append(Diagnostic(
                .contentInvalid, at: SourceLocation(path: path),
                message: Localized(zh: "缺少站点配置 \(Self.siteFile)", en: "the site settings \(Self.siteFile) are missing"),
                help: Localized(zh: "新建 \(path)，写明 title、base_url、footer 和 contact",
                                en: "create \(path) with title, base_url, footer and contact")))
            return nil
        }
        guard let text = folder.readText(Self.siteFile, limit: YAMLReader.maxFileSize, into: &problems) else { return nil }
        let (parsed, yamlProblems) = YAMLReader.parse(text, path: path)
        var mine = yamlProblems.map { $0.recoded(.contentInvalid) }
        defer { problems += mine }
        guard let doc = parsed else { return nil }
        mine += SchemaChecker(draft: false, today: today).check(doc, fields: ContentSchema.site)
            .diagnostics.map { $0.recoded(.contentInvalid) }

        var baseURL = Self.string(doc["base_url"])
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        if baseURL.contains("?") || baseURL.contains("#"), let loc = doc["base_url"]?.location {
            mine.append(Diagnostic(
                .contentInvalid, at: loc, field: FieldRef(key: "base_url", zh: "站点地址", en: "base URL"),
                message: Localized(zh: "站点地址不能带 ? 或 # 部分", en: "the base URL cannot have a ? or # part"),
                help: Localized(zh: "只写协议、域名和路径，如 https://beian.example.cn", en: "write scheme, host and path only, e.g. https://beian.example.cn")))
        }
        var nav: [NavLink] = []
        for (i, item) in (doc["nav"]?.items ?? []).enumerated() {
            let url = Self.string(item["url"])
            nav.append(NavLink(title: Self.string(item["title"]), url: url, titleEN: Self.optionalString(item["title_en"])))
            if !url.isEmpty, !Self.isNavTarget(url), let loc = item["url"]?.location {
                mine.append(Diagnostic(
                    .contentInvalid, at: loc, field: FieldRef(key: "nav[\(i + 1)].url", zh: "链接地址", en: "link address"),
                    message: Localized(zh: "“\(url)”既不是站内路径也不是网址", en: "'\(url)' is neither a path in the portal nor a web address"),
                    help: Localized(zh: "站内页面写 /list/ 这样以 / 开头的路径，外部网站写 https:// 开头的地址",
                                    en: "write a path starting with / such as /list/, or an address starting with https://")))
            }
        }
        guard !mine.hasErrors else { return nil }
        var site = SiteConfig(title: Self.string(doc["title"]), baseURL: baseURL,
                              description: doc["description"]?.text.map(\.trimmingSpacesAndNewlines),
                              footer: Self.string(doc["footer"]), contact: Self.string(doc["contact"]), nav: nav)
        site.titleEN = Self.optionalString(doc["title_en"])
        site.descriptionEN = Self.optionalString(doc["description_en"])
        site.footerEN = Self.optionalString(doc["footer_en"])
        return site
    }

    /// A path inside the portal (`/list/`, not `//host`) or an `http(s)://` address with a host.
    static func isNavTarget(_ url: String) -> Bool {
        if url.contains(where: \.isWhitespace) { return false }
        if url.hasPrefix("/") { return !url.hasPrefix("//") }
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), let host = URL(string: url)?.host else { return false }
        return !host.isEmpty
    }

    /// A scalar's text, trimmed; "" when absent (the schema check has reported that).
    static func string(_ value: YAMLValue?) -> String {
        value?.text?.trimmingSpacesAndNewlines ?? ""
    }

    /// A scalar's text, trimmed; nil when absent or empty.
    static func optionalString(_ value: YAMLValue?) -> String? {
        let s = string(value)
        return s.isEmpty ? nil : s
    }
}
