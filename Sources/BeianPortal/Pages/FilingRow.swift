package import BeianDiagnostics
package import BeianModel

/// One filing as a row of 备案清单 (the nine published columns) and as the filing page's model.
package enum FilingRow {
    /// A row of `filing-table`: its 序号, and the cells rendered by `filing-row`.
    package static func listItem(_ f: PublicFiling, ordinal: Int, cellsHTML: String) -> [String: Any] {
        ["ordinal": ordinal, "cancelled": f.status == .cancelled, "cellsHTML": cellsHTML]
    }

    /// The model of `filing-row` (and of a row of the home page's latest filings), in the
    /// chrome's language: type, role, status and dates translated, filer text as filed.
    static func model(_ f: PublicFiling, ordinal: Int, chrome: Chrome) -> [String: Any] {
        let routes = chrome.routes
        let lang = chrome.lang
        let separator = lang == .zh ? "；" : "; "
        let notes: [[String: Any]] = f.notes.enumerated().map { n, note in
            var item = PublicNotes.model(note, lang: lang)
            item["separator"] = n == 0 ? "" : separator
            return item
        }
        return [
            "ordinal": ordinal,
            "name": PlainText.clean(f.algorithmName),
            "href": routes.href(Routes.filing(f.id)),
            "typeName": chrome.typeName(f.type),
            "role": lang == .zh ? f.role.rawValue : f.role.englishName,
            "entityName": PlainText.clean(f.entityName),
            "entityHref": routes.href(Routes.entity(f.entityID)),
            "products": PlainText.clean(f.productsText),
            "purpose": PlainText.clean(f.purpose),
            "number": chrome.number(f),
            "noteItems": notes,
            "cancelled": f.status == .cancelled,
            "cancelledLabel": chrome.t("cancelled"),
            "cancelledOnText": f.cancelledOn.map(chrome.date) ?? "",
            "approvedOn": f.approvedOn.description,
            "approvedOnText": chrome.date(f.approvedOn),
        ]
    }

    /// The full model of `/filings/<id>/`: every public field, the rendered disclosure.
    static func pageModel(_ f: PublicFiling, chrome: Chrome, disclosureHTML: String) -> [String: Any] {
        let name = PlainText.clean(f.algorithmName)
        let lang = chrome.lang
        var m = chrome.model(section: .list, title: name, path: Routes.filing(f.id),
                             crumbs: [(chrome.t("navList"), Routes.list), (name, nil)],
                             description: "\(chrome.number(f)) \(name)", titleIsChinese: true)
        let routes = chrome.routes
        m["name"] = name
        m["number"] = chrome.number(f)
        m["typeName"] = chrome.typeName(f.type)
        m["typeHref"] = routes.href(Routes.list(type: f.type, page: 1))
        m["role"] = lang == .zh ? f.role.rawValue : f.role.englishName
        m["entityName"] = PlainText.clean(f.entityName)
        m["entityHref"] = routes.href(Routes.entity(f.entityID))
        (m["regionName"], m["regionDetail"]) = regionName(f.region, lang: lang)
        m["hasRegionDetail"] = !(m["regionDetail"] as! String).isEmpty
        // A technical supporter has no products: shown as "--", as in the published lists.
        m["products"] = f.products.isEmpty ? ["--"] : f.products.map(PlainText.clean)
        // 网站域名: the products' hosts only (`ProductHost`), never a URL's path.
        m["hasHosts"] = !f.hosts.isEmpty
        m["hosts"] = f.hosts.map(PlainText.clean)
        m["purpose"] = PlainText.clean(f.purpose)
        m["approvedOn"] = f.approvedOn.description
        m["approvedOnText"] = chrome.date(f.approvedOn)
        m["status"] = lang == .zh ? f.status.rawValue : f.status.englishName
        m["statusClass"] = f.status == .cancelled ? "cancelled" : "active"
        m["cancelled"] = f.status == .cancelled
        m["cancelledOn"] = f.cancelledOn?.description ?? ""
        m["cancelledOnText"] = f.cancelledOn.map(chrome.date) ?? ""
        m["hasNotes"] = !f.notes.isEmpty
        m["notes"] = f.notes.map { PublicNotes.model($0, lang: lang) }
        m["hasHistory"] = !f.history.isEmpty
        m["history"] = HistoryModel.events(f, lang: lang)
        // The lists CAC published carry no 拟公示内容: an imported filing says so.
        let noDisclosure = f.imported && f.disclosure.trimmingSpaces.isEmpty
        m["hasDisclosureNote"] = noDisclosure
        m["disclosureNote"] = noDisclosure ? chrome.t("disclosureImported") : ""
        // The badge, its snippet and the record (SPEC §8): shared by both languages. A preview
        // has a draft's badge, and no snippet or record to offer (`previewBadge`).
        // The badge lies beside the Chinese page; both languages link it from the site's root.
        m["badgeHref"] = routes.asset(Badge.path(f.id))
        if let preview = chrome.preview {
            previewBadge(preview, lang: lang, into: &m)
        } else {
            m["badgeWidth"] = Badge.layout(number: f.number.description, status: f.status).width
            m["snippet"] = Badge.snippet(f, routes: chrome.siteRoutes)
            m["recordHref"] = routes.asset(PublicRecord.path(f.id))
        }
        m["copyScriptHref"] = routes.asset("assets/copy.js")
        // `renderMarkdown` is the caller's: whatever it is, no control character reaches the page.
        m["disclosureHTML"] = PlainText.clean(disclosureHTML)
        return m
    }

    /// A draft's badge on its preview page (`filing`'s `isPreview` branch): the placeholder and
    /// the draft's status, and what the page says instead of the embed code.
    private static func previewBadge(_ preview: BuildOptions.Preview, lang: Lang, into m: inout [String: Any]) {
        m["badgeWidth"] = Badge.previewLayout(preview).width
        m["previewBadgeAlt"] = preview.placeholder + " " + preview.status(lang)
        m["previewBadgeNote"] = preview.badgeNote(lang)
    }

    /// 注册地 in the page's language: the Chinese place name; on English pages the province
    /// in English, and as detail the Chinese name (a district has no English name here).
    package static func regionName(_ code: String, lang: Lang) -> (name: String, detail: String) {
        let chinese = Region.displayName(of: code) ?? code.filter(\.isASCIIDigitChar)
        guard lang == .en, let province = Region.englishProvinceName(of: code) else { return (chinese, "") }
        return (province, Region.displayName(of: code) ?? "")
    }
}
