import BeianModel
import BeianStore
import Foundation

/// One bundle's filings and summaries as the cache stores them, and back.
extension PublicViewCache {
    /// Encodes one bundle's filings: each one's `FilingSummary` (its `contentKey` included),
    /// then the filing itself as one length-prefixed record.
    static func encode(_ filings: [PublicFiling], summaries: [FilingSummary]) -> Data {
        var w = ByteWriter()
        w.int(filings.count)
        for (f, s) in zip(filings, summaries) {
            w.word(s.key)
            w.int(s.order.day)
            w.word(s.order.head)
            w.int(Int(s.order.last))
            w.int(s.entity)
            w.int(s.entityMatches ? 1 : 0)
            w.int(AlgorithmType.allCases.firstIndex(of: s.type)!)
            w.int(s.active ? 1 : 0)
            w.int(s.newestDay)
            w.int(AlgorithmRole.allCases.firstIndex(of: s.role)!)
            w.int(s.province)
            w.int(s.cancelledDay)
            for k in PublicEventKind.allCases { w.int(s.eventDays[k]) }
            var record = ByteWriter()
            for s in [f.number.digits, f.algorithmName, f.type.code, f.role.rawValue, f.entityName, f.entityID,
                      f.region, f.purpose, f.disclosure] { record.string(s) }
            record.date(f.approvedOn)
            record.int(f.status == .cancelled ? 1 : 0)
            if let c = f.cancelledOn { record.int(1); record.date(c) } else { record.int(0) }
            record.strings(f.products)
            record.strings(f.hosts)
            record.strings(f.notes)
            record.int(f.history.count)
            for e in f.history {
                record.date(e.date)
                record.string(e.note)
                record.int(PublicEventKind.allCases.firstIndex(of: e.kind)!)
                record.int(e.changes.count)
                for c in e.changes {
                    record.int(PublicField.allCases.firstIndex(of: c.field)!)
                    record.strings(c.old)
                    record.strings(c.new)
                }
            }
            record.int(f.imported ? 1 : 0)
            w.int(record.bytes.count)
            w.bytes += record.bytes
        }
        return Data(w.bytes)
    }

    /// One bundle's filings and their summaries; nil when the bytes are not a valid record.
    /// The summaries are read now; each filing is left encoded (`PublicFiling(deferred:)`),
    /// decoded by `decodeFiling` when a field of it is first read — a rebuild after one
    /// approval reads a few hundred of 100,000.
    static func decode(_ payload: Data) -> (filings: [PublicFiling], summaries: [FilingSummary])? {
        var filings: [PublicFiling] = []
        var summaries: [FilingSummary] = []
        let ok = payload.withUnsafeBytes { raw in
            decode(raw, range: 0..<raw.count, in: payload, filings: &filings, summaries: &summaries)
        }
        return ok ? (filings, summaries) : nil
    }

    /// Decodes the payload `raw[range]` (`raw` is the bytes of `data`, whose slices the
    /// deferred filings keep), appending to `filings` and `summaries`; false, with nothing
    /// appended, when the bytes are not a valid record.
    static func decode(_ raw: UnsafeRawBufferPointer, range: Range<Int>, in data: Data,
                       filings: inout [PublicFiling], summaries: inout [FilingSummary]) -> Bool {
        var r = ByteReader(UnsafeRawBufferPointer(rebasing: raw[..<range.upperBound]))
        r.offset = range.lowerBound
        let (filingsBefore, summariesBefore) = (filings.count, summaries.count)
        func fail() -> Bool {
            filings.removeSubrange(filingsBefore...)
            summaries.removeSubrange(summariesBefore...)
            return false
        }
        guard let count = r.int() else { return false }
        let types = AlgorithmType.allCases
        let roles = AlgorithmRole.allCases
        for _ in 0..<count {
            guard let key = r.word(), let day = r.int(), let head = r.word(), let last = r.int(), last < 100,
                  let entity = r.int(), let matches = r.int(), let type = r.int(), type < types.count,
                  let active = r.int(), let newestDay = r.int(), let role = r.int(), role < roles.count,
                  let province = r.int(), let cancelledDay = r.int() else { return fail() }
            var eventDays = FilingSummary.EventDays()
            for k in PublicEventKind.allCases {
                guard let d = r.int() else { return fail() }
                eventDays[k] = d
            }
            guard let record = r.bytes() else { return fail() }
            summaries.append(FilingSummary(key: key, order: FilingOrderKey(day: day, head: head, last: UInt8(last)), entity: entity,
                                           entityMatches: matches == 1, type: types[type], active: active == 1, newestDay: newestDay,
                                           role: roles[role], province: province, cancelledDay: cancelledDay, eventDays: eventDays))
            let slice = data[(data.startIndex + record.lowerBound)..<(data.startIndex + record.upperBound)]
            filings.append(PublicFiling(deferred: slice, decode: decodeFiling))
        }
        return r.atEnd ? true : fail()
    }
}
