import BeianModel

/// 主体信息 as the documents print it; `nil` fields print as lines to write on.
struct EntitySheet {
    var name: String?
    var creditCode: String?
    var kind: String?
    /// `北京市海淀区（110108）`.
    var region: String?
    var address: String?
    var website: String?
    var legalRepresentative: String?
    var officer: OfficerSheet

    /// 算法安全责任人.
    struct OfficerSheet {
        var name: String?
        var title: String?
        var mobile: String?
        var email: String?
    }

    init(_ e: Entity) {
        name = Fill.text(e.name)
        creditCode = Fill.text(e.creditCode)
        kind = Fill.text(e.kind)
        region = Fill.text(e.region).map { code in Region.displayName(of: code).map { "\($0)（\(code)）" } ?? code }
        address = Fill.text(e.address)
        website = Fill.text(e.website)
        legalRepresentative = Fill.text(e.legalRepresentative.name)
        officer = OfficerSheet(name: Fill.text(e.securityOfficer.name), title: Fill.text(e.securityOfficer.title),
                               mobile: Fill.text(e.securityOfficer.mobile), email: Fill.text(e.securityOfficer.email))
    }
}
