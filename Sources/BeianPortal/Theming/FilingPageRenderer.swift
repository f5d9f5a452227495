/// The filing page (`header` + `filing` + `footer` of the built-in theme) rendered by Swift
/// code instead of Mustache, for 100,000 pages the largest cost of a build (Mustache looks up
/// every name through dynamic casts and splits it at dots each time).
///
/// It is used only while those three templates are the built-in ones — an operator who
/// overrides any of them gets Mustache — and gives the same bytes as Mustache for the same
/// model (tests render both over every branch). Values are escaped by the one HTML escaper
/// (`HTMLContent`), as Mustache does with them.
enum FilingPageRenderer {
    /// The templates this renderer stands for, as the built-in theme has them.
    static let templates = ["header", "filing", "footer"]

    /// True when `theme` renders the filing page exactly as this code does.
    static func matches(_ theme: Theme) -> Bool { builtIn(templates, in: theme) }

    /// True when `theme` renders a list row (`filing-row`) exactly as `row(_:)` does.
    static func matchesRow(_ theme: Theme) -> Bool { builtIn(["filing-row"], in: theme) }

    private static func builtIn(_ names: [String], in theme: Theme) -> Bool {
        names.allSatisfy { theme.templates[$0] != nil && theme.templates[$0] == builtInTemplates[$0] }
    }

    /// The built-in theme's template sources, read once.
    private static let builtInTemplates: [String: String] = (try? Theme.builtIn())?.templates ?? [:]

    /// One filing's cells in a list (`filing-row` of the built-in theme).
    static func row(_ m: [String: Any]) -> String {
        let html = HTMLContent()
        func text(_ key: String) -> String { html.escapeText(string(m[key])) }
        var o = "<td><a href=\"" + text("href") + "\">" + text("name") + "</a></td><td class=\"nowrap\">" + text("typeName")
        o += "</td><td class=\"nowrap\">" + text("role") + "</td><td><a href=\"" + text("entityHref") + "\">" + text("entityName")
        o += "</a></td><td>" + text("products") + "</td><td class=\"col-purpose\">" + text("purpose") + "</td><td class=\"number\">"
        o += text("number") + "</td><td>"
        if m["cancelled"] as? Bool ?? false {
            o += "<span class=\"badge badge-cancelled\">已注销 " + text("cancelledOn") + "</span> "
        }
        return o + text("notes") + "</td>\n"
    }

