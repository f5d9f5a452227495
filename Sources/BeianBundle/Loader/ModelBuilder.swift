import BeianModel

/// Turns checked YAML into model values. Wrong or missing fields become "" (the schema
/// check has already reported them), so drafts load too.
enum ModelBuilder {
    static func entity(id: String, from doc: YAMLValue) -> Entity {
        let cert = doc["certificate"], legal = doc["legal_representative"], officer = doc["security_officer"]
        return Entity(
            id: id,
            name: str(doc["name"]), creditCode: str(doc["credit_code"]).uppercased(), kind: str(doc["kind"]),
            region: str(doc["region"]), address: str(doc["address"]),
            website: doc["website"]?.text.map(\.trimmingSpacesAndNewlines),
            monthlyActiveUsers: doc["monthly_active_users"]?.text.flatMap { Int($0) },
            certificate: Certificate(type: str(cert?["type"]), number: str(cert?["number"]),
                                     validUntil: str(cert?["valid_until"]), scan: str(cert?["scan"])),
            legalRepresentative: person(legal),
            securityOfficer: person(officer),
            commitmentLetter: str(doc["attachments"]?["commitment_letter"]),
            responsibilityReport: str(doc["attachments"]?["responsibility_report"]))
    }

    static func person(_ v: YAMLValue?) -> Person {
        Person(name: str(v?["name"]), title: str(v?["title"]), idType: str(v?["id_type"]),
               idNumber: IDNumber.normalized(str(v?["id_number"])), mobile: str(v?["mobile"]), email: str(v?["email"]))
    }

    static func product(id: String, from doc: YAMLValue) -> Product {
        Product(
            id: id, name: str(doc["name"]), form: str(doc["form"]), url: str(doc["url"]), status: str(doc["status"]),
            audience: str(doc["audience"]),
            realNameRequired: doc["real_name_required"]?.text.flatMap { $0 == "true" ? true : $0 == "false" ? false : nil },
            priorPermits: list(doc["prior_permits"]),
            paths: (doc["paths"]?.items ?? []).map { p in
                AccessPath(id: str(p["id"]), steps: list(p["steps"]), functions: (p["functions"]?.items ?? []).map { f in
                    ProductFunction(id: str(f["id"]), name: str(f["name"]), description: str(f["description"]))
                })
            })
    }

    static func algorithm(id: String, from doc: YAMLValue) -> Algorithm {
        var technical: TechnicalService?
        if let t = doc["technical_service"], !t.isEmpty {
            technical = TechnicalService(modes: list(t["modes"]), description: str(t["description"]))
        }
        var details: [String: String] = [:]
        if let d = doc["details"] { flatten(d, prefix: "details", into: &details) }
        var algorithm = Algorithm(
            id: id, name: str(doc["name"]), type: str(doc["type"]), role: str(doc["role"]),
            domains: list(doc["domains"]), scenarios: list(doc["scenarios"]), purpose: str(doc["purpose"]),
            launchedOn: str(doc["launched_on"]), selfAssessment: str(doc["attachments"]?["self_assessment"]),
            technicalService: technical,
            appliesTo: (doc["applies_to"]?.items ?? []).map { a in
                AppliesTo(product: str(a["product"]), path: a["path"]?.text.map(\.trimmingSpacesAndNewlines),
                          function: a["function"]?.text.map(\.trimmingSpacesAndNewlines))
            },
            details: details)
        let other = str(doc["domains_other"])
        if !other.isEmpty { algorithm.domainsOther = other }
        return algorithm
    }

    /// `key path → text` for every scalar under `value`; lists joined with `、`.
    static func flatten(_ value: YAMLValue, prefix: String, into out: inout [String: String]) {
        switch value {
        case .scalar(let s): out[prefix] = s.isNull ? "" : s.text.trimmingSpacesAndNewlines
        case .sequence(let items, _):
            if items.allSatisfy({ if case .scalar = $0 { true } else { false } }) {
                out[prefix] = items.compactMap(\.text).map(\.trimmingSpacesAndNewlines).joined(separator: "、")
            } else {
                for (i, item) in items.enumerated() { flatten(item, prefix: "\(prefix)[\(i + 1)]", into: &out) }
            }
        case .mapping(let entries, _):
            for e in entries { flatten(e.value, prefix: "\(prefix).\(e.key)", into: &out) }
        }
    }

    static func str(_ v: YAMLValue?) -> String { v?.text?.trimmingSpacesAndNewlines ?? "" }
    static func list(_ v: YAMLValue?) -> [String] { (v?.items ?? []).compactMap(\.text).map(\.trimmingSpacesAndNewlines) }
}
