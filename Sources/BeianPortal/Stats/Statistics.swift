import BeianModel
import BeianOutput

/// The numbers of 统计 / Statistics (SPEC §10), counted from the filings' summaries — integers
/// only, so the page's input key costs one pass over 100,000 summaries and no filing is decoded.
///
/// Every public filing counts, cancelled ones included (they were filed); months run without a
/// gap from the first month with a filing (or a cancellation) to the last, months without one
/// as zero.
struct Statistics: Sendable {
    /// A calendar month, `year * 100 + month` (202405).
    typealias Month = Int

    /// Filings approved per month, first to last approval month.
    var approvals: [(month: Month, count: Int)]
    /// Cancellations per month, first to last cancellation month.
    var cancellations: [(month: Month, count: Int)]
    /// Cancelled filings whose record carries no cancellation date (not in `cancellations`).
    var cancelledUndated: Int
    /// Every type, in `AlgorithmType.allCases` order (zeros included).
    var byType: [(type: AlgorithmType, count: Int)]
    /// Every role, in `AlgorithmRole.allCases` order (zeros included).
    var byRole: [(role: AlgorithmRole, count: Int)]
    /// Provinces with filings (two leading digits of the region code), most filings first, then
    /// by code; filings whose region is no known division are `unknownProvince`.
    var byProvince: [(province: Int, count: Int)]
    var unknownProvince: Int
    var total: Int
    var active: Int
    var cancelled: Int
    /// The newest date any record carries (yyyymmdd), 0 for none: "data as of".
    var asOfDay: Int

    init(_ summaries: [FilingSummary]) {
        var approvals: [Month: Int] = [:]
        var cancellations: [Month: Int] = [:]
        var types = [Int](repeating: 0, count: AlgorithmType.allCases.count)
        var roles = [Int](repeating: 0, count: AlgorithmRole.allCases.count)
        var provinces = [Int](repeating: 0, count: 100)
        var undated = 0, active = 0, newest = 0
        let typeIndex = Dictionary(uniqueKeysWithValues: AlgorithmType.allCases.enumerated().map { ($1, $0) })
        let roleIndex = Dictionary(uniqueKeysWithValues: AlgorithmRole.allCases.enumerated().map { ($1, $0) })
        for s in summaries {
            approvals[s.order.day / 100, default: 0] += 1
            types[typeIndex[s.type]!] += 1
            roles[roleIndex[s.role]!] += 1
            provinces[s.province >= 0 && s.province < 100 ? s.province : 0] += 1
            if s.active {
                active += 1
            } else if s.cancelledDay > 0 {
                cancellations[s.cancelledDay / 100, default: 0] += 1
            } else {
                undated += 1
            }
            newest = max(newest, s.newestDay)
        }
        self.approvals = Self.contiguous(approvals)
        self.cancellations = Self.contiguous(cancellations)
        cancelledUndated = undated
        byType = AlgorithmType.allCases.enumerated().map { ($1, types[$0]) }
        byRole = AlgorithmRole.allCases.enumerated().map { ($1, roles[$0]) }
        byProvince = (1..<100).filter { provinces[$0] > 0 }.map { ($0, provinces[$0]) }
            .sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        unknownProvince = provinces[0]
        total = summaries.count
        self.active = active
        cancelled = summaries.count - active
        asOfDay = newest
    }

    /// Every month from the first to the last key of `counts`, zero where it has none.
    static func contiguous(_ counts: [Month: Int]) -> [(month: Month, count: Int)] {
        guard var m = counts.keys.min(), let last = counts.keys.max() else { return [] }
        var out: [(Month, Int)] = []
        while m <= last {
            out.append((m, counts[m] ?? 0))
            m = m % 100 >= 12 ? (m / 100 + 1) * 100 + 1 : m + 1
        }
        return out
    }

    /// Everything the page shows, as one fingerprint: the page's input key.
    var fingerprint: Fingerprint {
        var k = Fingerprint("statistics 1")
        for list in [approvals, cancellations] {
            k.add(list.count)
            for (m, n) in list { k.add(m); k.add(n) }
        }
        for (_, n) in byType { k.add(n) }
        for (_, n) in byRole { k.add(n) }
        k.add(byProvince.count)
        for (p, n) in byProvince { k.add(p); k.add(n) }
        for n in [unknownProvince, cancelledUndated, total, active, cancelled, asOfDay] { k.add(n) }
        return k
    }
}
