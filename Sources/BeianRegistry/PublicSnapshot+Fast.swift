import BeianModel
import Foundation

extension PublicSnapshot {
    /// The public parts of an approved snapshot read with `JSONSerialization` and plain lookups
    /// instead of `Codable`, which was most of reading a 100,000-filing registry. Only the keys
    /// the public view uses are read; nil when any of them is missing or not of its type, and
    /// the caller then decodes with `Codable` (so a strange file gets the same verdict as
    /// before). The snapshot's SHA-256 has been checked against its ledger first, so the bytes
    /// are the ones beian wrote. Tests decode every snapshot both ways and compare.
    static func fast(_ data: Data) -> PublicSnapshot? {
        guard let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        var s = PublicSnapshot()
        if let value = o["entity"] {
            guard let e = value as? [String: Any], let id = e["id"] as? String, let name = e["name"] as? String,
                  let region = e["region"] as? String else { return nil }
            s.entity = Entity(id: id, name: name, region: region)
        }
        if let value = o["algorithm"] {
            guard let a = value as? [String: Any], let id = a["id"] as? String, let name = a["name"] as? String,
                  let type = a["type"] as? String, let role = a["role"] as? String, let purpose = a["purpose"] as? String,
                  let disclosure = a["disclosure"] as? String else { return nil }
            s.algorithm = Algorithm(id: id, name: name, type: type, role: role, purpose: purpose, disclosure: disclosure)
        }
        if let value = o["publicProducts"] {
            guard let products = value as? [String] else { return nil }
            s.publicProducts = products
        }
        if let value = o["publicHosts"] {
            guard let hosts = value as? [String] else { return nil }
            s.publicHosts = hosts
        }
        if let value = o["imported"] {
            guard let f = value as? [String: Any], let filing = publicFiling(f) else { return nil }
            s.imported = filing
        }
        return s
    }

    private static func publicFiling(_ f: [String: Any]) -> PublicFiling? {
        guard let numberText = f["number"] as? String, let number = FilingNumber(published: numberText),
              let algorithmName = f["algorithmName"] as? String,
              let typeText = f["type"] as? String, let type = AlgorithmType(rawValue: typeText),
              let roleText = f["role"] as? String, let role = AlgorithmRole(rawValue: roleText),
              let entityName = f["entityName"] as? String, let entityID = f["entityID"] as? String,
              let region = f["region"] as? String, let products = f["products"] as? [String],
              let hosts = (f["hosts"] ?? [String]()) as? [String],
              let purpose = f["purpose"] as? String, let disclosure = f["disclosure"] as? String,
              let approvedOn = date(f["approvedOn"]),
              let statusText = f["status"] as? String, let status = PublicStatus(rawValue: statusText),
              let notes = f["notes"] as? [String], let events = f["history"] as? [[String: Any]],
              let imported = f["imported"] as? Bool
        else { return nil }
        var cancelledOn: CalendarDate?
        if let value = f["cancelledOn"] {
            guard let c = date(value) else { return nil }
            cancelledOn = c
        }
        var history: [PublicEvent] = []
        for e in events {
            guard let d = date(e["date"]), let note = e["note"] as? String else { return nil }
            // `changes` is absent in snapshots written before it existed (and when empty).
            var changes: [PublicChange] = []
            if let value = e["changes"] {
                guard let list = value as? [[String: Any]] else { return nil }
                for c in list {
                    guard let fieldText = c["field"] as? String, let field = PublicField(rawValue: fieldText),
                          let old = c["old"] as? [String], let new = c["new"] as? [String] else { return nil }
                    changes.append(PublicChange(field: field, old: old, new: new))
                }
            }
            var kind: PublicEventKind?
            if let value = e["kind"] {
                guard let text = value as? String, let k = PublicEventKind(rawValue: text) else { return nil }
                kind = k
            }
            history.append(PublicEvent(date: d, note: note, kind: kind, changes: changes))
        }
        return PublicFiling(number: number, algorithmName: algorithmName, type: type, role: role, entityName: entityName,
                            entityID: entityID, region: region, products: products, hosts: hosts, purpose: purpose, disclosure: disclosure,
                            approvedOn: approvedOn, status: status, cancelledOn: cancelledOn, notes: notes, history: history,
                            imported: imported)
    }

    /// `{"day":…,"month":…,"year":…}`, as `CalendarDate` encodes itself.
    private static func date(_ value: Any?) -> CalendarDate? {
        guard let d = value as? [String: Any], let y = d["year"] as? Int, let m = d["month"] as? Int, let day = d["day"] as? Int
        else { return nil }
        return CalendarDate(year: y, month: m, day: day)
    }
}
