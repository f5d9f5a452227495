import BeianDiagnostics
import BeianModel
import BeianTrust
import Foundation

/// A public record read back by `SiteVerifier` (after its hash matched the signed head), and
/// what each place that shows it must show.
struct RecordFields: Sendable {
    var id, number, algorithmName, type, role, entityName, entityID, region, purpose, approvedOn, status: String
    var cancelledOn: String?
    var products, notes: [String]
    var history: [(date: String, note: String)]
    var imported: Bool
    var disclosure: String

    var name: String { algorithmName }

    /// A filing's record as the portal publishes it: filer strings through `PlainText.clean`.
    init(_ f: PublicFiling) {
        let c = PlainText.clean
        (id, number, algorithmName, type, role) = (f.id, f.number.description, c(f.algorithmName), f.type.rawValue, f.role.rawValue)
        (entityName, entityID, region, purpose) = (c(f.entityName), c(f.entityID), c(f.region), c(f.purpose))
        (approvedOn, status, cancelledOn) = (f.approvedOn.description, f.status.rawValue, f.cancelledOn?.description)
        (products, notes, history) = (f.products.map(c), f.notes.map(c), f.history.map { ($0.date.description, c($0.note)) })
        (imported, disclosure) = (f.imported, c(f.disclosure))
    }

    init?(_ bytes: Data) {
        guard let o = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any],
              o["format"] as? String == PublicRecord.format else { return nil }
        self.init(object: o)
    }

    init?(object o: [String: Any]) {
        func s(_ k: String) -> String? { o[k] as? String }
        guard let id = s("id"), let number = s("number"), let algorithmName = s("algorithmName"), let type = s("type"),
              let role = s("role"), let entityName = s("entityName"), let entityID = s("entityID"), let region = s("region"),
              let purpose = s("purpose"), let approvedOn = s("approvedOn"), let status = s("status"),
              let products = o["products"] as? [String], let notes = o["notes"] as? [String],
              let history = o["history"] as? [[String: Any]], let imported = o["imported"] as? Bool,
              let disclosure = s("disclosure") else { return nil }
        let cancelled = o["cancelledOn"]
        guard cancelled is NSNull || cancelled is String else { return nil }
        var events: [(String, String)] = []
        for e in history {
            guard let date = e["date"] as? String, let note = e["note"] as? String, e.count == 2 else { return nil }
            events.append((date, note))
        }
        (self.id, self.number, self.algorithmName, self.type, self.role) = (id, number, algorithmName, type, role)
        (self.entityName, self.entityID, self.region, self.purpose, self.approvedOn, self.status) = (entityName, entityID, region, purpose, approvedOn, status)
        cancelledOn = cancelled as? String
        (self.products, self.notes, self.history, self.imported, self.disclosure) = (products, notes, events, imported, disclosure)
    }

    /// The record's canonical JSON (`PublicRecord`'s format; the one list of its fields).
    var value: CanonicalJSON {
        .object([
            "format": .string(PublicRecord.format), "id": .string(id), "number": .string(number),
            "algorithmName": .string(algorithmName), "type": .string(type), "role": .string(role),
            "entityName": .string(entityName), "entityID": .string(entityID), "region": .string(region),
            "products": .array(products.map { .string($0) }), "purpose": .string(purpose), "approvedOn": .string(approvedOn),
            "status": .string(status), "cancelledOn": cancelledOn.map { .string($0) } ?? .null,
            "notes": .array(notes.map { .string($0) }),
            "history": .array(history.map { .object(["date": .string($0.date), "note": .string($0.note)]) }),
            "imported": .bool(imported), "disclosure": .string(disclosure),
        ])
    }

    var bytes: [UInt8] { value.bytes }

    /// An object of `filings.json` as a record (nil when a field is missing or of the wrong type).
    static func fromOpenData(_ o: [String: Any]) -> RecordFields? { RecordFields(object: o) }

    /// The fields `filings.json` derives from the record: the page URL, the type code and the
    /// region's name.
    static func derivedFieldsMatch(_ o: [String: Any]) -> Bool {
        guard let id = o["id"] as? String, let type = o["type"] as? String, let region = o["region"] as? String else { return false }
        return (o["url"] as? String)?.hasSuffix("/" + Routes.filing(id)) == true
            && o["typeCode"] as? String == AlgorithmType(rawValue: type)?.code
            && o["regionName"] as? String == (Region.displayName(of: region) ?? "")
    }

    /// The names of the fields of an open-data object that differ from this record.
    func differences(from o: [String: Any]) -> [String] {
        var out: [String] = []
        let strings: [(String, String)] = [("id", id), ("number", number), ("algorithmName", algorithmName), ("type", type),
                                           ("role", role), ("entityName", entityName), ("entityID", entityID), ("region", region),
                                           ("purpose", purpose), ("approvedOn", approvedOn), ("status", status), ("disclosure", disclosure)]
        for (k, v) in strings where o[k] as? String != v { out.append(k) }
        if o["cancelledOn"] as? String != cancelledOn || (cancelledOn == nil && !(o["cancelledOn"] is NSNull)) { out.append("cancelledOn") }
        if o["products"] as? [String] != products { out.append("products") }
        if o["notes"] as? [String] != notes { out.append("notes") }
        let h = (o["history"] as? [[String: Any]])?.map { ($0["date"] as? String ?? "", $0["note"] as? String ?? "") }
        if h == nil || h!.count != history.count || !zip(h!, history).allSatisfy({ $0.0 == $1.date && $0.1 == $1.note }) { out.append("history") }
        if o["imported"] as? Bool != imported { out.append("imported") }
        if (o["url"] as? String)?.hasSuffix("/" + Routes.filing(id)) != true { out.append("url") }
        if o["typeCode"] as? String != AlgorithmType(rawValue: type)?.code { out.append("typeCode") }
        if o["regionName"] as? String != (Region.displayName(of: region) ?? "") { out.append("regionName") }
        return out
    }

    /// What each `data-field` of the filing page must hold, in document order (the built-in
    /// `filing` template: the name and number appear twice).
    var pageFields: [(String, [String])] {
        [
            ("name", [name, name]),
            ("number", [number, number]),
            ("type", [type]),
            ("role", [role]),
            ("entityName", [entityName]),
            ("region", [Region.displayName(of: region) ?? region.filter(\.isASCIIDigitChar)]),
            ("products", products.isEmpty ? ["--"] : products),
            ("purpose", [purpose]),
            ("approvedOn", [approvedOn]),
            ("status", [status]),
            ("cancelledOn", status == PublicStatus.cancelled.rawValue ? [cancelledOn ?? ""] : []),
            ("notes", notes),
            ("history", history.map { $0.date + " " + $0.note }),
        ]
    }

    /// The published columns of `filings.csv` after 序号, as plain values.
    var csvColumns: [String] {
        [algorithmName, type, role, entityName, products.isEmpty ? "--" : products.joined(separator: "、"), purpose, number,
         notes.joined(separator: "；"), id, "", status]
    }

    /// The record field each published CSV column shows.
    static let csvKeys = ["算法名称": "algorithmName", "算法类别": "type", "角色": "role", "主体名称": "entityName",
                          "应用产品": "products", "主要用途": "purpose", "备案编号": "number", "备注": "notes", "ID": "id",
                          "URL": "url", "状态": "status"]

    static func fieldRef(_ key: String) -> FieldRef {
        let names: [String: (String, String)] = [
            "name": ("算法名称", "algorithm name"), "algorithmName": ("算法名称", "algorithm name"), "算法名称": ("算法名称", "algorithm name"),
            "number": ("备案编号", "filing number"), "备案编号": ("备案编号", "filing number"),
            "type": ("算法类别", "algorithm type"), "typeCode": ("算法类别代码", "type code"), "算法类别": ("算法类别", "algorithm type"),
            "role": ("角色", "role"), "角色": ("角色", "role"),
            "entityName": ("主体名称", "entity name"), "主体名称": ("主体名称", "entity name"), "entityID": ("主体编号", "entity id"),
            "region": ("注册地", "region"), "regionName": ("注册地", "region"),
            "products": ("应用产品", "products"), "应用产品": ("应用产品", "products"),
            "purpose": ("主要用途", "purpose"), "主要用途": ("主要用途", "purpose"),
            "approvedOn": ("备案日期", "approval date"), "status": ("状态", "status"), "状态": ("状态", "status"),
            "cancelledOn": ("注销日期", "cancellation date"), "notes": ("备注", "notes"), "备注": ("备注", "notes"),
            "history": ("公示历史", "public history"), "disclosure": ("拟公示内容", "disclosure"),
            "badge": ("备案标识", "badge"), "imported": ("导入", "imported"), "url": ("网址", "URL"), "URL": ("网址", "URL"),
            "id": ("编号", "id"), "ID": ("编号", "id"),
        ]
        let (zh, en) = names[key] ?? (key, key)
        return FieldRef(key: key, zh: zh, en: en)
    }
}

