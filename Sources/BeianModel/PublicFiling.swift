import Synchronization
public import Foundation

/// One filing as the public may see it: the only record type the portal, the search index
/// and the open data are built from.
///
/// This is the privacy allow-list (SPEC §4): a field that is not here cannot be published.
/// Never add credit codes, people, detailed attributes, attachments or reviewer notes.
public struct PublicFiling: Sendable, Codable, Hashable {
    /// The fields, in one shared box: copying a filing (sorting, grouping, handing it to a
    /// task) costs one reference count instead of one per string and array — at 100,000
    /// filings those counts were a quarter of a rebuild's CPU. Copy on write keeps the value
    /// semantics: a filing changed through one copy never changes another.
    ///
    /// A box may also hold the filing still encoded (`init(deferred:decode:)`, the registry's
    /// cache): it is decoded the first time a field is read, once, whichever thread reads it.
    /// A rebuild after one approval reads a few hundred of 100,000 filings; the rest are only
    /// sorted and compared by their `FilingSummary`, and never decoded.
    private var box: Box

    private final class Box: @unchecked Sendable {
        // Never mutated while shared: `PublicFiling`'s setters copy a shared box first. A
        // deferred box is never mutated at all: setters replace it with a decoded one.
        /// The fields; nil in a deferred box (see `value`).
        var fields: Fields?
        let deferred: Deferred?
        let decoded = AtomicLazyReference<Decoded>()

        init(_ fields: Fields) {
            self.fields = fields
            deferred = nil
        }

        init(deferred: Deferred) {
            fields = nil
            self.deferred = deferred
        }

        /// The decoded fields of a deferred box (decoded by the first reader; a reader that
        /// loses the race drops its copy and takes the winner's).
        var value: Decoded {
            if let d = decoded.load() { return d }
            let d = deferred!
            guard let filing = d.decode(d.payload) else {
                // The cache checks its version and the checksum of every shard before a
                // record is deferred, and writes it with the encoder this decoder mirrors.
                preconditionFailure("a deferred public filing does not decode: delete the build's registry cache (.*.registry-cache) and build again")
            }
            return decoded.storeIfNil(Decoded(filing.f))
        }
    }

    /// An encoded filing and the function that decodes it.
    private struct Deferred: Sendable {
        var payload: Data
        var decode: @Sendable (Data) -> PublicFiling?
    }

    private final class Decoded: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    /// The fields to read: the box's own, or its decoded ones.
    private var f: Fields {
        _read {
            if box.deferred == nil { yield box.fields! } else { yield box.value.fields }
        }
    }

    /// What is public, field by field (also the JSON form: snapshots of imported filings).
    private struct Fields: Codable, Hashable, Sendable {
        var number: FilingNumber
        var algorithmName: String
        var type: AlgorithmType
        var role: AlgorithmRole
        var entityName: String
        var entityID: String
        var region: String
        var products: [String]
        var hosts: [String]
        var purpose: String
        var disclosure: String
        var approvedOn: CalendarDate
        var status: PublicStatus
        var cancelledOn: CalendarDate?
        var notes: [String]
        var history: [PublicEvent]
        var imported: Bool

        init(number: FilingNumber, algorithmName: String, type: AlgorithmType, role: AlgorithmRole, entityName: String,
             entityID: String, region: String, products: [String], hosts: [String], purpose: String, disclosure: String,
             approvedOn: CalendarDate, status: PublicStatus, cancelledOn: CalendarDate?, notes: [String], history: [PublicEvent],
             imported: Bool) {
            (self.number, self.algorithmName, self.type, self.role, self.entityName) = (number, algorithmName, type, role, entityName)
            (self.entityID, self.region, self.products, self.hosts, self.purpose) = (entityID, region, products, hosts, purpose)
            (self.disclosure, self.approvedOn, self.status, self.cancelledOn) = (disclosure, approvedOn, status, cancelledOn)
            (self.notes, self.history, self.imported) = (notes, history, imported)
        }