    static func render(_ m: [String: Any]) -> String {
        let html = HTMLContent()
        func text(_ key: String, in model: [String: Any] = m) -> String { html.escapeText(string(model[key])) }
        func flag(_ key: String) -> Bool { m[key] as? Bool ?? false }
        var o = ""
        o.reserveCapacity(8_192)
        // header
        o += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        o += ContentSecurityPolicy.meta + "\n"
        o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        o += "<title>" + text("docTitle") + "</title>\n"
        if flag("hasDescription") { o += "<meta name=\"description\" content=\"" + text("metaDescription") + "\">\n" }
        if flag("hasCanonical") { o += "<link rel=\"canonical\" href=\"" + text("canonical") + "\">\n" }
        o += "<link rel=\"stylesheet\" href=\"" + text("cssHref") + "\">\n"
        o += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"信息公告\" href=\"" + text("feedHref") + "\">\n"
        o += "</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">跳到正文</a>\n"
        o += string(m["mastheadHTML"]) + "\n"
        if flag("hasCrumbs") {
            o += "<nav class=\"breadcrumb wrap\" aria-label=\"当前位置\">\n<ol>\n"
            for link in m["crumbLinks"] as? [[String: String]] ?? [] {
                o += "<li><a href=\"" + text("href", in: link) + "\">" + text("label", in: link) + "</a></li>\n"
            }
            o += "<li><span aria-current=\"page\">" + text("crumbCurrent") + "</span></li>\n</ol>\n</nav>\n"
        }
        o += "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n"
        // filing
        o += "<article class=\"filing\">\n<h1 data-field=\"name\">" + text("name") + "</h1>\n"
        o += "<p class=\"filing-number number\" data-field=\"number\">" + text("number") + "</p>\n"
        if flag("cancelled") {
            let on = text("cancelledOn")
            o += "<div class=\"notice notice-cancelled\" role=\"note\">\n<p><strong>已注销</strong>：该算法备案已于 <time data-field=\"cancelledOn\" datetime=\""
                + on + "\">" + on + "</time> 注销，备案编号不再使用。本页保留其公示信息。</p>\n</div>\n"
        }
        o += "<dl class=\"facts\">\n"
        o += "<div><dt>备案编号</dt><dd class=\"number\" data-field=\"number\">" + text("number") + "</dd></div>\n"
        o += "<div><dt>算法名称</dt><dd data-field=\"name\">" + text("name") + "</dd></div>\n"
        o += "<div><dt>算法类别</dt><dd><a data-field=\"type\" href=\"" + text("typeHref") + "\">" + text("typeName") + "</a></dd></div>\n"
        o += "<div><dt>角色</dt><dd data-field=\"role\">" + text("role") + "</dd></div>\n"
        o += "<div><dt>主体名称</dt><dd><a data-field=\"entityName\" href=\"" + text("entityHref") + "\">" + text("entityName") + "</a></dd></div>\n"
        o += "<div><dt>注册地</dt><dd data-field=\"region\">" + text("regionName") + "</dd></div>\n"
        o += "<div><dt>应用产品</dt><dd><ul class=\"plain\">"
        for p in m["products"] as? [String] ?? [] { o += "<li data-field=\"products\">" + html.escapeText(p) + "</li>" }
        o += "</ul></dd></div>\n"
        o += "<div><dt>主要用途</dt><dd data-field=\"purpose\">" + text("purpose") + "</dd></div>\n"
        let approved = text("approvedOn")
        o += "<div><dt>备案日期</dt><dd><time data-field=\"approvedOn\" datetime=\"" + approved + "\">" + approved + "</time></dd></div>\n"
        o += "<div><dt>状态</dt><dd><span class=\"badge badge-" + text("statusClass") + "\" data-field=\"status\">" + text("status") + "</span></dd></div>\n"
        if flag("hasNotes") {
            o += "<div><dt>备注</dt><dd><ul class=\"plain\">"
            for n in m["notes"] as? [String] ?? [] { o += "<li data-field=\"notes\">" + html.escapeText(n) + "</li>" }
            o += "</ul></dd></div>\n"
        }
        o += "</dl>\n\n<section class=\"disclosure\" aria-labelledby=\"disclosure-title\">\n"
        o += "<h2 id=\"disclosure-title\">拟公示内容</h2>\n<div class=\"prose\" data-field=\"disclosure\">\n" + string(m["disclosureHTML"]) + "\n</div>\n</section>\n\n"
        if flag("hasHistory") {
            o += "<section aria-labelledby=\"history-title\">\n<h2 id=\"history-title\">公示历史</h2>\n<ol class=\"timeline\">\n"
            for e in m["history"] as? [[String: Any]] ?? [] {
                let date = text("date", in: e)
                o += "<li><div data-field=\"history\"><time datetime=\"" + date + "\">" + date + "</time> <span lang=\"zh-CN\">" + text("note", in: e) + "</span></div>\n"
                if e["hasChanges"] as? Bool ?? false {
                    o += "<table class=\"changes\">\n<caption class=\"visually-hidden\">" + text("caption", in: e) + "</caption>\n"
                    o += "<thead><tr><th scope=\"col\">" + text("fieldHeader", in: e) + "</th><th scope=\"col\">" + text("oldHeader", in: e)
                        + "</th><th scope=\"col\">" + text("newHeader", in: e) + "</th></tr></thead>\n<tbody>\n"
                    for c in e["changes"] as? [[String: Any]] ?? [] {
                        o += "<tr><th scope=\"row\" data-field=\"changeField\">" + text("label", in: c) + "</th>\n"
                        o += changeCell(c, side: "old", tag: "del", field: "changeOld", html: html) + "\n"
                        o += changeCell(c, side: "new", tag: "ins", field: "changeNew", html: html) + "</tr>\n"
                    }
                    o += "</tbody>\n</table>\n"
                }
                o += "</li>\n"
            }
            o += "</ol>\n</section>\n"
        }
        o += "\n<section class=\"embed\" aria-labelledby=\"embed-title\">\n<h2 id=\"embed-title\">备案标识</h2>\n"
        o += "<p><a href=\"" + text("badgeHref") + "\"><img src=\"" + text("badgeHref") + "\" alt=\"" + text("number") + " " + text("status")
            + "\" width=\"" + text("badgeWidth") + "\" height=\"20\"></a></p>\n"
        o += "<p>备案主体可将下面的代码放在其网站或应用的显著位置，展示备案编号并链接到本页的公示信息。</p>\n"
        o += "<p><label for=\"badge-snippet\">嵌入代码（HTML）</label></p>\n"
        o += "<textarea id=\"badge-snippet\" class=\"snippet\" rows=\"3\" readonly>" + text("snippet") + "</textarea>\n"
        o += "<p><button type=\"button\" class=\"copy-button\" data-copy=\"badge-snippet\" hidden>复制代码</button> <span class=\"copy-status\" role=\"status\"></span></p>\n"
        o += "<p class=\"record-link\">本页信息的公示记录：<a href=\"" + text("recordHref")
            + "\">record.json</a>（由登记机关签名的站点摘要所涵盖，可用 <code>beian verify-site</code> 核验）</p>\n</section>\n"
        o += "</article>\n<script src=\"" + text("copyScriptHref") + "\" defer></script>\n"
        // footer
        o += "</main>\n" + string(m["siteFooterHTML"]) + "\n</body>\n</html>\n"
        return o
    }

    /// One side of a change row of 公示历史 (`old` with `<del>`, `new` with `<ins>`).
    private static func changeCell(_ c: [String: Any], side: String, tag: String, field: String, html: HTMLContent) -> String {
        func text(_ key: String, in model: [String: Any] = c) -> String { html.escapeText(string(model[key])) }
        func flag(_ key: String) -> Bool { c[key] as? Bool ?? false }
        var o = "<td>"
        if flag(side + "None") { return o + text("none") + "</td>" }
        let items = (c[side] as? [[String: String]] ?? []).map {
            "<" + tag + " lang=\"" + text("lang", in: $0) + "\" data-field=\"" + field + "\">" + text("text", in: $0) + "</" + tag + ">"
        }
        if flag("isValue") { o += items.joined() }
        if flag("isProducts") {
            o += "<span class=\"change-count\">" + text(side + "Summary") + "</span><ul class=\"plain\">"
            o += items.map { "<li>" + $0 + "</li>" }.joined() + "</ul>"
        }
        if flag("isDisclosure") {
            o += "<details><summary>" + text(side + "Summary") + "</summary><ul class=\"diff-lines\">"
            o += items.map { "<li>" + $0 + "</li>" }.joined() + "</ul></details>"
        }
        return o + "</td>"
    }

    private static func string(_ value: Any?) -> String {
        switch value {
        case let s as String: return s
        case nil: return ""
        case let v?: return "\(v)"
        }
    }
}
