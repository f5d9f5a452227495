import BeianModel

/// `/entities/<7-digit id>/`: one 备案主体 and its filings. Shows only what the filings
/// publish (name, region, the entity id inside the filing numbers), never anything else.
enum EntityPage {
    static func model(_ entity: FilingIndex.EntityGroup, index: FilingIndex, chrome: Chrome, cells: (Int) -> String) -> [String: Any] {
        let name = PlainText.clean(entity.name)
        var m = chrome.model(section: .list, title: name, path: Routes.entity(entity.id),
                             crumbs: [("备案清单", Routes.list), (name, nil)],
                             description: "\(name)的算法备案")
        let rows = entity.filings.enumerated().map { n, i in FilingRow.listItem(index.filings[i], ordinal: n + 1, cellsHTML: cells(i)) }
        let cancelled = entity.filings.filter { index.filings[$0].status == .cancelled }.count
        m["entityName"] = name
        m["entityID"] = entity.id
        m["regionName"] = Region.displayName(of: entity.region) ?? entity.region.filter(\.isASCIIDigitChar)
        m["total"] = entity.filings.count
        m["active"] = entity.filings.count - cancelled
        m["cancelled"] = cancelled
        // 主体注销: the page stays, marked with the date (every filing carries the step).
        if let step = entity.newest.history.last(where: { $0.note == "主体已注销" }) { m["entityCancelledOn"] = step.date.description }
        m["rows"] = rows
        m["tableID"] = "entity-filings"
        m["tableCaption"] = "\(name)的算法备案"
        return m
    }
}
