import Synchronization
import Foundation

/// 已备案 or 已注销 on the portal.
public enum PublicStatus: String, Sendable, Codable, CaseIterable {
    case active = "已备案"
    case cancelled = "已注销"
}

/// What a public step of a filing's life is, for those who follow the register (the feeds):
/// typed where the step is made (`PublicRegistry`, the importer), never read off its note.
public enum PublicEventKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// The filing was approved (备案通过), or first listed in CAC's published lists.
    case filed
    /// An approved change of the filing or of its entity (rename, new region), or a listing
    /// again in a later published list.
    case changed
    /// The filing was cancelled (注销), or its entity was (主体注销).
    case cancelled

    /// The kind of a step stored before kinds were (imported snapshots, older caches), and of
    /// a step made without one, from the notes the registry and the importer write: the only
    /// place a note is read for meaning. (`监管部门注销` is the regulator's own cancellation,
    /// `review revoke`, which is being merged beside this: its step is a cancellation even where
    /// it is made without a kind.)
    public static func legacy(note: String) -> PublicEventKind {
        switch PublicNote(note) {
        case .filed, .listed: .filed
        case .cancelled, .entityCancelled, .regulatorCancelled: .cancelled
        // A listing note cut short (never written so, kept as before kinds existed).
        default: note.hasPrefix("列入 ") ? .filed : .changed
        }
    }
}

/// One public step in a filing's life: approval, an approved change, cancellation.
public struct PublicEvent: Sendable, Codable, Hashable {
    /// What the step is: `PublicEventKind`, by the name pages use.
    public typealias Kind = PublicEventKind

    public var date: CalendarDate
    public var note: String
    /// What the step is (the note is for people, and translated).
    public var kind: PublicEventKind
    /// For an approved change (of the algorithm, or of its entity's name or region): the public
    /// fields it changed, old → new, in `PublicField` order. Empty for other steps, and for a
    /// change of private fields only.
    public var changes: [PublicChange]

    /// The note as a value: what pages translate and decide from (`PublicNote`).
    public var publicNote: PublicNote { PublicNote(note) }

    /// A step whose note the registry writes, stored as its text.
    public init(date: CalendarDate, note: PublicNote, kind: Kind, changes: [PublicChange] = []) {
        self.init(date: date, note: note.text, kind: kind, changes: changes)
    }

    /// `kind` nil: the kind its note had before kinds were stored (`PublicEventKind.legacy`).
    public init(date: CalendarDate, note: String, kind: PublicEventKind? = nil, changes: [PublicChange] = []) {
        self.date = date
        self.note = note
        self.kind = kind ?? .legacy(note: note)
        self.changes = changes
    }

    private enum CodingKeys: String, CodingKey { case date, note, kind, changes }

    /// `changes` may be absent (snapshots of imported filings written before it existed), and
    /// `kind` too (then it is the legacy kind of the note).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decode(CalendarDate.self, forKey: .date)
        note = try c.decode(String.self, forKey: .note)
        kind = try c.decodeIfPresent(PublicEventKind.self, forKey: .kind) ?? .legacy(note: note)
        changes = try c.decodeIfPresent([PublicChange].self, forKey: .changes) ?? []
    }

    /// `changes` written only when there are some, and `kind` only when it is not its note's
    /// legacy kind (what decoding gives without it), so a step encodes as before kinds existed
    /// whenever it can, and always decodes to itself.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(note, forKey: .note)
        if kind != .legacy(note: note) { try c.encode(kind, forKey: .kind) }
        if !changes.isEmpty { try c.encode(changes, forKey: .changes) }
    }
}
