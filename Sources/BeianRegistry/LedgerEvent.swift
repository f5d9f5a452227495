public import BeianModel

/// One line of a ledger: a state change, who made it, when, and the hash chain.
///
/// `hash` is the SHA-256 of the event's canonical JSON with `hash` set to "", so any change
/// of any byte of a line breaks either the JSON, the canonical form, or the chain.
public struct LedgerEvent: Codable, Sendable, Hashable {
    public enum Action: String, Codable, Sendable {
        /// A filer submits an item (new or changed) with the commitment.
        case submit
        /// A product linked to no algorithm is recorded without review (edited directly).
        case record
        case approve
        case reject
        /// A filer asks to cancel an approved algorithm.
        case cancelRequest = "cancel_request"
        /// The registry assigns a 7-digit entity id (registry-wide ledger).
        case assignEntityID = "assign_entity_id"
        /// A record migrated from a published list (`beian import`).
        case importRecord = "import"
        /// Registry-wide (`heads.jsonl`): a bundle's ledger head after one of its events.
        case head
        /// Registry-wide (`heads.jsonl`): the registry, at `beian registry init`, vouches for a
        /// bundle's ledger as it stands (its decisions before it need no reviewer signature).
        case adopt
        /// A reviewer binds another filer key to the entity (`filerKey`), or revokes one: the
        /// reviewed key change of SPEC §11: a package never binds a key; a new entity's first package
        /// proposes its key, which the entity's approval binds (`approve` with `filerKey`).
        case bindKey = "bind_key"
        case revokeKey = "revoke_key"
        /// A cancellation decided, on a filer's copy: imported from a `cancel` receipt, so the
        /// item is 已注销 whether or not this copy holds the request (the registry itself
        /// records an approved cancellation as an `approve` of the pending `cancel_request`).
        case cancel
        /// 监管部门注销: the regulator cancels an approved item on its own (`beian review revoke`),
        /// with no filer request. `reason` is for the filer (in the receipt), `note` the public
        /// note; the item is 已注销 (an entity's revocation cancels its approved items with it).
        case revoke

        /// A reviewer's decision: must be signed by a trusted reviewer key in an initialized registry.
        public var isDecision: Bool { [.approve, .reject, .importRecord, .bindKey, .revokeKey, .cancel, .revoke].contains(self) }
    }

    public var seq: Int
    public var time: String
    public var unixTime: Int64
    public var actor: String
    public var action: Action
    /// The item the event is about (`entity`, `product:<id>`, `algorithm:<id>` on the wire); for
    /// registry-wide events, the bundle id.
    public var item: Subject
    /// For submit: true when the item was approved before (a change).
    public var change: Bool?
    /// Path (relative to the bundle) → SHA-256 of every file the submission covers.
    public var manifest: [String: String]?
    public var attestation: String?
    public var reason: String?
    /// 备案编号 assigned on approval.
    public var number: String?
    public var entityID: String?
    /// SHA-256 of the approved snapshot file under `.beian/snapshots/`.
    public var snapshot: String?
    /// A public change note (备注), e.g. a rename.
    public var note: String?
    public var prev: String
    public var hash: String
    /// Registry-wide events: the bundle ledger's head (`hash` of its last event) and its `seq`.
    public var ledgerHead: String?
    public var ledgerSeq: Int?
    /// The signer's verifier key (`name+keyid+base64`) and its Ed25519 signature of the
    /// event (`EventSignature`); both are covered by `hash`.
    public var signer: String?
    public var signature: String?
    /// On a filer's copy: the SHA-256 of the registry receipt this decision was imported from,
    /// and the registry ledger event it reports (`seq`, `hash`): the base of the next package.
    public var receipt: String?
    public var registrySeq: Int?
    public var registryEvent: String?
    /// A submission received in a sealed package: the package's id (the SHA-256 of its signed
    /// header, `PackageHeader.id`) and the filer key that signed it. On an entity's `approve`,
    /// `filerKey` is the proposed key that approval binds.
    public var package: String?
    public var filerKey: String?
    /// On `submit` and `cancel_request`: the submission's digest (`SubmissionDigest`), what a
    /// reviewer sees in `review show`. On a decision (`approve`, `reject`, `cancel`): the digest
    /// of the submission it decides — a decision names what it decides.
    public var submission: String?
    /// On events received in a sealed package: the package's `sequence` (the filer's count,
    /// strictly increasing): a package not newer than the latest received one is refused.
    public var packageSeq: Int?
    /// On a `bind_key` that claims an entity the registry holds without a credit code (an
    /// imported one): the 统一社会信用代码 the reviewer checked.
    public var creditCode: String?

    public init(seq: Int, clock: Clock, actor: String, action: Action, item: Subject, prev: String) {
        self.seq = seq
        self.time = clock.timestamp
        self.unixTime = clock.now
        self.actor = actor
        self.action = action
        self.item = item
        self.prev = prev
        self.hash = ""
    }

    /// The item of a bundle ledger's event; nil on registry-wide ledgers.
    public var itemRef: ItemRef? { item.itemRef }
    /// True for the registry's approval of a cancellation request (注销): on the registry's
    /// ledgers every other approval records the snapshot it approves, this one none.
    public var approvesCancellation: Bool { action == .approve && snapshot == nil }
    public var filingNumber: FilingNumber? { number.flatMap { FilingNumber(published: $0) } }
    public var date: CalendarDate { CalendarDate(unixTime: unixTime + 8 * 3600) }
}

extension LedgerEvent {
    /// What an event is about, typed as read once from its `item` key: an item of the bundle,
    /// or — on the registry-wide ledgers (`heads.jsonl`, `entities.jsonl`) — a bundle by its id.
    /// On the wire it is the text it was read from, byte for byte (`description`).
    public enum Subject: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
        /// `entity`, `product:<id>` or `algorithm:<id>`.
        case item(ItemRef)
        /// Text that names no item: a bundle id on a registry-wide ledger. (On a bundle ledger
        /// such an event belongs to no item's state.)
        case other(String)

        /// The subject `text` is: an item where it reads as one (`ItemRef` writes it back
        /// unchanged), else `.other`.
        public init(_ text: String) { self = ItemRef(text).map(Subject.item) ?? .other(text) }

        public init(stringLiteral text: String) { self.init(text) }

        /// A registry-wide event's subject: the bundle `id` (typed as it will read back).
        public static func bundle(_ id: String) -> Subject { Subject(id) }

        public var itemRef: ItemRef? {
            if case .item(let ref) = self { ref } else { nil }
        }

        /// The text on the wire: the item reference, or the bundle id.
        public var description: String {
            switch self {
            case .item(let ref): ref.description
            case .other(let text): text
            }
        }

        public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(description)
        }
    }
}
