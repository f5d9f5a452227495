import BeianDiagnostics
import BeianModel
import BeianOutput

/// The feeds a person subscribes to (SPEC §13): the latest public steps of the register — new
/// filings, approved changes, cancellations (`PublicEventKind`) — site-wide (all steps, and one
/// feed per kind), per 算法类别, per province and per entity, as Atom (`AtomWriter`), in
/// Chinese and under `en/` in English (UI strings translated, filer text as filed).
///
/// Entries are the steps of each filing's 公示历史 (`PublicFiling.history`), the latest
/// `BuildOptions.filingFeedLimit` (100) of the feed's scope, newest first: by date, then
/// filing number, then the step's place in the history (all descending). Each entry's id is
/// the filing's Chinese page address and the step (`#event-N`, its place in the history, which
/// only grows), the same in both languages; its dates are the step's day (no build time).
///
/// Which filings can hold those entries is decided from the summaries alone (`candidates`):
/// each filing's newest day of each kind of step (`FilingSummary.eventDays`). The
/// `limit` filings newest by that day hold every entry of the feed — a step of any other
/// filing is older (or as old, with a lower number) than the newest step of each of those
/// `limit` — so a feed decodes at most `limit` filings, and its input key is their keys: a
/// feed no new step reaches is kept without being rendered.
struct FilingFeed: Sendable, Hashable {
    /// What a feed follows.
    enum Scope: Sendable, Hashable {
        /// Every filing: every step (nil), or one kind of step.
        case site(PublicEventKind?)
        case type(AlgorithmType)
        /// A province, by the two leading digits of its division code (11 for 北京市).
        case province(Int)
        /// One entity's filings (its page's feed, made with the page).
        case entity(String)
    }

    let scope: Scope

    /// The site-wide feeds: every step, then one per kind.
    static let siteWide = ([nil] + PublicEventKind.allCases).map { FilingFeed(scope: .site($0)) }

    /// The site-wide feeds, the per-type ones and those of `provinces`: every feed but the
    /// entities' (which their pages' jobs make).
    static func shared(provinces: [Int]) -> [FilingFeed] {
        siteWide + AlgorithmType.allCases.map { FilingFeed(scope: .type($0)) }
            + provinces.map { FilingFeed(scope: .province($0)) }
    }

    /// Site-relative path (Chinese; `en/` is added for the English feed).
    var path: String {
        switch scope {
        case .site(nil): "feeds/filings.xml"
        case .site(.filed): "feeds/new.xml"
        case .site(.changed): "feeds/changes.xml"
        case .site(.cancelled): "feeds/cancellations.xml"
        case .type(let t): "feeds/\(t.slug).xml"
        case .province(let p): "feeds/province-\(Self.twoDigits(p)).xml"
        case .entity(let id): Routes.entity(id) + "feed.xml"
        }
    }

    /// The kind of step the feed holds (nil: every kind).
    var kind: PublicEventKind? {
        if case .site(let k) = scope { return k }
        return nil
    }

    /// The HTML page the feed belongs to (its `<link rel="alternate">` points here, and the
    /// page links the feed): 备案清单 site-wide, the type's list, 统计 for a province (no
    /// page lists a province's filings; 统计 counts them), the entity's page.
    var page: String {
        switch scope {
        case .site: Routes.list
        case .type(let t): Routes.list(type: t, page: 1)
        case .province: Routes.stats
        case .entity(let id): Routes.entity(id)
        }
    }

    /// The feed's name in a page's link, in `lang` (no filer text: an English page's link
    /// needs no Chinese).
    func label(_ lang: Lang) -> String {
        switch scope {
        case .site(nil): Localized(zh: "全部备案动态", en: "All updates")(lang)
        case .site(.filed): Localized(zh: "新增备案", en: "New filings")(lang)
        case .site(.changed): Localized(zh: "备案变更", en: "Changes")(lang)
        case .site(.cancelled): Localized(zh: "备案注销", en: "Cancellations")(lang)
        case .type: Localized(zh: "本类别备案动态", en: "Updates of this type")(lang)
        case .province(let p): Self.provinceName(p, lang)
        case .entity: Localized(zh: "本主体备案动态", en: "Updates of this entity")(lang)
        }
    }

    /// The feed's title: the site's, then what it follows.
    func title(site: String, entityName: String?, lang: Lang) -> String {
        let what: String
        switch scope {
        case .site: what = label(lang)
        case .type(let t): what = Localized(zh: "\(t.rawValue) · 备案动态", en: "\(t.englishName) · updates")(lang)
        case .province(let p): what = Localized(zh: "\(Self.provinceName(p, .zh)) · 备案动态", en: "\(Self.provinceName(p, .en)) · updates")(lang)
        case .entity: what = Localized(zh: "\(entityName ?? "") · 备案动态", en: "\(entityName ?? "") · updates")(lang)
        }
        return "\(site) · \(what)"
    }

