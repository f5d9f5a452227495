import BeianModel

/// `/entities/<7-digit id>/`: one 备案主体 and its filings. Shows only what the filings
/// publish (name, region, the entity id inside the filing numbers), never anything else.
enum EntityPage {
    static func model(_ entity: FilingIndex.EntityGroup, index: FilingIndex, chrome: Chrome, cells: (Int) -> String) -> [String: Any] {
        let name = PlainText.clean(entity.name)
        var m = chrome.model(section: .list, title: name, path: Routes.entity(entity.id),
                             crumbs: [(chrome.t("navList"), Routes.list), (name, nil)],
                             description: chrome.pick("\(name)的算法备案", "Algorithm filings of \(name)"), titleIsChinese: true)
        let rows = entity.filings.enumerated().map { n, i in FilingRow.listItem(index.filings[i], ordinal: n + 1, cellsHTML: cells(i)) }
        let cancelled = entity.filings.filter { index.filings[$0].status == .cancelled }.count
        let total = entity.filings.count
        m["entityName"] = name
        m["entityID"] = entity.id
        (m["regionName"], m["regionDetail"]) = FilingRow.regionName(entity.region, lang: chrome.lang)
        m["hasRegionDetail"] = !(m["regionDetail"] as! String).isEmpty
        m["countText"] = chrome.pick("\(total) 项（已备案 \(total - cancelled) 项，已注销 \(cancelled) 项）",
                                     "\(total) (\(total - cancelled) filed, \(cancelled) cancelled)")
        // 主体注销: the page stays, marked with the date (every filing carries the step).
        if let step = entity.newest.history.last(where: { $0.publicNote == .entityCancelled }) {
            m["entityCancelledOn"] = step.date.description
            m["entityCancelledOnText"] = chrome.date(step.date)
        }
        m["rows"] = rows
        chrome.addFeeds([FilingFeed(scope: .entity(entity.id))], to: &m)
        m["tableID"] = "entity-filings"
        // The caption names the entity: Chinese text on the English page too.
        m["tableCaption"] = chrome.pick("\(name)的算法备案", name)
        m["captionIsChinese"] = chrome.lang == .en
        return m
    }
}