        private enum CodingKeys: String, CodingKey {
            case number, algorithmName, type, role, entityName, entityID, region, products, hosts, purpose, disclosure
            case approvedOn, status, cancelledOn, notes, history, imported
        }

        /// `hosts` may be absent: snapshots of imported filings (CAC's lists carry no URLs)
        /// and everything written before hosts were published.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            number = try c.decode(FilingNumber.self, forKey: .number)
            algorithmName = try c.decode(String.self, forKey: .algorithmName)
            type = try c.decode(AlgorithmType.self, forKey: .type)
            role = try c.decode(AlgorithmRole.self, forKey: .role)
            entityName = try c.decode(String.self, forKey: .entityName)
            entityID = try c.decode(String.self, forKey: .entityID)
            region = try c.decode(String.self, forKey: .region)
            products = try c.decode([String].self, forKey: .products)
            hosts = try c.decodeIfPresent([String].self, forKey: .hosts) ?? []
            purpose = try c.decode(String.self, forKey: .purpose)
            disclosure = try c.decode(String.self, forKey: .disclosure)
            approvedOn = try c.decode(CalendarDate.self, forKey: .approvedOn)
            status = try c.decode(PublicStatus.self, forKey: .status)
            cancelledOn = try c.decodeIfPresent(CalendarDate.self, forKey: .cancelledOn)
            notes = try c.decode([String].self, forKey: .notes)
            history = try c.decode([PublicEvent].self, forKey: .history)
            imported = try c.decode(Bool.self, forKey: .imported)
        }

