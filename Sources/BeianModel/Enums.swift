/// 算法类型 with its two-digit code in the filing number (SPEC §2.3).
public enum AlgorithmType: String, Sendable, Codable, CaseIterable, Comparable {
    case generative = "生成合成类"
    case personalised = "个性化推送类"
    case ranking = "排序精选类"
    case retrieval = "信息检索类"
    case filtering = "内容过滤类"
    case scheduling = "调度决策类"

    /// The two digits at positions 14–15 of a filing number.
    public var code: String {
        switch self {
        case .generative: "01"
        case .personalised: "02"
        case .ranking: "03"
        case .retrieval: "04"
        case .filtering: "05"
        case .scheduling: "06"
        }
    }

    public init?(code: String) {
        guard let t = AlgorithmType.allCases.first(where: { $0.code == code }) else { return nil }
        self = t
    }

    /// A stable ASCII slug for URLs (`/list/type-02/`).
    public var slug: String { "type-\(code)" }

    public static func < (a: AlgorithmType, b: AlgorithmType) -> Bool { a.code < b.code }
}

/// 角色: who runs the algorithm.
public enum AlgorithmRole: String, Sendable, Codable, CaseIterable {
    case provider = "服务提供者"
    case technicalSupporter = "服务技术支持者"
}

/// 主体类型.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
    case enterprise = "企业"
    case publicInstitution = "事业单位"
    case socialOrganisation = "社会团体"
    case privateNonEnterprise = "民办非企业单位"
    case other = "其他"
}

/// 服务形式 of a product.
public enum ProductForm: String, Sendable, Codable, CaseIterable {
    case app = "APP"
    case website = "网站"
    case miniProgram = "小程序"
    case publicAccount = "公众账号"
    case other = "其他"
}

/// 服务状态 of a product.
public enum ProductStatus: String, Sendable, Codable, CaseIterable {
    case running = "运行中"
    case notLaunched = "未上线"
    case offline = "已下线"
}

/// 证件类型 of a person.
public enum PersonIDType: String, Sendable, Codable, CaseIterable {
    case residentID = "居民身份证"
    case passport = "护照"
    case hongKongMacau = "港澳居民来往内地通行证"
    case taiwan = "台湾居民来往大陆通行证"
    case foreignPermanentResident = "外国人永久居留身份证"
}

/// 技术服务方式 of a 服务技术支持者.
public enum TechnicalServiceMode: String, Sendable, Codable, CaseIterable {
    case api = "API"
    case sdk = "SDK"
    case onPremises = "私有化部署"
    case other = "其他"
}
