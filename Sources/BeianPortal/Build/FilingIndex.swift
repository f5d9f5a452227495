import BeianDiagnostics
import BeianModel
import BeianOutput
import BeianStore

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
    /// Each filing's summary, in list order.
    let summaries: [FilingSummary]
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
        /// The 7-digit entity id.
        let id: String
        /// The newest approval: it carries the entity's current name and region (read only
        /// when a page shows them, so a rebuild leaves unchanged entities' filings encoded).
        let newest: PublicFiling
        /// Indices into `filings`, sorted by filing number.
        let filings: [Int]

        var name: String { newest.entityName }
        var region: String { newest.region }
    }

    /// `summaries` lines up with `input` (`PublicView.summaries`); nil or misaligned, they are
    /// computed here, on `tasks` threads. Everything below works on them: integers only.
    init(_ input: [PublicFiling], summaries: [FilingSummary]?, order: BuildOptions.ListOrder, latestCount: Int,
         tasks: Int = 1) async throws(PortalError) {
        let summaries = summaries?.count == input.count ? summaries!
            : (try? await Concurrent.map(Array(input.indices), tasks: tasks, worker: { input }) { input, i in FilingSummary(input[i]) })
            ?? input.map { FilingSummary($0) }
        let problems = Self.problems(input, summaries: summaries)
        guard problems.isEmpty else { throw PortalError(problems) }

        // Sort on integers (date, then the number's digits), not on the records themselves.
        // List order and the entities' runs (below) are two independent sorts: one per core.
        let (ascending, byEntity) = Concurrent.both(tasks: tasks, {
            var keyed = summaries.enumerated().map { (day: $0.element.order.day, head: $0.element.order.head, last: $0.element.order.last, at: $0.offset) }
            keyed.sort { ($0.day, $0.head, $0.last, $0.at) < ($1.day, $1.head, $1.last, $1.at) }
            return keyed.map(\.at)
        }, {
            // By entity, then number, each filing by its place in `summaries`.
            var byEntity = summaries.enumerated().map { (entity: $0.element.entity, head: $0.element.order.head, last: $0.element.order.last, at: Int32($0.offset)) }
            byEntity.sort { ($0.entity, $0.head, $0.last) < ($1.entity, $1.head, $1.last) }
            return byEntity
        })
        let permutation = order == .oldestFirst ? ascending : ascending.reversed()
        filings = permutation.map { input[$0] }
        let sorted = permutation.map { summaries[$0] }
        self.summaries = sorted
        keys = sorted.map { Fingerprint(word: $0.key) }
        // The newest positions of the ascending order, as indices into `filings`.
        latest = Array(ascending.indices.reversed().prefix(latestCount)).map { order == .oldestFirst ? $0 : ascending.count - 1 - $0 }

        // Types by their place in `allCases` (an array, not a hash per filing).
        let types = AlgorithmType.allCases
        var typeLists = [[Int]](repeating: [], count: types.count)
        var active = 0
        var newest = -1
        for (i, s) in sorted.enumerated() {
            typeLists[types.firstIndex(of: s.type)!].append(i)
            if s.active { active += 1 }
            if newest < 0 || s.newestDay > sorted[newest].newestDay { newest = i }
        }
        var byType: [AlgorithmType: [Int]] = [:]
        for (k, list) in typeLists.enumerated() where !list.isEmpty { byType[types[k]] = list }
        self.byType = byType
        self.activeCount = active
        self.cancelledCount = sorted.count - active
        let filings = self.filings
        self.asOf = newest < 0 ? nil : filings[newest].newestDate
        entities = Self.entityGroups(byEntity, permutation: permutation, sorted: sorted, filings: filings)
    }

    /// Repeated filing numbers and entity ids that do not match their number, all of them.
    private static func problems(_ input: [PublicFiling], summaries: [FilingSummary]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var duplicates = Set<Int>()
        for group in FilingSummary.repeatedNumbers(summaries) { duplicates.formUnion(group.dropFirst()) }
        for (i, s) in summaries.enumerated() {
            let duplicate = duplicates.contains(i)
            guard duplicate || !s.entityMatches else { continue }
            let f = input[i]
            let at = SourceLocation(path: "filings/\(f.id)")
            if duplicate {
                problems.append(Diagnostic(.duplicateID, at: at,
                    message: Localized(zh: "备案编号 \(f.number) 重复出现", en: "the filing number \(f.number) appears twice"),
                    help: Localized(zh: "每个备案编号只能对应一条公示记录", en: "give the portal one public record per filing number")))
            }
            if !s.entityMatches {
                problems.append(Diagnostic(.contentInvalid, at: at,
                    message: Localized(zh: "主体编号“\(f.entityID)”与备案编号不符", en: "the entity id “\(f.entityID)” does not match the filing number"),
                    help: Localized(zh: "主体编号是备案编号的第 7–13 位", en: "the entity id is digits 7–13 of the filing number")))
            }
        }
        return problems
    }

    /// Each entity's filings, as positions in list order, and its newest filing.
    private static func entityGroups(_ byEntity: [(entity: Int, head: UInt64, last: UInt8, at: Int32)], permutation: [Int],
                                     sorted: [FilingSummary], filings: [PublicFiling]) -> [EntityGroup] {
        // Entities: one sort by (entity, number) on integers gives each entity's filings as a
        // run, in number order (no table of 35,000 growing arrays).
        // `byEntity` holds places in `summaries`; `filings` and `sorted` are in `permutation`'s
        // order, so map each place to its position there.
        var position = [Int](repeating: 0, count: permutation.count)
        for (k, i) in permutation.enumerated() { position[i] = k }
        var groups: [EntityGroup] = []
        var start = 0
        while start < byEntity.count {
            var end = start + 1
            while end < byEntity.count, byEntity[end].entity == byEntity[start].entity { end += 1 }
            let members = byEntity[start..<end].map { position[Int($0.at)] }
            // The newest approval carries the entity's current name and region.
            let newest = members.max { sorted[$0].order < sorted[$1].order }!
            // `entityMatches` (checked above) makes the id the filing's `entityID`.
            let digits = String(byEntity[start].entity)
            groups.append(EntityGroup(id: String(repeating: "0", count: max(0, 7 - digits.count)) + digits, newest: filings[newest], filings: members))
            start = end
        }
        return groups
    }
}
