import BeianDiagnostics
public import BeianModel
import BeianBundle
import BeianStore
import Foundation

/// The public view of the registry: every approved filing, sorted by number, and the
/// `FilingSummary` of each (`summaries[i]` is `filings[i]`'s, its `contentKey` computed once
/// per bundle read and cached), which incremental builds sort and compare instead of the filings.
public struct PublicView: Sendable {
    public var filings: [PublicFiling]
    public var summaries: [FilingSummary]

    public var keys: [UInt64] { summaries.map(\.key) }

    /// Sorted by number on integer keys (packed next to each filing's place, so the sort
    /// touches one array); equal numbers keep path order.
    ///
    /// Each part's keys are sorted on a core of their own, then the sorted runs are merged (the
    /// keys are unique — bundle and place break ties — so this is the order one sort gives), and
    /// the filings and summaries are gathered side by side.
    static func sortedByNumber(_ parts: [PublicRegistry.Part], tasks: Int = 1) -> PublicView {
        typealias Keyed = (head: UInt64, last: UInt8, bundle: Int32, part: Int32, at: Int32)
        let less: @Sendable (Keyed, Keyed) -> Bool = { ($0.head, $0.last, $0.bundle, $0.at) < ($1.head, $1.last, $1.bundle, $1.at) }
        var runs = Concurrent.map(parts.count, tasks: tasks) { p -> [Keyed] in
            parts[p].keys.map { ($0.head, $0.last, $0.bundle, Int32(p), $0.at) }.sorted(by: less)
        }
        while runs.count > 1 {
            let (a, b) = (runs.removeFirst(), runs.removeFirst())
            var merged: [Keyed] = []
            merged.reserveCapacity(a.count + b.count)
            var (i, j) = (0, 0)
            while i < a.count && j < b.count {
                if less(b[j], a[i]) { merged.append(b[j]); j += 1 } else { merged.append(a[i]); i += 1 }
            }
            merged += a[i...]
            merged += b[j...]
            runs.append(merged)
        }
        let keyed = runs.first ?? []
        let (filings, summaries) = Concurrent.both(tasks: tasks, { keyed.map { parts[Int($0.part)].filings[Int($0.at)] } },
                                                   { keyed.map { parts[Int($0.part)].summaries[Int($0.at)] } })
        return PublicView(filings: filings, summaries: summaries)
    }
}