        /// `hosts` written only when there are some, so a filing without encodes as before.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .number)
            try c.encode(algorithmName, forKey: .algorithmName)
            try c.encode(type, forKey: .type)
            try c.encode(role, forKey: .role)
            try c.encode(entityName, forKey: .entityName)
            try c.encode(entityID, forKey: .entityID)
            try c.encode(region, forKey: .region)
            try c.encode(products, forKey: .products)
            if !hosts.isEmpty { try c.encode(hosts, forKey: .hosts) }
            try c.encode(purpose, forKey: .purpose)
            try c.encode(disclosure, forKey: .disclosure)
            try c.encode(approvedOn, forKey: .approvedOn)
            try c.encode(status, forKey: .status)
            try c.encodeIfPresent(cancelledOn, forKey: .cancelledOn)
            try c.encode(notes, forKey: .notes)
            try c.encode(history, forKey: .history)
            try c.encode(imported, forKey: .imported)
        }
    }

    private mutating func unique() {
        if box.deferred != nil {
            let fields = f
            box = Box(fields)
        } else if !isKnownUniquelyReferenced(&box) {
            box = Box(box.fields!)
        }
    }

    public var number: FilingNumber {
        get { f.number }
        _modify { unique(); yield &box.fields!.number }
        set { unique(); box.fields!.number = newValue }
    }
    public var algorithmName: String {
        get { f.algorithmName }
        _modify { unique(); yield &box.fields!.algorithmName }
        set { unique(); box.fields!.algorithmName = newValue }
    }
    public var type: AlgorithmType {
        get { f.type }
        _modify { unique(); yield &box.fields!.type }
        set { unique(); box.fields!.type = newValue }
    }
    public var role: AlgorithmRole {
        get { f.role }
        _modify { unique(); yield &box.fields!.role }
        set { unique(); box.fields!.role = newValue }
    }
    public var entityName: String {
        get { f.entityName }
        _modify { unique(); yield &box.fields!.entityName }
        set { unique(); box.fields!.entityName = newValue }
    }
    /// The 7-digit entity id of the filing number, the entity page's stable key.
    public var entityID: String {
        get { f.entityID }
        _modify { unique(); yield &box.fields!.entityID }
        set { unique(); box.fields!.entityID = newValue }
    }
    /// 注册地 of the entity (six-digit division code).
    public var region: String {
        get { f.region }
        _modify { unique(); yield &box.fields!.region }
        set { unique(); box.fields!.region = newValue }
    }
    /// Products as published, `名称（形态）`; empty for a 服务技术支持者 (shown as `--`).
    public var products: [String] {
        get { f.products }
        _modify { unique(); yield &box.fields!.products }
        set { unique(); box.fields!.products = newValue }
    }
    /// 网站域名: the hosts of the products' URLs (`ProductHost`, frozen at approval), in
    /// product order without repeats; empty for products without one and imported filings.
    public var hosts: [String] {
        get { f.hosts }
        _modify { unique(); yield &box.fields!.hosts }
        set { unique(); box.fields!.hosts = newValue }
    }
    public var purpose: String {
        get { f.purpose }
        _modify { unique(); yield &box.fields!.purpose }
        set { unique(); box.fields!.purpose = newValue }
    }
    /// 拟公示内容, Markdown, published verbatim (rendered without raw HTML).
    public var disclosure: String {
        get { f.disclosure }
        _modify { unique(); yield &box.fields!.disclosure }
        set { unique(); box.fields!.disclosure = newValue }
    }
    public var approvedOn: CalendarDate {
        get { f.approvedOn }
        _modify { unique(); yield &box.fields!.approvedOn }
        set { unique(); box.fields!.approvedOn = newValue }
    }
    public var status: PublicStatus {
        get { f.status }
        _modify { unique(); yield &box.fields!.status }
        set { unique(); box.fields!.status = newValue }
    }
    public var cancelledOn: CalendarDate? {
        get { f.cancelledOn }
        _modify { unique(); yield &box.fields!.cancelledOn }
        set { unique(); box.fields!.cancelledOn = newValue }
    }
    /// 备注: public change notes, oldest first (renames, product changes, 已注销).
    public var notes: [String] {
        get { f.notes }
        _modify { unique(); yield &box.fields!.notes }
        set { unique(); box.fields!.notes = newValue }
    }
    /// Public history: each approved version or change, oldest first.
    public var history: [PublicEvent] {
        get { f.history }
        _modify { unique(); yield &box.fields!.history }
        set { unique(); box.fields!.history = newValue }
    }
    /// True for records migrated from CAC's published lists by `beian import`.
    public var imported: Bool {
        get { f.imported }
        _modify { unique(); yield &box.fields!.imported }
        set { unique(); box.fields!.imported = newValue }
    }

    public init(number: FilingNumber, algorithmName: String, type: AlgorithmType, role: AlgorithmRole,
                entityName: String, entityID: String, region: String, products: [String], hosts: [String] = [], purpose: String,
                disclosure: String, approvedOn: CalendarDate, status: PublicStatus = .active,
                cancelledOn: CalendarDate? = nil, notes: [String] = [], history: [PublicEvent] = [], imported: Bool = false) {
        box = Box(Fields(number: number, algorithmName: algorithmName, type: type, role: role, entityName: entityName,
                         entityID: entityID, region: region, products: products, hosts: hosts, purpose: purpose, disclosure: disclosure,
                         approvedOn: approvedOn, status: status, cancelledOn: cancelledOn, notes: notes, history: history,
                         imported: imported))
    }

    /// A filing kept encoded until a field is first read: `decode(payload)` must give it.
    /// (`decode` returning nil then stops the program: hand over only payloads already checked.)
    public init(deferred payload: Data, decode: @escaping @Sendable (Data) -> PublicFiling?) {
        box = Box(deferred: Deferred(payload: payload, decode: decode))
    }

    /// False while the filing is still encoded (see `init(deferred:decode:)`).
    public var isDecoded: Bool { box.deferred == nil || box.decoded.load() != nil }

    public init(from decoder: any Decoder) throws { box = Box(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try f.encode(to: encoder) }

    public static func == (a: PublicFiling, b: PublicFiling) -> Bool { a.box === b.box || a.f == b.f }

    public func hash(into hasher: inout Hasher) { f.hash(into: &hasher) }

    /// The stable public id: the 21 digits of the number. URLs are `/filings/<id>/`.
    public var id: String { number.digits }
    /// `--` for a technical supporter, else the products joined with `、`, as published.
    public var productsText: String { products.isEmpty ? "--" : products.joined(separator: "、") }
    /// 备注 as one cell.
    public var notesText: String { notes.joined(separator: "；") }
}
