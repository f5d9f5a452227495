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
                + noteParts(note["parts"], html: html) + "</span>"
        }
        return o + "</td>\n"
    }

    static func render(_ m: [String: Any]) -> String {
        let f = PageModel(m)
        var o = ""
        o.reserveCapacity(8_192)
        header(f, into: &o)
        facts(f, into: &o)
        disclosureAndHistory(f, into: &o)
        embed(f, into: &o)
        o += "</main>\n" + string(f.m["siteFooterHTML"]) + "\n</body>\n</html>\n"
        return o
    }

    /// The `header` template: the document head, the masthead, the language bar, the breadcrumb.
    private static func header(_ f: PageModel, into o: inout String) {
        o += "<!DOCTYPE html>\n<html lang=\"" + f.text("htmlLang") + "\">\n<head>\n<meta charset=\"utf-8\">\n"
        o += ContentSecurityPolicy.meta + "\n"
        o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        o += "<title>" + f.text("docTitle") + "</title>\n"
        if f.flag("hasDescription") { o += "<meta name=\"description\" content=\"" + f.text("metaDescription") + "\">\n" }
        if f.flag("hasCanonical") { o += "<link rel=\"canonical\" href=\"" + f.text("canonical") + "\">\n" }
        if f.flag("hasAlternates") {
            o += "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"" + f.text("zhURL") + "\">\n"
            o += "<link rel=\"alternate\" hreflang=\"en\" href=\"" + f.text("enURL") + "\">\n"
            o += "<link rel=\"alternate\" hreflang=\"x-default\" href=\"" + f.text("zhURL") + "\">\n"
        }
        o += "<link rel=\"stylesheet\" href=\"" + f.text("cssHref") + "\">\n"
        if !f.flag("isPreview") {
            o += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + f.t("announcements") + "\" href=\"" + f.text("feedHref") + "\">\n"
        }
        for link in f.m["feedLinks"] as? [[String: Any]] ?? [] {
            o += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + f.text("title", in: link) + "\" href=\"" + f.text("href", in: link) + "\">\n"
        }
        if f.flag("isPreview") { o += "<link rel=\"stylesheet\" href=\"" + f.text("previewStylesheetHref") + "\">" }
        o += "</head>\n<body>"
        if f.flag("isPreview") {
            o += "<div class=\"beian-preview-banner\" role=\"note\"><strong>" + f.text("previewLabel") + "</strong> " + f.text("previewNotice")
                + "<span lang=\"en\">" + f.text("previewNoticeEN") + "</span></div>"
        }
        o += "\n<a class=\"skip-link\" href=\"#main\">" + f.t("skipToContent") + "</a>\n"
        o += string(f.m["mastheadHTML"]) + "\n"
        let other = f.text("otherLang")
        o += "<div class=\"wrap lang-bar\"><a class=\"lang-switch\" href=\"" + f.text("otherHref") + "\" hreflang=\"" + other + "\" lang=\"" + other
            + "\">" + f.text("otherLabel") + "</a></div>\n"
        if f.flag("hasCrumbs") {
            o += "<nav class=\"breadcrumb wrap\" aria-label=\"" + f.t("breadcrumb") + "\">\n<ol>\n"
            for link in f.m["crumbLinks"] as? [[String: String]] ?? [] {
                o += "<li><a href=\"" + f.text("href", in: link) + "\">" + f.text("label", in: link) + "</a></li>\n"
            }
            o += "<li><span aria-current=\"page\"" + f.chinese("titleIsChinese") + ">" + f.text("crumbCurrent") + "</span></li>\n</ol>\n</nav>\n"
        }
        o += "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n"
    }

    /// The `filing` template up to its facts list: name, number, the cancellation notice, the facts.
    private static func facts(_ f: PageModel, into o: inout String) {
        o += "<article class=\"filing\">\n<h1 data-field=\"name\" lang=\"zh-CN\">" + f.text("name") + "</h1>\n"
        o += "<p class=\"filing-number number\" data-field=\"number\">" + f.text("number") + "</p>\n"
        if f.flag("cancelled") {
            o += "<div class=\"notice notice-cancelled\" role=\"note\">\n<p><strong>" + f.t("cancelled") + "</strong>" + f.t("cancelledNoticeBefore")
                + "<time data-field=\"cancelledOn\" datetime=\"" + f.text("cancelledOn") + "\">" + f.text("cancelledOnText") + "</time>"
                + f.t("cancelledNoticeAfter") + "</p>\n</div>\n"
        }
        o += "<dl class=\"facts\">\n"
        o += "<div><dt>" + f.t("fieldNumber") + "</dt><dd class=\"number\" data-field=\"number\">" + f.text("number") + "</dd></div>\n"
        o += "<div><dt>" + f.t("fieldName") + "</dt><dd data-field=\"name\" lang=\"zh-CN\">" + f.text("name") + "</dd></div>\n"
        o += "<div><dt>" + f.t("fieldType") + "</dt><dd><a data-field=\"type\" href=\"" + f.text("typeHref") + "\">" + f.text("typeName") + "</a></dd></div>\n"
        o += "<div><dt>" + f.t("fieldRole") + "</dt><dd data-field=\"role\">" + f.text("role") + "</dd></div>\n"
        o += "<div><dt>" + f.t("fieldEntity") + "</dt><dd><a data-field=\"entityName\" href=\"" + f.text("entityHref") + "\" lang=\"zh-CN\">"
            + f.text("entityName") + "</a></dd></div>\n"
        o += "<div><dt>" + f.t("fieldRegion") + "</dt><dd data-field=\"region\">" + f.text("regionName")
        if f.flag("hasRegionDetail") { o += " <span lang=\"zh-CN\">(" + f.text("regionDetail") + ")</span>" }
        o += "</dd></div>\n"
        o += "<div><dt>" + f.t("fieldProducts") + "</dt><dd><ul class=\"plain\" lang=\"zh-CN\">"
        for p in f.m["products"] as? [String] ?? [] { o += "<li data-field=\"products\">" + f.html.escapeText(p) + "</li>" }
        o += "</ul></dd></div>\n"
        if f.flag("hasHosts") {
            o += "<div><dt>" + f.t("fieldHosts") + "</dt><dd><ul class=\"plain\" lang=\"zh-CN\">"
            for h in f.m["hosts"] as? [String] ?? [] { o += "<li data-field=\"hosts\">" + f.html.escapeText(h) + "</li>" }
            o += "</ul></dd></div>\n"
        }
        o += "<div><dt>" + f.t("fieldPurpose") + "</dt><dd data-field=\"purpose\" lang=\"zh-CN\">" + f.text("purpose") + "</dd></div>\n"
        o += "<div><dt>" + f.t("fieldApproved") + "</dt><dd><time data-field=\"approvedOn\" datetime=\"" + f.text("approvedOn") + "\">"
            + f.text("approvedOnText") + "</time></dd></div>\n"
        o += "<div><dt>" + f.t("fieldStatus") + "</dt><dd><span class=\"badge badge-" + f.text("statusClass") + "\" data-field=\"status\">"
            + f.text("status") + "</span></dd></div>\n"
        if f.flag("hasNotes") {
            o += "<div><dt>" + f.t("fieldNotes") + "</dt><dd><ul class=\"plain\">"
            for n in f.m["notes"] as? [[String: Any]] ?? [] {
                o += "<li data-field=\"notes\"" + f.chinese("isChinese", in: n) + ">" + noteParts(n["parts"], html: f.html) + "</li>"
            }
            o += "</ul></dd></div>\n"
        }
    }

    /// The disclosure and 公示历史, each change a table (`changeCell`).
    private static func disclosureAndHistory(_ f: PageModel, into o: inout String) {
        o += "</dl>\n\n<section class=\"disclosure\" aria-labelledby=\"disclosure-title\">\n"
        o += "<h2 id=\"disclosure-title\">" + f.t("disclosure") + "</h2>\n"
        if f.flag("hasDisclosureNote") { o += "<p class=\"empty\">" + f.text("disclosureNote") + "</p>\n" }
        o += "<div class=\"prose\" data-field=\"disclosure\" lang=\"zh-CN\">\n" + string(f.m["disclosureHTML"]) + "\n</div>\n</section>\n\n"
        if f.flag("hasHistory") {
            o += "<section aria-labelledby=\"history-title\">\n<h2 id=\"history-title\">" + f.t("history") + "</h2>\n<ol class=\"timeline\">\n"
            for e in f.m["history"] as? [[String: Any]] ?? [] {
                o += "<li><div data-field=\"history\"><time datetime=\"" + f.text("date", in: e) + "\">" + f.text("dateText", in: e) + "</time> <span"
                    + f.chinese("isChinese", in: e) + ">" + noteParts(e["noteParts"], html: f.html) + "</span></div>\n"
                if e["hasChanges"] as? Bool ?? false {
                    o += "<table class=\"changes\">\n<caption class=\"visually-hidden\">" + f.text("caption", in: e) + "</caption>\n"
                    o += "<thead><tr><th scope=\"col\">" + f.text("fieldHeader", in: e) + "</th><th scope=\"col\">" + f.text("oldHeader", in: e)
                        + "</th><th scope=\"col\">" + f.text("newHeader", in: e) + "</th></tr></thead>\n<tbody>\n"
                    for c in e["changes"] as? [[String: Any]] ?? [] {
                        o += "<tr><th scope=\"row\" data-field=\"changeField\">" + f.text("label", in: c) + "</th>\n"
                        o += changeCell(c, side: "old", tag: "del", field: "changeOld", html: f.html) + "\n"
                        o += changeCell(c, side: "new", tag: "ins", field: "changeNew", html: f.html) + "</tr>\n"
                    }
                    o += "</tbody>\n</table>\n"
                }
                o += "</li>\n"
            }
            o += "</ol>\n</section>\n"
        }
    }

    /// The badge, its embed code and the record link (a preview: the draft's badge and a note);
    /// the end of the article.
    private static func embed(_ f: PageModel, into o: inout String) {
        o += "\n<section class=\"embed\" aria-labelledby=\"embed-title\">\n<h2 id=\"embed-title\">" + f.t("badgeTitle") + "</h2>\n"
        if f.flag("isPreview") {
            o += "<p><img src=\"" + f.text("badgeHref") + "\" alt=\"" + f.text("previewBadgeAlt") + "\" width=\"" + f.text("badgeWidth")
                + "\" height=\"20\" lang=\"zh-CN\"></p>\n<p>" + f.text("previewBadgeNote") + "</p>\n"
        } else {
            o += "<p><a href=\"" + f.text("badgeHref") + "\"><img src=\"" + f.text("badgeHref") + "\" alt=\"" + f.text("number") + " "
                + f.text("status") + "\" width=\"" + f.text("badgeWidth") + "\" height=\"20\"></a></p>\n"
            o += "<p>" + f.t("badgeHelp") + "</p>\n"
            o += "<p><label for=\"badge-snippet\">" + f.t("embedCode") + "</label></p>\n"
            o += "<textarea id=\"badge-snippet\" class=\"snippet\" rows=\"3\" readonly lang=\"zh-CN\">" + f.text("snippet") + "</textarea>\n"
            o += "<p><button type=\"button\" class=\"copy-button\" data-copy=\"badge-snippet\" data-copied=\"" + f.t("copied")
                + "\" data-copy-failed=\"" + f.t("copyFailed") + "\" hidden>" + f.t("copyCode")
                + "</button> <span class=\"copy-status\" role=\"status\"></span></p>\n"
            o += "<p class=\"record-link\">" + f.t("recordBefore") + "<a href=\"" + f.text("recordHref") + "\">record.json</a>" + f.t("recordAfter")
                + "<code>beian verify-site</code>" + f.t("recordEnd") + "</p>\n"
        }
        o += "</section>\n</article>\n<script src=\"" + f.text("copyScriptHref") + "\" defer></script>\n"
    }

    /// A note's parts (`PublicNotes.model`): each escaped, a quoted name marked as Chinese.
    private static func noteParts(_ parts: Any?, html: HTMLContent) -> String {
        var o = ""
        for part in parts as? [[String: Any]] ?? [] {
            let text = html.escapeText(string(part["text"]))
            o += part["isName"] as? Bool ?? false ? "<span lang=\"zh-CN\">" + text + "</span>" : text
        }
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

    fileprivate static func string(_ value: Any?) -> String {
        switch value {
        case let s as String: return s
        case nil: return ""
        case let v?: return "\(v)"
        }
    }
}

/// The model of one filing page and the escaper, with the lookups the template makes.
private struct PageModel {
    let m: [String: Any]
    let html = HTMLContent()
    let ui: [String: String]

    init(_ m: [String: Any]) {
        self.m = m
        ui = m["t"] as? [String: String] ?? [:]
    }

    func text(_ key: String) -> String { text(key, in: m) }
    func text(_ key: String, in model: [String: Any]) -> String { html.escapeText(FilingPageRenderer.string(model[key])) }
    func flag(_ key: String) -> Bool { flag(key, in: m) }
    func flag(_ key: String, in model: [String: Any]) -> Bool { model[key] as? Bool ?? false }
    func t(_ key: String) -> String { html.escapeText(ui[key] ?? "") }
    func chinese(_ key: String) -> String { chinese(key, in: m) }
    func chinese(_ key: String, in model: [String: Any]) -> String { flag(key, in: model) ? " lang=\"zh-CN\"" : "" }
}