    static func provinceName(_ p: Int, _ lang: Lang) -> String {
        let code = twoDigits(p) + "0000"
        return (lang == .en ? Region.englishProvinceName(of: code) : Region.provinceName(of: code)) ?? code
    }

    static func twoDigits(_ p: Int) -> String { p < 10 ? "0\(p)" : "\(p)" }

    // MARK: What a feed holds

    /// The filings (indices of `members`' values) that can hold the feed's entries: the
    /// `limit` newest by their newest step of `kind`, newest first (see the type's comment).
    static func candidates(_ members: [Int], summaries: [FilingSummary], kind: PublicEventKind?, limit: Int) -> [Int] {
        var keyed: [(day: Int, head: UInt64, last: UInt8, at: Int)] = []
        for i in members {
            let day = summaries[i].eventDay(kind)
            if day > 0 { keyed.append((day, summaries[i].order.head, summaries[i].order.last, i)) }
        }
        keyed.sort { ($0.day, $0.head, $0.last) > ($1.day, $1.head, $1.last) }
        return keyed.prefix(limit).map(\.at)
    }

    /// One entry: a step of a filing.
    struct Step {
        let filing: Int
        let event: Int
    }

    /// The feed's entries from its candidates: their steps of `kind`, newest first, the first `limit`.
    static func steps(_ candidates: [Int], filings: [PublicFiling], kind: PublicEventKind?, limit: Int) -> [Step] {
        var all: [(day: Int, head: UInt64, last: UInt8, step: Step)] = []
        for i in candidates {
            let f = filings[i]
            let (head, last) = f.number.integerKey
            for (n, e) in f.history.enumerated() where kind == nil || e.kind == kind {
                all.append((e.date.dayNumber, head, last, Step(filing: i, event: n)))
            }
        }
        all.sort { ($0.day, $0.head, $0.last, $0.step.event) > ($1.day, $1.head, $1.last, $1.step.event) }
        return all.prefix(limit).map(\.step)
    }

    /// The input key of a feed over `candidates`: their keys (every field the entries show)
    /// and, for an empty feed, the epoch that dates it.
    static func key(_ path: String, candidates: [Int], keys: [Fingerprint], limit: Int, sourceDateEpoch: Int64?) -> StableHash {
        var key = StableHash("filing feed 1", path)
        key.add(limit)
        key.add(candidates.count)
        for i in candidates { key.add(keys[i]) }
        if candidates.isEmpty { key.add(Int(sourceDateEpoch ?? 0)) }
        return key
    }

    // MARK: Rendering

    /// The feed in the language of `chrome`.
    func render(_ steps: [Step], filings: [PublicFiling], entityName: String?, chrome: Chrome, sourceDateEpoch: Int64?) -> String {
        let routes = chrome.routes
        let zhRoutes = chrome.siteRoutes
        let lang = chrome.lang
        let entries = steps.map { step -> AtomWriter.Entry in
            let f = filings[step.filing]
            let e = f.history[step.event]
            let name = PlainText.clean(f.algorithmName)
            let title: String
            switch e.kind {
            case .filed: title = Localized(zh: "新增备案：\(name)", en: "New filing: \(name)")(lang)
            case .changed: title = Localized(zh: "备案变更：\(name)", en: "Changed: \(name)")(lang)
            case .cancelled: title = Localized(zh: "备案注销：\(name)", en: "Cancelled: \(name)")(lang)
            }
            let stamp = AtomWriter.stamp(e.date)
            return AtomWriter.Entry(title: title, id: zhRoutes.absolute(Routes.filing(f.id)) + "#event-\(step.event + 1)",
                                    link: routes.absolute(Routes.filing(f.id)), published: stamp, updated: stamp,
                                    summary: Self.summary(f, e, lang: lang))
        }
        let updated = steps.first.map { AtomWriter.stamp(filings[$0.filing].history[$0.event].date) } ?? Clock.timestamp(sourceDateEpoch ?? 0)
        let url = routes.absolute(path)
        return AtomWriter.feed(lang: lang.htmlLang, title: title(site: chrome.siteTitle, entityName: entityName.map(PlainText.clean), lang: lang),
                               id: url, selfURL: url, alternate: routes.absolute(page), updated: updated, author: chrome.siteTitle,
                               entries: entries)
    }

    /// What an entry says: entity, number, type, the step's note (translated where the
    /// registry wrote it) and, for a change, the public fields it changed.
    static func summary(_ f: PublicFiling, _ e: PublicEvent, lang: Lang) -> String {
        let note = PublicNotes.item(e.note, lang: lang).text
        var parts = [PlainText.clean(f.entityName), f.number.description, lang == .zh ? f.type.rawValue : f.type.englishName,
                     lang == .zh ? e.date.description : e.date.englishText, note]
        if !e.changes.isEmpty {
            let fields = e.changes.map { HistoryModel.label($0.field)(lang) }
            parts.append(Localized(zh: "变更字段：\(fields.joined(separator: "、"))", en: "Changed: \(fields.joined(separator: ", "))")(lang))
        }
        return parts.joined(separator: " · ")
    }
}
