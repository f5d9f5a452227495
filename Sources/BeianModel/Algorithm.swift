/// 算法信息: basic attributes, the association with products, and the disclosure text.
///
/// The detailed attributes (算法详细属性) are confidential; they are kept as flattened
/// `key path → text` pairs for review and diffs, and never reach a public type.
public struct Algorithm: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    public var type: String
    public var role: String
    /// 应用领域, each one of `BundleSchema.domains`; `domainsOther` names the domain when 其他 is
    /// among them (nil otherwise, so snapshots without it encode as before).
    public var domains: [String]
    public var domainsOther: String?
    public var scenarios: [String]
    public var purpose: String
    public var launchedOn: String
    public var selfAssessment: String
    public var technicalService: TechnicalService?
    public var appliesTo: [AppliesTo]
    public var details: [String: String]
    /// `disclosure.md`, verbatim.
    public var disclosure: String

    public init(id: String, name: String = "", type: String = "", role: String = "", domains: [String] = [],
                scenarios: [String] = [], purpose: String = "", launchedOn: String = "", selfAssessment: String = "",
                technicalService: TechnicalService? = nil, appliesTo: [AppliesTo] = [], details: [String: String] = [:],
                disclosure: String = "") {
        self.id = id
        self.name = name
        self.type = type
        self.role = role
        self.domains = domains
        self.scenarios = scenarios
        self.purpose = purpose
        self.launchedOn = launchedOn
        self.selfAssessment = selfAssessment
        self.technicalService = technicalService
        self.appliesTo = appliesTo
        self.details = details
        self.disclosure = disclosure
    }

    public var algorithmType: AlgorithmType? { AlgorithmType(rawValue: type) }
    public var algorithmRole: AlgorithmRole? { AlgorithmRole(rawValue: role) }
}

/// 技术服务 of a 服务技术支持者.
public struct TechnicalService: Sendable, Codable, Hashable {
    public var modes: [String]
    public var description: String
    public init(modes: [String] = [], description: String = "") {
        self.modes = modes
        self.description = description
    }
}

/// One entry of `applies_to`: a whole product, one access path of it, or one function.
public struct AppliesTo: Sendable, Codable, Hashable {
    public var product: String
    public var path: String?
    public var function: String?
    public init(product: String, path: String? = nil, function: String? = nil) {
        self.product = product
        self.path = path
        self.function = function
    }
}
