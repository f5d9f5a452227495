import BeianBundle
import BeianModel

/// 算法信息 as the documents print it: basic attributes, the products it applies to, and the
/// detailed attributes grouped as the filing form groups them.
struct AlgorithmSheet {
    var id: String
    var name: String?
    var type: String?
    /// The two digits of the type in a filing number, e.g. `02`.
    var typeCode: String?
    var role: String?
    var isProvider: Bool
    var isTechnicalSupporter: Bool
    var isGenerative: Bool
    var domains: String?
    var scenarios: [String]
    var purpose: String?
    var launchedOn: String?
    var technicalModes: String?
    var technicalDescription: String?
    var applications: [ApplicationSheet]
    /// 应用产品 as the public list prints it: `名称（形态）` joined with `、`; `--` for a technical supporter.
    var productsText: String
    /// 算法数据, 算法模型, 算法策略 (the 算法情况 of a self-assessment).
    var detailGroups: [DetailGroup]
    /// 风险研判: the risks the filer identified.
    var risks: String?
    /// 风险防控情况: safeguards, emergency response, complaint channels.
    var controls: [DetailRow]

    /// A titled group of detailed attributes.
    struct DetailGroup {
        /// （一）, （二）… as the report numbers its sub-sections.
        var number: String
        var title: String
        var rows: [DetailRow]
    }

    /// One detailed attribute: its Chinese name from the schema and the filed text.
    struct DetailRow {
        var label: String
        var value: String?
    }

    init(_ a: Algorithm, products: [Product]) {
        id = a.id
        name = Fill.text(a.name)
        type = Fill.text(a.type)
        typeCode = a.algorithmType?.code
        role = Fill.text(a.role)
        isProvider = a.algorithmRole == .provider
        isTechnicalSupporter = a.algorithmRole == .technicalSupporter
        isGenerative = a.algorithmType == .generative
        // 其他 printed with the domain the filer named (`domains_other`).
        domains = Fill.list(a.domains.map { $0 == "其他" && a.domainsOther != nil ? "其他（\(a.domainsOther!)）" : $0 })
        scenarios = a.scenarios.compactMap { Fill.text($0) }
        purpose = Fill.text(a.purpose)
        launchedOn = Fill.date(a.launchedOn)
        technicalModes = Fill.list(a.technicalService?.modes ?? [])
        technicalDescription = Fill.text(a.technicalService?.description)
        applications = a.appliesTo.filter { Fill.text($0.product) != nil }.map { ApplicationSheet($0, products: products) }
        var labels: [String] = []
        for app in applications where !labels.contains(app.product) { labels.append(app.product) }
        productsText = isTechnicalSupporter ? "--" : (labels.isEmpty ? "" : labels.joined(separator: "、"))
        let groups = Self.schemaGroups
        detailGroups = ["data", "model", "strategy"].compactMap { key in groups.first { $0.key == key } }
            .enumerated().map { i, group in
                DetailGroup(number: "（\(DisclosureSheet.numerals[i])）", title: group.zh, rows: Self.rows(a, group: group))
            }
        let riskGroup = groups.first { $0.key == "risks" }
        let riskRows = riskGroup.map { Self.rows(a, group: $0) } ?? []
        risks = riskRows.first?.value
        controls = Array(riskRows.dropFirst())
    }

    /// The four groups under `details` in the schema, so labels never drift from the form.
    static let schemaGroups: [FieldSpec] = {
        guard let details = BundleSchema.algorithm.first(where: { $0.key == "details" }),
              case .object(let groups) = details.kind else { return [] }
        return groups
    }()

    static func rows(_ a: Algorithm, group: FieldSpec) -> [DetailRow] {
        guard case .object(let fields) = group.kind else { return [] }
        return fields.map { DetailRow(label: $0.zh, value: Fill.text(a.details["details.\(group.key).\($0.key)"])) }
    }
}
