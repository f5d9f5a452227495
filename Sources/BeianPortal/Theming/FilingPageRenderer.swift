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
        func text(_ key: String, in model: [String: Any] = m) -> String { html.escapeText(string(model[key])) }
        var o = "<td><a href=\"" + text("href") + "\" lang=\"zh-CN\">" + text("name") + "</a></td><td class=\"nowrap\">" + text("typeName")
        o += "</td><td class=\"nowrap\">" + text("role") + "</td><td><a href=\"" + text("entityHref") + "\" lang=\"zh-CN\">" + text("entityName")
        o += "</a></td><td lang=\"zh-CN\">" + text("products") + "</td><td class=\"col-purpose\" lang=\"zh-CN\">" + text("purpose")
        o += "</td><td class=\"number\">" + text("number") + "</td><td>"
        if m["cancelled"] as? Bool ?? false {
            o += "<span class=\"badge badge-cancelled\">" + text("cancelledLabel") + " " + text("cancelledOnText") + "</span> "
        }
        for note in m["noteItems"] as? [[String: Any]] ?? [] {
            o += text("separator", in: note) + "<span" + ((note["isChinese"] as? Bool ?? false) ? " lang=\"zh-CN\"" : "") + ">"
                + text("text", in: note) + "</span>"
        }
        return o + "</td>\n"
    }

    static func render(_ m: [String: Any]) -> String {
        let html = HTMLContent()
        func text(_ key: String, in model: [String: Any] = m) -> String { html.escapeText(string(model[key])) }
        func flag(_ key: String, in model: [String: Any] = m) -> Bool { model[key] as? Bool ?? false }
        let ui = m["t"] as? [String: String] ?? [:]
        func t(_ key: String) -> String { html.escapeText(ui[key] ?? "") }
        func chinese(_ key: String, in model: [String: Any] = m) -> String { flag(key, in: model) ? " lang=\"zh-CN\"" : "" }
        var o = ""
        o.reserveCapacity(8_192)
        // header
        o += "<!DOCTYPE html>\n<html lang=\"" + text("htmlLang") + "\">\n<head>\n<meta charset=\"utf-8\">\n"
        o += ContentSecurityPolicy.meta + "\n"
        o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        o += "<title>" + text("docTitle") + "</title>\n"
        if flag("hasDescription") { o += "<meta name=\"description\" content=\"" + text("metaDescription") + "\">\n" }
        if flag("hasCanonical") { o += "<link rel=\"canonical\" href=\"" + text("canonical") + "\">\n" }
        if flag("hasAlternates") {
            o += "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"" + text("zhURL") + "\">\n"
            o += "<link rel=\"alternate\" hreflang=\"en\" href=\"" + text("enURL") + "\">\n"
            o += "<link rel=\"alternate\" hreflang=\"x-default\" href=\"" + text("zhURL") + "\">\n"
        }
        o += "<link rel=\"stylesheet\" href=\"" + text("cssHref") + "\">\n"
        o += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + t("announcements") + "\" href=\"" + text("feedHref") + "\">\n"
        for link in m["feedLinks"] as? [[String: Any]] ?? [] {
            o += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + text("title", in: link) + "\" href=\"" + text("href", in: link) + "\">\n"
        }
        o += "</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">" + t("skipToContent") + "</a>\n"
        o += string(m["mastheadHTML"]) + "\n"
        let other = text("otherLang")
        o += "<div class=\"wrap lang-bar\"><a class=\"lang-switch\" href=\"" + text("otherHref") + "\" hreflang=\"" + other + "\" lang=\"" + other
            + "\">" + text("otherLabel") + "</a></div>\n"
        if flag("hasCrumbs") {
            o += "<nav class=\"breadcrumb wrap\" aria-label=\"" + t("breadcrumb") + "\">\n<ol>\n"
            for link in m["crumbLinks"] as? [[String: String]] ?? [] {
                o += "<li><a href=\"" + text("href", in: link) + "\">" + text("label", in: link) + "</a></li>\n"
            }
            o += "<li><span aria-current=\"page\"" + chinese("titleIsChinese") + ">" + text("crumbCurrent") + "</span></li>\n</ol>\n</nav>\n"
        }
        o += "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n"
        // filing
        o += "<article class=\"filing\">\n<h1 data-field=\"name\" lang=\"zh-CN\">" + text("name") + "</h1>\n"
        o += "<p class=\"filing-number number\" data-field=\"number\">" + text("number") + "</p>\n"
        if flag("cancelled") {
            o += "<div class=\"notice notice-cancelled\" role=\"note\">\n<p><strong>" + t("cancelled") + "</strong>" + t("cancelledNoticeBefore")
                + "<time data-field=\"cancelledOn\" datetime=\"" + text("cancelledOn") + "\">" + text("cancelledOnText") + "</time>"
                + t("cancelledNoticeAfter") + "</p>\n</div>\n"
        }
        o += "<dl class=\"facts\">\n"
        o += "<div><dt>" + t("fieldNumber") + "</dt><dd class=\"number\" data-field=\"number\">" + text("number") + "</dd></div>\n"
        o += "<div><dt>" + t("fieldName") + "</dt><dd data-field=\"name\" lang=\"zh-CN\">" + text("name") + "</dd></div>\n"
        o += "<div><dt>" + t("fieldType") + "</dt><dd><a data-field=\"type\" href=\"" + text("typeHref") + "\">" + text("typeName") + "</a></dd></div>\n"
        o += "<div><dt>" + t("fieldRole") + "</dt><dd data-field=\"role\">" + text("role") + "</dd></div>\n"
        o += "<div><dt>" + t("fieldEntity") + "</dt><dd><a data-field=\"entityName\" href=\"" + text("entityHref") + "\" lang=\"zh-CN\">"
            + text("entityName") + "</a></dd></div>\n"
        o += "<div><dt>" + t("fieldRegion") + "</dt><dd data-field=\"region\">" + text("regionName")
        if flag("hasRegionDetail") { o += " <span lang=\"zh-CN\">(" + text("regionDetail") + ")</span>" }
        o += "</dd></div>\n"
        o += "<div><dt>" + t("fieldProducts") + "</dt><dd><ul class=\"plain\" lang=\"zh-CN\">"
        for p in m["products"] as? [String] ?? [] { o += "<li data-field=\"products\">" + html.escapeText(p) + "</li>" }
        o += "</ul></dd></div>\n"
        if flag("hasHosts") {
            o += "<div><dt>" + t("fieldHosts") + "</dt><dd><ul class=\"plain\" lang=\"zh-CN\">"
            for h in m["hosts"] as? [String] ?? [] { o += "<li data-field=\"hosts\">" + html.escapeText(h) + "</li>" }
            o += "</ul></dd></div>\n"
        }
        o += "<div><dt>" + t("fieldPurpose") + "</dt><dd data-field=\"purpose\" lang=\"zh-CN\">" + text("purpose") + "</dd></div>\n"
        o += "<div><dt>" + t("fieldApproved") + "</dt><dd><time data-field=\"approvedOn\" datetime=\"" + text("approvedOn") + "\">"
            + text("approvedOnText") + "</time></dd></div>\n"
        o += "<div><dt>" + t("fieldStatus") + "</dt><dd><span class=\"badge badge-" + text("statusClass") + "\" data-field=\"status\">"
            + text("status") + "</span></dd></div>\n"
        if flag("hasNotes") {
            o += "<div><dt>" + t("fieldNotes") + "</dt><dd><ul class=\"plain\">"
            for n in m["notes"] as? [[String: Any]] ?? [] {
                o += "<li data-field=\"notes\"" + chinese("isChinese", in: n) + ">" + text("text", in: n) + "</li>"
            }
            o += "</ul></dd></div>\n"
        }
        o += "</dl>\n\n<section class=\"disclosure\" aria-labelledby=\"disclosure-title\">\n"
        o += "<h2 id=\"disclosure-title\">" + t("disclosure") + "</h2>\n"
        if flag("hasDisclosureNote") { o += "<p class=\"empty\">" + text("disclosureNote") + "</p>\n" }
        o += "<div class=\"prose\" data-field=\"disclosure\" lang=\"zh-CN\">\n" + string(m["disclosureHTML"]) + "\n</div>\n</section>\n\n"
        if flag("hasHistory") {
            o += "<section aria-labelledby=\"history-title\">\n<h2 id=\"history-title\">" + t("history") + "</h2>\n<ol class=\"timeline\">\n"
            for e in m["history"] as? [[String: Any]] ?? [] {
                o += "<li><div data-field=\"history\"><time datetime=\"" + text("date", in: e) + "\">" + text("dateText", in: e) + "</time> <span"
                    + chinese("isChinese", in: e) + ">" + text("note", in: e) + "</span></div>\n"
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
        o += "\n<section class=\"embed\" aria-labelledby=\"embed-title\">\n<h2 id=\"embed-title\">" + t("badgeTitle") + "</h2>\n"
        o += "<p><a href=\"" + text("badgeHref") + "\"><img src=\"" + text("badgeHref") + "\" alt=\"" + text("number") + " " + text("status")
            + "\" width=\"" + text("badgeWidth") + "\" height=\"20\"></a></p>\n"
        o += "<p>" + t("badgeHelp") + "</p>\n"
        o += "<p><label for=\"badge-snippet\">" + t("embedCode") + "</label></p>\n"
        o += "<textarea id=\"badge-snippet\" class=\"snippet\" rows=\"3\" readonly lang=\"zh-CN\">" + text("snippet") + "</textarea>\n"
        o += "<p><button type=\"button\" class=\"copy-button\" data-copy=\"badge-snippet\" data-copied=\"" + t("copied") + "\" data-copy-failed=\""
            + t("copyFailed") + "\" hidden>" + t("copyCode") + "</button> <span class=\"copy-status\" role=\"status\"></span></p>\n"
        o += "<p class=\"record-link\">" + t("recordBefore") + "<a href=\"" + text("recordHref") + "\">record.json</a>" + t("recordAfter")
            + "<code>beian verify-site</code>" + t("recordEnd") + "</p>\n</section>\n"
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
