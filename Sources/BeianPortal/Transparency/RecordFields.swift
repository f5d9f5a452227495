package import BeianDiagnostics
package import BeianModel
package import BeianTrust
package import Foundation

/// A public record read back by `SiteVerifier` (after its hash matched the signed head), and
/// what each place that shows it must show.
package struct RecordFields: Sendable {
    package var id, number, algorithmName, type, role, entityName, entityID, region, purpose, approvedOn, status: String
    package var cancelledOn: String?
    package var products, notes: [String]
    /// The products' hosts (format v3; empty in older records).
    package var hosts: [String] = []
    package var history: [Event]
    package var imported: Bool
    package var disclosure: String
    /// The record format it was read in (`PublicRecord.formats`); a record made from a filing
    /// is in the current one.
    package var format = PublicRecord.format

    /// A step of the public history: date, note and (format v2) the public fields it changed.
    package struct Event: Sendable, Equatable {
        package var date, note: String
        package var changes: [Change] = []
    }

    /// One changed public field (`PublicChange`): its `PublicField` name, old and new values.
    package struct Change: Sendable, Equatable {
        package var field: String
        package var old, new: [String]
    }

    package var name: String { algorithmName }

    /// A filing's record as the portal publishes it: filer strings through `PlainText.clean`.
    package init(_ f: PublicFiling) {
        let c = PlainText.clean
        (id, number, algorithmName, type, role) = (f.id, f.number.description, c(f.algorithmName), f.type.rawValue, f.role.rawValue)
        (entityName, entityID, region, purpose) = (c(f.entityName), c(f.entityID), c(f.region), c(f.purpose))
        (approvedOn, status, cancelledOn) = (f.approvedOn.description, f.status.rawValue, f.cancelledOn?.description)
        (products, notes, hosts) = (f.products.map(c), f.notes.map(c), f.hosts.map(c))
        history = f.history.map { e in
            Event(date: e.date.description, note: c(e.note),
                  changes: e.changes.map { Change(field: $0.field.rawValue, old: $0.old.map(c), new: $0.new.map(c)) })
        }
        (imported, disclosure) = (f.imported, c(f.disclosure))
    }

    package init?(_ bytes: Data) {
        guard let o = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any],
              let format = o["format"] as? String, PublicRecord.formats.contains(format) else { return nil }
        self.init(object: o, format: format)
    }

    /// The record of an object with the record's fields (a record file, or an object of
    /// `filings.json`), in `format`: v1's history steps are `date` and `note` only, v2's also
    /// `changes`.
    package init?(object o: [String: Any], format: String = PublicRecord.format) {
        func s(_ k: String) -> String? { o[k] as? String }
        guard let id = s("id"), let number = s("number"), let algorithmName = s("algorithmName"), let type = s("type"),
              let role = s("role"), let entityName = s("entityName"), let entityID = s("entityID"), let region = s("region"),
              let purpose = s("purpose"), let approvedOn = s("approvedOn"), let status = s("status"),
              let products = o["products"] as? [String], let notes = o["notes"] as? [String],
              let history = o["history"] as? [[String: Any]], let imported = o["imported"] as? Bool,
              let disclosure = s("disclosure") else { return nil }
        let cancelled = o["cancelledOn"]
        guard cancelled is NSNull || cancelled is String else { return nil }
        guard let events = Self.events(history, format: format) else { return nil }
        if Self.hasHosts(format) {
            guard let hosts = o["hosts"] as? [String] else { return nil }
            self.hosts = hosts
        }
        self.format = format
        (self.id, self.number, self.algorithmName, self.type, self.role) = (id, number, algorithmName, type, role)
        (self.entityName, self.entityID, self.region, self.purpose, self.approvedOn, self.status) = (entityName, entityID, region, purpose, approvedOn, status)
        cancelledOn = cancelled as? String
        (self.products, self.notes, self.history, self.imported, self.disclosure) = (products, notes, events, imported, disclosure)
    }

    /// True for the formats whose records carry `hosts` (v3 on).
    package static func hasHosts(_ format: String) -> Bool { !PublicRecord.formats.prefix(2).contains(format) }

    /// The history steps of a record's `history` value; nil when it is not one.
    package static func events(_ value: Any?, format: String) -> [Event]? {
        guard let history = value as? [[String: Any]] else { return nil }
        let withChanges = format != PublicRecord.formats[0]
        var events: [Event] = []
        for e in history {
            guard let date = e["date"] as? String, let note = e["note"] as? String, e.count == (withChanges ? 3 : 2) else { return nil }
            var event = Event(date: date, note: note)
            if withChanges {
                guard let changes = e["changes"] as? [[String: Any]] else { return nil }
                for c in changes {
                    guard c.count == 3, let field = c["field"] as? String, PublicField(rawValue: field) != nil,
                          let old = c["old"] as? [String], let new = c["new"] as? [String] else { return nil }
                    event.changes.append(Change(field: field, old: old, new: new))
                }
            }
            events.append(event)
        }
        return events
    }

    /// The record's canonical JSON (`PublicRecord`'s format; the one list of its fields).
    package var value: CanonicalJSON {
        var o: [String: CanonicalJSON] = [
            "format": .string(PublicRecord.format), "id": .string(id), "number": .string(number),
            "algorithmName": .string(algorithmName), "type": .string(type), "role": .string(role),
            "entityName": .string(entityName), "entityID": .string(entityID), "region": .string(region),
            "products": .array(products.map { .string($0) }), "purpose": .string(purpose), "approvedOn": .string(approvedOn),
            "status": .string(status), "cancelledOn": cancelledOn.map { .string($0) } ?? .null,
            "notes": .array(notes.map { .string($0) }),
            "history": .array(history.map { eventValue($0) }),
            "imported": .bool(imported), "disclosure": .string(disclosure),
        ]
        if Self.hasHosts(format) { o["hosts"] = .array(hosts.map { .string($0) }) }
        return .object(o)
    }

    package var bytes: [UInt8] { value.bytes }

    /// A history step's JSON: in format v1 without `changes`.
    private func eventValue(_ e: Event) -> CanonicalJSON {
        var o: [String: CanonicalJSON] = ["date": .string(e.date), "note": .string(e.note)]
        if format != PublicRecord.formats[0] {
            o["changes"] = .array(e.changes.map { c in
                .object(["field": .string(c.field), "old": .array(c.old.map { .string($0) }), "new": .array(c.new.map { .string($0) })])
            })
        }
        return .object(o)
    }

    /// An object of `filings.json` as a record (nil when a field is missing or of the wrong type).
    package static func fromOpenData(_ o: [String: Any], format: String = PublicRecord.format) -> RecordFields? { RecordFields(object: o, format: format) }

    /// The page URL the open data must give for a filing: under the base URL, or (without one)
    /// at least ending in the filing's path.
    package static func urlMatches(_ url: String?, id: String, base: Routes?) -> Bool {
        guard let url else { return false }
        if let base { return url == base.absolute(Routes.filing(id)) }
        return url.hasSuffix("/" + Routes.filing(id))
    }

    /// The fields `filings.json` derives from the record: the page URL, the type code and the
    /// region's name.
    package static func derivedFieldsMatch(_ o: [String: Any], base: Routes?) -> Bool {
        guard let id = o["id"] as? String, let type = o["type"] as? String, let region = o["region"] as? String else { return false }
        return Self.urlMatches(o["url"] as? String, id: id, base: base)
            && o["typeCode"] as? String == AlgorithmType(rawValue: type)?.code
            && o["regionName"] as? String == (Region.displayName(of: region) ?? "")
    }

    /// The names of the fields of an open-data object that differ from this record.
    package func differences(from o: [String: Any], base: Routes?) -> [String] {
        var out: [String] = []
        let strings: [(String, String)] = [("id", id), ("number", number), ("algorithmName", algorithmName), ("type", type),
                                           ("role", role), ("entityName", entityName), ("entityID", entityID), ("region", region),
                                           ("purpose", purpose), ("approvedOn", approvedOn), ("status", status), ("disclosure", disclosure)]
        for (k, v) in strings where o[k] as? String != v { out.append(k) }
        if o["cancelledOn"] as? String != cancelledOn || (cancelledOn == nil && !(o["cancelledOn"] is NSNull)) { out.append("cancelledOn") }
        if o["products"] as? [String] != products { out.append("products") }
        if Self.hasHosts(format), o["hosts"] as? [String] != hosts { out.append("hosts") }
        if o["notes"] as? [String] != notes { out.append("notes") }
        if Self.events(o["history"], format: format) != history { out.append("history") }
        if o["imported"] as? Bool != imported { out.append("imported") }
        if !Self.urlMatches(o["url"] as? String, id: id, base: base) { out.append("url") }
        if o["typeCode"] as? String != AlgorithmType(rawValue: type)?.code { out.append("typeCode") }
        if o["regionName"] as? String != (Region.displayName(of: region) ?? "") { out.append("regionName") }
        return out
    }

    /// The keys of a `filings.json` object (in `format`) that the published format does not
    /// have, with the field each belongs to: at its top, in a history step, in a change.
    package static func unknownKeys(_ o: [String: Any], format: String) -> [(path: String, field: String)] {
        var allowed: Set<String> = ["id", "number", "url", "algorithmName", "type", "typeCode", "role", "entityName", "entityID",
                                    "region", "regionName", "products", "purpose", "approvedOn", "status", "cancelledOn", "notes",
                                    "history", "imported", "disclosure"]
        if hasHosts(format) { allowed.insert("hosts") }
        var out = o.keys.filter { !allowed.contains($0) }.sorted().map { (path: $0, field: $0) }
        let withChanges = format != PublicRecord.formats[0]
        for (i, step) in (o["history"] as? [Any] ?? []).enumerated() {
            guard let step = step as? [String: Any] else { continue }
            let stepKeys: Set<String> = withChanges ? ["date", "note", "changes"] : ["date", "note"]
            out += step.keys.filter { !stepKeys.contains($0) }.sorted().map { (path: "history[\(i)].\($0)", field: "history") }
            for (j, change) in (step["changes"] as? [Any] ?? []).enumerated() {
                guard withChanges, let change = change as? [String: Any] else { continue }
                out += change.keys.filter { !["field", "old", "new"].contains($0) }.sorted()
                    .map { (path: "history[\(i)].changes[\(j)].\($0)", field: "history") }
            }
        }
        return out
    }

    /// What each `data-field` of the filing page must hold, in document order (the built-in
    /// `filing` template: the name and number appear twice).
    package var pageFields: [(String, [String])] { pageFields(.zh) }

    /// What each `data-field` of the filing page in `lang` must hold (SPEC §10: the English
    /// copy under `en/` shows type, role, status, dates, the province and the registry's own
    /// notes in English, filer text as filed).
    package func pageFields(_ lang: Lang) -> [(String, [String])] {
        let zh = lang == .zh
        func date(_ iso: String) -> String { zh ? iso : CalendarDate(iso).map(\.englishText) ?? iso }
        func note(_ n: String) -> String { PublicNotes.pageText(n, lang: lang) }
        let region = FilingRow.regionName(self.region, lang: lang)
        return [
            ("name", [name, name]),
            ("number", [number, number]),
            ("type", [zh ? type : AlgorithmType(rawValue: type)?.englishName ?? type]),
            ("role", [zh ? role : AlgorithmRole(rawValue: role)?.englishName ?? role]),
            ("entityName", [entityName]),
            ("region", [region.detail.isEmpty ? region.name : "\(region.name) (\(region.detail))"]),
            ("products", products.isEmpty ? ["--"] : products),
            ("hosts", hosts),
            ("purpose", [purpose]),
            ("approvedOn", [date(approvedOn)]),
            ("status", [zh ? status : PublicStatus(rawValue: status)?.englishName ?? status]),
            ("cancelledOn", status == PublicStatus.cancelled.rawValue ? [date(cancelledOn ?? "")] : []),
            ("notes", notes.map(note)),
            ("history", history.map { date($0.date) + " " + note($0.note) }),
            // Each approved change's public fields (format v2), as the page shows them.
            ("changeField", history.flatMap { $0.changes.map { PublicField(rawValue: $0.field).map { HistoryModel.label($0)(lang) } ?? $0.field } }),
            ("changeOld", history.flatMap { $0.changes.flatMap { c in c.old.map { Self.shown(c.field, $0, lang: lang) } } }),
            ("changeNew", history.flatMap { $0.changes.flatMap { c in c.new.map { Self.shown(c.field, $0, lang: lang) } } }),
        ]
    }

    /// A changed value as the filing page in `lang` shows it (a region by its name).
    package static func shown(_ field: String, _ value: String, lang: Lang = .zh) -> String {
        PublicField(rawValue: field).map { HistoryModel.shown($0, value, lang: lang).text } ?? value
    }

    /// The published columns of `filings.csv` after 序号, as plain values.
    package var csvColumns: [String] {
        [algorithmName, type, role, entityName, products.isEmpty ? "--" : products.joined(separator: "、"), purpose, number,
         notes.joined(separator: "；"), id, "", status]
    }

    /// The record field each published CSV column shows.
    package static let csvKeys = ["算法名称": "algorithmName", "算法类别": "type", "角色": "role", "主体名称": "entityName",
                          "应用产品": "products", "主要用途": "purpose", "备案编号": "number", "备注": "notes", "ID": "id",
                          "URL": "url", "状态": "status"]

    package static func fieldRef(_ key: String) -> FieldRef {
        let names: [String: (String, String)] = [
            "name": ("算法名称", "algorithm name"), "algorithmName": ("算法名称", "algorithm name"), "算法名称": ("算法名称", "algorithm name"),
            "number": ("备案编号", "filing number"), "备案编号": ("备案编号", "filing number"),
            "type": ("算法类别", "algorithm type"), "typeCode": ("算法类别代码", "type code"), "算法类别": ("算法类别", "algorithm type"),
            "role": ("角色", "role"), "角色": ("角色", "role"),
            "entityName": ("主体名称", "entity name"), "主体名称": ("主体名称", "entity name"), "entityID": ("主体编号", "entity id"),
            "region": ("注册地", "region"), "regionName": ("注册地", "region"),
            "products": ("应用产品", "products"), "应用产品": ("应用产品", "products"),
            "hosts": ("网站域名", "website domains"),
            "purpose": ("主要用途", "purpose"), "主要用途": ("主要用途", "purpose"),
            "approvedOn": ("备案日期", "approval date"), "status": ("状态", "status"), "状态": ("状态", "status"),
            "cancelledOn": ("注销日期", "cancellation date"), "notes": ("备注", "notes"), "备注": ("备注", "notes"),
            "history": ("公示历史", "public history"), "disclosure": ("拟公示内容", "disclosure"),
            "changeField": ("公示历史中变更的字段", "changed field in the public history"),
            "changeOld": ("公示历史中变更前的内容", "value before a change in the public history"),
            "changeNew": ("公示历史中变更后的内容", "value after a change in the public history"),
            "badge": ("备案标识", "badge"), "imported": ("导入", "imported"), "url": ("网址", "URL"), "URL": ("网址", "URL"),
            "id": ("编号", "id"), "ID": ("编号", "id"),
        ]
        let (zh, en) = names[key] ?? (key, key)
        return FieldRef(key: key, zh: zh, en: en)
    }
}
