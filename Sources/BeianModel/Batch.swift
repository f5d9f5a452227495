
/// The two lists CAC publishes, each with its own batch numbers: 《境内互联网信息服务算法备案清单》
/// and 《境内深度合成服务算法备案清单》 (the `list` column of the published data).
public enum BatchList: String, Sendable, Hashable, Codable, CaseIterable {
    case algorithm
    case deepSynthesis = "deep-synthesis"

    /// The list a filing belongs to: 生成合成类 (type 01) filings are 深度合成服务算法, the
    /// other types 境内互联网信息服务算法. CAC published deep-synthesis lists only once the
    /// 深度合成 rules took effect (2023-01-10); the 生成合成类 filings approved before that
    /// were in the algorithm lists.
    public static func of(type: AlgorithmType, approvedOn: CalendarDate) -> BatchList {
        type == .generative && approvedOn >= deepSynthesisListsBegan ? .deepSynthesis : .algorithm
    }

    /// The day the 《互联网信息服务深度合成管理规定》 took effect.
    public static let deepSynthesisListsBegan = CalendarDate(year: 2023, month: 1, day: 10)!

    /// The name in a title: 《关于发布第N批<name>备案信息的公告》.
    public var titleName: String {
        switch self {
        case .algorithm: "境内互联网信息服务算法"
        case .deepSynthesis: "深度合成服务算法"
        }
    }
}

/// `batch:` of an announcement written by `beian announce batch`: the list, 第N批, and the
/// period whose approvals it lists.
public struct BatchMark: Sendable, Hashable, Codable {
    public var list: BatchList
    public var number: Int
    public var from: CalendarDate
    public var to: CalendarDate

    public init(list: BatchList, number: Int, from: CalendarDate, to: CalendarDate) {
        self.list = list
        self.number = number
        self.from = from
        self.to = to
    }
}
