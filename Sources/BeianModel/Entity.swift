/// 主体信息: the filing entity, as filed in `entity.yaml`. Fields a draft leaves empty are "".
public struct Entity: Sendable, Codable, Hashable {
    /// The bundle's folder name, the entity's handle in commands.
    public var id: String
    public var name: String
    public var creditCode: String
    public var kind: String
    public var region: String
    public var address: String
    public var website: String?
    public var monthlyActiveUsers: Int?
    public var certificate: Certificate
    public var legalRepresentative: Person
    public var securityOfficer: Person
    public var commitmentLetter: String
    public var responsibilityReport: String

    public init(id: String, name: String = "", creditCode: String = "", kind: String = "", region: String = "",
                address: String = "", website: String? = nil, monthlyActiveUsers: Int? = nil,
                certificate: Certificate = Certificate(), legalRepresentative: Person = Person(),
                securityOfficer: Person = Person(), commitmentLetter: String = "", responsibilityReport: String = "") {
        self.id = id
        self.name = name
        self.creditCode = creditCode
        self.kind = kind
        self.region = region
        self.address = address
        self.website = website
        self.monthlyActiveUsers = monthlyActiveUsers
        self.certificate = certificate
        self.legalRepresentative = legalRepresentative
        self.securityOfficer = securityOfficer
        self.commitmentLetter = commitmentLetter
        self.responsibilityReport = responsibilityReport
    }
}

/// 证件信息.
public struct Certificate: Sendable, Codable, Hashable {
    public var type = ""
    public var number = ""
    public var validUntil = ""
    public var scan = ""
    public init(type: String = "", number: String = "", validUntil: String = "", scan: String = "") {
        self.type = type
        self.number = number
        self.validUntil = validUntil
        self.scan = scan
    }
}

/// 法定代表人 or 算法安全责任人. Confidential: never published.
public struct Person: Sendable, Codable, Hashable {
    public var name = ""
    public var title = ""
    public var idType = ""
    public var idNumber = ""
    public var mobile = ""
    public var email = ""
    public init(name: String = "", title: String = "", idType: String = "", idNumber: String = "",
                mobile: String = "", email: String = "") {
        self.name = name
        self.title = title
        self.idType = idType
        self.idNumber = idNumber
        self.mobile = mobile
        self.email = email
    }
}