/// Rows of a CSV file (RFC 4180: quoted cells may hold commas, quotes as `""`, and line
/// breaks), read as they come, with the line each row starts on. A leading UTF-8 BOM is skipped.
struct CSVRows: ~Copyable {
    private var reader: SiteFileReader
    private var line = 1
    private var started = false

    init(_ reader: consuming SiteFileReader) { self.reader = reader }

    struct Row {
        var cells: [String]
        var line: Int
    }

    mutating func next() -> Row? {
        if !started {
            started = true
            if reader.peek() == 0xEF {
                _ = reader.next()
                guard reader.next() == 0xBB, reader.next() == 0xBF else { return Row(cells: ["\u{FFFD}"], line: 1) }
            }
        }
        guard reader.peek() != nil else { return nil }
        let start = line
        var cells: [String] = []
        var cell: [UInt8] = []
        var quoted = false
        while let b = reader.next() {
            if quoted {
                if b == 0x22 {
                    if reader.peek() == 0x22 { _ = reader.next(); cell.append(0x22) } else { quoted = false }
                } else {
                    if b == 0x0A { line += 1 }
                    cell.append(b)
                }
                continue
            }
            switch b {
            case 0x22 where cell.isEmpty: quoted = true
            case 0x2C:
                cells.append(String(decoding: cell, as: UTF8.self))
                cell.removeAll(keepingCapacity: true)
            case 0x0D where reader.peek() == 0x0A:
                continue
            case 0x0A:
                line += 1
                cells.append(String(decoding: cell, as: UTF8.self))
                return Row(cells: cells, line: start)
            default: cell.append(b)
            }
        }
        cells.append(String(decoding: cell, as: UTF8.self))
        return Row(cells: cells, line: start)
    }
}
