/// The English names the portal's `/en/` pages use (SPEC §10). The Chinese names are the enums'
/// raw values, as published; these are translations for readers, never parsed back.
extension AlgorithmType {
    public var englishName: String {
        switch self {
        case .generative: "Generative and synthesis"
        case .personalised: "Personalised recommendation"
        case .ranking: "Ranking and selection"
        case .retrieval: "Information retrieval"
        case .filtering: "Content filtering"
        case .scheduling: "Scheduling and decision-making"
        }
    }
}

extension AlgorithmRole {
    public var englishName: String {
        switch self {
        case .provider: "Service provider"
        case .technicalSupporter: "Technical supporter"
        }
    }
}

extension PublicStatus {
    public var englishName: String {
        switch self {
        case .active: "Filed"
        case .cancelled: "Cancelled"
        }
    }
}

extension CalendarDate {
    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]

    /// `2 December 2026`: the date as English pages print it (`description` is ISO 8601).
    public var englishText: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    /// `December 2026`.
    public var englishMonth: String { "\(Self.monthNames[month - 1]) \(year)" }
}

extension Region {
    /// Province-level divisions by their two-digit prefix, in English (pinyin as used by the
    /// State Council's English pages).
    public static let englishProvinceNames: [String: String] = [
        "11": "Beijing", "12": "Tianjin", "13": "Hebei", "14": "Shanxi", "15": "Inner Mongolia",
        "21": "Liaoning", "22": "Jilin", "23": "Heilongjiang", "31": "Shanghai", "32": "Jiangsu",
        "33": "Zhejiang", "34": "Anhui", "35": "Fujian", "36": "Jiangxi", "37": "Shandong",
        "41": "Henan", "42": "Hubei", "43": "Hunan", "44": "Guangdong", "45": "Guangxi",
        "46": "Hainan", "50": "Chongqing", "51": "Sichuan", "52": "Guizhou", "53": "Yunnan",
        "54": "Tibet", "61": "Shaanxi", "62": "Gansu", "63": "Qinghai", "64": "Ningxia",
        "65": "Xinjiang", "71": "Taiwan", "81": "Hong Kong", "82": "Macao",
    ]

    /// The province's English name for a division code, e.g. `Beijing` for 110108.
    public static func englishProvinceName(of code: String) -> String? {
        guard code.utf8.count == 6 else { return nil }
        return englishProvinceNames[String(code.prefix(2))]
    }
}
