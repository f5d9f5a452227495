import BeianDiagnostics
import BeianModel

/// The filings sorted and grouped in one pass: list order, per type, per entity, latest, counts.
///
/// Also holds each filing's fingerprints, the keys that let an incremental build skip the
/// pages of unchanged filings without rendering them.
struct FilingIndex: Sendable {
    /// Every filing, in 备案清单 order.
    let filings: [PublicFiling]
    /// Fingerprint of what a list row shows.
    let rowKeys: [Fingerprint]
    /// Fingerprint of everything the filing's own page shows.
    let pageKeys: [Fingerprint]
    /// Indices into `filings`, per type, in list order.
    let byType: [AlgorithmType: [Int]]
    /// Entities sorted by id.
    let entities: [EntityGroup]
    /// Indices of the newest filings, newest first.
    let latest: [Int]
    let activeCount: Int
    let cancelledCount: Int
    /// The newest date anywhere in the registry (approval, cancellation, history): "data as of".
    let asOf: CalendarDate?

    /// One 备案主体 as the public sees it, from its newest filing.
    struct EntityGroup: Sendable {
        let id: String
        let name: String
        let region: String
        /// Indices into `filings`, sorted by filing number.
        let filings: [Int]
    }

    /// Both fingerprints of each filing (`keys` lines up with `input`; see `keys(of:)`).
    typealias Keys = (row: Fingerprint, page: Fingerprint)

    /// The fingerprints of one filing; computed in parallel by the builder.
    static func keys(of f: PublicFiling, markdownRendererID: String) -> Keys {
        let row = rowKey(f)
        return (row, pageKey(f, row: row, markdownRendererID: markdownRendererID))
    }

    init(_ input: [PublicFiling], keys: [Keys], order: BuildOptions.ListOrder, latestCount: Int) throws(PortalError) {
        var problems: [Diagnostic] = []
        var seen: Set<String> = []
        seen.reserveCapacity(input.count)
        for f in input {
            let at = SourceLocation(path: "filings/\(f.id)")
            if !seen.insert(f.id).inserted {
                problems.append(Diagnostic(.duplicateID, at: at,
                    message: Localized(zh: "备案编号 \(f.number) 重复出现", en: "the filing number \(f.number) appears twice"),
                    help: Localized(zh: "每个备案编号只能对应一条公示记录", en: "give the portal one public record per filing number")))
            }
            if !Slug.isDigits(f.entityID, count: 7) || f.entityID != f.number.entityID {
                problems.append(Diagnostic(.contentInvalid, at: at,
                    message: Localized(zh: "主体编号“\(f.entityID)”与备案编号不符", en: "the entity id “\(f.entityID)” does not match the filing number"),
                    help: Localized(zh: "主体编号是备案编号的第 7–13 位", en: "the entity id is digits 7–13 of the filing number")))
            }
        }
        guard problems.isEmpty else { throw PortalError(problems) }

        // Sort on integers (date, then the number's digits), not on the records themselves.
        let sortKeys = input.map { f -> (Int, UInt64, UInt8) in
            let d = f.approvedOn
            let digits = Array(f.number.digits.utf8)
            let head = digits.prefix(20).reduce(UInt64(0)) { $0 &* 10 &+ UInt64($1 &- 0x30) }
            return (d.year * 10_000 + d.month * 100 + d.day, head, digits.last ?? 0)
        }
        let ascending = input.indices.sorted { sortKeys[$0] < sortKeys[$1] }
        let permutation = order == .oldestFirst ? ascending : ascending.reversed()
        filings = permutation.map { input[$0] }
        rowKeys = permutation.map { keys[$0].row }
        pageKeys = permutation.map { keys[$0].page }
        // The newest positions of the ascending order, as indices into `filings`.
        latest = Array(ascending.indices.reversed().prefix(latestCount)).map { order == .oldestFirst ? $0 : ascending.count - 1 - $0 }

        var byType: [AlgorithmType: [Int]] = [:]
        var byEntity: [String: [Int]] = [:]
        var active = 0
        var asOf: CalendarDate?
        for (i, f) in filings.enumerated() {
            byType[f.type, default: []].append(i)
            byEntity[f.entityID, default: []].append(i)
            if f.status == .active { active += 1 }
            let newest = FilingIndex.newestDate(of: f)
            if asOf.map({ newest > $0 }) ?? true { asOf = newest }
        }
        self.byType = byType
        self.activeCount = active
        self.cancelledCount = filings.count - active
        self.asOf = asOf
        let filings = self.filings
        entities = byEntity.keys.sorted().map { id in
            let members = byEntity[id]!.sorted { filings[$0].number < filings[$1].number }
            // The newest approval carries the entity's current name and region.
            let newest = members.max { a, b in
                filings[a].approvedOn != filings[b].approvedOn ? filings[a].approvedOn < filings[b].approvedOn
                    : filings[a].number < filings[b].number
            }!
            return EntityGroup(id: id, name: filings[newest].entityName, region: filings[newest].region, filings: members)
        }
    }

    /// The latest date a filing's public record carries.
    static func newestDate(of f: PublicFiling) -> CalendarDate {
        var d = f.approvedOn
        if let c = f.cancelledOn, c > d { d = c }
        for e in f.history where e.date > d { d = e.date }
        return d
    }

    static func rowKey(_ f: PublicFiling) -> Fingerprint {
        var k = Fingerprint("row", f.id, f.algorithmName, f.type.code, f.role.rawValue, f.entityName, f.entityID,
                            f.region, f.purpose, f.approvedOn.description, f.status.rawValue,
                            f.cancelledOn?.description ?? "-")
        k.add(f.products.count)
        for p in f.products { k.add(p) }
        k.add(f.notes.count)
        for n in f.notes { k.add(n) }
        return k
    }

    static func pageKey(_ f: PublicFiling, row: Fingerprint, markdownRendererID: String) -> Fingerprint {
        var k = Fingerprint("page", markdownRendererID)
        k.add(row)
        k.add(f.disclosure)
        k.add(f.history.count)
        for e in f.history {
            k.add(e.date.description)
            k.add(e.note)
        }
        return k
    }
}
