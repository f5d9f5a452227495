/// One filing as the public may see it: the only record type the portal, the search index
/// and the open data are built from.
///
/// This is the privacy allow-list (SPEC §4): a field that is not here cannot be published.
/// Never add credit codes, people, detailed attributes, attachments or reviewer notes.
public struct PublicFiling: Sendable, Codable, Hashable {
    public var number: FilingNumber
    public var algorithmName: String
    public var type: AlgorithmType
    public var role: AlgorithmRole
    public var entityName: String
    /// The 7-digit entity id of the filing number, the entity page's stable key.
    public var entityID: String
    /// 注册地 of the entity (six-digit division code).
    public var region: String
    /// Products as published, `名称（形态）`; empty for a 服务技术支持者 (shown as `--`).
    public var products: [String]
    public var purpose: String
    /// 拟公示内容, Markdown, published verbatim (rendered without raw HTML).
    public var disclosure: String
    public var approvedOn: CalendarDate
    public var status: PublicStatus
    public var cancelledOn: CalendarDate?
    /// 备注: public change notes, oldest first (renames, product changes, 已注销).
    public var notes: [String]
    /// Public history: each approved version or change, oldest first.
    public var history: [PublicEvent]
    /// True for records migrated from CAC's published lists by `beian import`.
    public var imported: Bool

    public init(number: FilingNumber, algorithmName: String, type: AlgorithmType, role: AlgorithmRole,
                entityName: String, entityID: String, region: String, products: [String], purpose: String,
                disclosure: String, approvedOn: CalendarDate, status: PublicStatus = .active,
                cancelledOn: CalendarDate? = nil, notes: [String] = [], history: [PublicEvent] = [], imported: Bool = false) {
        self.number = number
        self.algorithmName = algorithmName
        self.type = type
        self.role = role
        self.entityName = entityName
        self.entityID = entityID
        self.region = region
        self.products = products
        self.purpose = purpose
        self.disclosure = disclosure
        self.approvedOn = approvedOn
        self.status = status
        self.cancelledOn = cancelledOn
        self.notes = notes
        self.history = history
        self.imported = imported
    }

    /// The stable public id: the 21 digits of the number. URLs are `/filings/<id>/`.
    public var id: String { number.digits }
    /// `--` for a technical supporter, else the products joined with `、`, as published.
    public var productsText: String { products.isEmpty ? "--" : products.joined(separator: "、") }
    /// 备注 as one cell.
    public var notesText: String { notes.joined(separator: "；") }
}

/// 已备案 or 已注销 on the portal.
public enum PublicStatus: String, Sendable, Codable, CaseIterable {
    case active = "已备案"
    case cancelled = "已注销"
}

/// One public step in a filing's life: approval, an approved change, cancellation.
public struct PublicEvent: Sendable, Codable, Hashable {
    public var date: CalendarDate
    public var note: String
    public init(date: CalendarDate, note: String) {
        self.date = date
        self.note = note
    }
}
