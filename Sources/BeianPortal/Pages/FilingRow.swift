import BeianDiagnostics
import BeianModel

/// One filing as a row of 备案清单 (the nine published columns) and as the filing page's model.
enum FilingRow {
    /// A row of `filing-table`: its 序号, and the cells rendered by `filing-row`.
    static func listItem(_ f: PublicFiling, ordinal: Int, cellsHTML: String) -> [String: Any] {
        ["ordinal": ordinal, "cancelled": f.status == .cancelled, "cellsHTML": cellsHTML]
    }

    /// The model of `filing-row` (and of a row of the home page's latest filings).
    static func model(_ f: PublicFiling, ordinal: Int, routes: Routes) -> [String: Any] {
        [
            "ordinal": ordinal,
            "name": PlainText.clean(f.algorithmName),
            "href": routes.href(Routes.filing(f.id)),
            "typeName": f.type.rawValue,
            "role": f.role.rawValue,
            "entityName": PlainText.clean(f.entityName),
            "entityHref": routes.href(Routes.entity(f.entityID)),
            "products": PlainText.clean(f.productsText),
            "purpose": PlainText.clean(f.purpose),
            "number": f.number.description,
            "notes": PlainText.clean(f.notesText),
            "cancelled": f.status == .cancelled,
            "cancelledOn": f.cancelledOn?.description ?? "",
            "approvedOn": f.approvedOn.description,
        ]
    }

    /// The full model of `/filings/<id>/`: every public field, the rendered disclosure.
    static func pageModel(_ f: PublicFiling, chrome: Chrome, disclosureHTML: String, lang: Lang = .zh) -> [String: Any] {
        let name = PlainText.clean(f.algorithmName)
        var m = chrome.model(section: .list, title: name, path: Routes.filing(f.id),
                             crumbs: [("备案清单", Routes.list), (name, nil)],
                             description: "\(f.number.description) \(name)")
        let routes = chrome.routes
        m["name"] = name
        m["number"] = f.number.description
        m["typeName"] = f.type.rawValue
        m["typeHref"] = routes.href(Routes.list(type: f.type, page: 1))
        m["role"] = f.role.rawValue
        m["entityName"] = PlainText.clean(f.entityName)
        m["entityHref"] = routes.href(Routes.entity(f.entityID))
        m["regionName"] = Region.displayName(of: f.region) ?? f.region.filter(\.isASCIIDigitChar)
        // A technical supporter has no products: shown as "--", as in the published lists.
        m["products"] = f.products.isEmpty ? ["--"] : f.products.map(PlainText.clean)
        m["purpose"] = PlainText.clean(f.purpose)
        m["approvedOn"] = f.approvedOn.description
        m["status"] = f.status.rawValue
        m["statusClass"] = f.status == .cancelled ? "cancelled" : "active"
        m["cancelled"] = f.status == .cancelled
        m["cancelledOn"] = f.cancelledOn?.description ?? ""
        m["hasNotes"] = !f.notes.isEmpty
        m["notes"] = f.notes.map(PlainText.clean)
        m["hasHistory"] = !f.history.isEmpty
        m["history"] = HistoryModel.events(f, lang: lang)
        // The badge, its snippet and the record (SPEC §8).
        m["badgeHref"] = routes.href(Badge.path(f.id))
        m["badgeWidth"] = Badge.layout(number: f.number.description, status: f.status).width
        m["snippet"] = Badge.snippet(f, routes: routes)
        m["recordHref"] = routes.href(PublicRecord.path(f.id))
        m["copyScriptHref"] = routes.href("assets/copy.js")
        // `renderMarkdown` is the caller's: whatever it is, no control character reaches the page.
        m["disclosureHTML"] = PlainText.clean(disclosureHTML)
        return m
    }
}
