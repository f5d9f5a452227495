import BeianDiagnostics
import BeianModel

/// The filings sorted and grouped in one pass: list order, per type, per entity, latest, counts.
///
/// Also holds each filing's key, which lets an incremental build skip the pages of unchanged
/// filings without rendering them.
struct FilingIndex: Sendable {
    /// Every filing, in 备案清单 order.
    let filings: [PublicFiling]
    /// Each filing's `contentKey` (everything it shows, on its page, in a row, in open data):
    /// what decides whether a page or an open-data chunk holding it is made again.
    let keys: [Fingerprint]
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

    /// `contentKeys` lines up with `input` (`PublicView.keys`); nil or misaligned, they are
    /// computed here, on `tasks` threads.
    init(_ input: [PublicFiling], contentKeys: [UInt64]?, order: BuildOptions.ListOrder, latestCount: Int,
         tasks: Int = 1) async throws(PortalError) {
        let contentKeys = contentKeys?.count == input.count ? contentKeys!
            : (try? await Parallel.map(Array(input.indices), tasks: tasks, worker: { input }) { input, i in input[i].contentKey })
            ?? input.map(\.contentKey)
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
        let sortKeys = input.map(\.listOrderKey)
        let ascending = input.indices.sorted { sortKeys[$0] < sortKeys[$1] }
        let permutation = order == .oldestFirst ? ascending : ascending.reversed()
        filings = permutation.map { input[$0] }
        keys = permutation.map { Fingerprint(word: contentKeys[$0]) }
        // The newest positions of the ascending order, as indices into `filings`.
        latest = Array(ascending.indices.reversed().prefix(latestCount)).map { order == .oldestFirst ? $0 : ascending.count - 1 - $0 }

        var byType: [AlgorithmType: [Int]] = [:]
        var byEntity: [String: [Int]] = [:]
        var active = 0
        var asOf: CalendarDate?
        for i in filings.indices {
            byType[filings[i].type, default: []].append(i)
            byEntity[filings[i].entityID, default: []].append(i)
            if filings[i].status == .active { active += 1 }
            let newest = FilingIndex.newestDate(of: filings[i])
            if asOf.map({ newest > $0 }) ?? true { asOf = newest }
        }
        self.byType = byType
        self.activeCount = active
        self.cancelledCount = filings.count - active
        self.asOf = asOf
        let filings = self.filings
        let numbers = filings.map(\.number.integerKey)
        entities = byEntity.keys.sorted().map { id in
            let members = byEntity[id]!.sorted { numbers[$0] < numbers[$1] }
            // The newest approval carries the entity's current name and region.
            let newest = members.max { a, b in
                filings[a].approvedOn != filings[b].approvedOn ? filings[a].approvedOn < filings[b].approvedOn
                    : numbers[a] < numbers[b]
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
}
