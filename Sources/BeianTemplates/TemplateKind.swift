/// The four printable attachments of a filing: which form each is, what it is called, and
/// whether it is about one algorithm.
public enum TemplateKind: String, Sendable, CaseIterable {
    /// 《算法备案承诺书》, uploaded with 主体信息.
    case commitmentLetter = "commitment-letter"
    /// 《落实算法安全主体责任基本情况》, uploaded with 主体信息.
    case responsibilityReport = "responsibility-report"
    /// 《算法安全自评估报告》, uploaded with one algorithm.
    case selfAssessment = "self-assessment"
    /// 《拟公示内容》 of one algorithm.
    case disclosure = "disclosure"

    /// The document's title as printed on it.
    public var title: String {
        switch self {
        case .commitmentLetter: "算法备案承诺书"
        case .responsibilityReport: "落实算法安全主体责任基本情况"
        case .selfAssessment: "算法安全自评估报告"
        case .disclosure: "拟公示内容"
        }
    }

    /// True when the document is about one algorithm (`--algorithm` is required).
    public var needsAlgorithm: Bool {
        switch self {
        case .commitmentLetter, .responsibilityReport: false
        case .selfAssessment, .disclosure: true
        }
    }

    /// The Mustache resource (`Templates/<name>.mustache`) that prints this kind.
    var templateName: String { rawValue }
}
