import BeianModel

/// The four filters (类型, 角色, 省份, 状态) as index terms `@t01`, `@r0`, `@p44`, `@s0`.
/// `@` is a separator, so no text term can collide with a facet term.
enum Facet {
    static func terms(of doc: SearchDocument) -> [String] {
        let f = doc.filing
        return ["@t" + f.type.code, "@r\(roleIndex(f.role))", "@p" + doc.provinceCode, "@s\(statusIndex(f.status))"]
    }

    static func roleIndex(_ role: AlgorithmRole) -> Int { AlgorithmRole.allCases.firstIndex(of: role)! }
    static func statusIndex(_ status: PublicStatus) -> Int { PublicStatus.allCases.firstIndex(of: status)! }
    static func typeIndex(_ type: AlgorithmType) -> Int { AlgorithmType.allCases.firstIndex(of: type)! }

    /// The provinces present, by code: what the 省份 filter offers.
    static func provinces(_ docs: [SearchDocument]) -> [(code: String, name: String)] {
        var seen: [String: String] = [:]
        for d in docs where seen[d.provinceCode] == nil {
            seen[d.provinceCode] = Region.provinceName(of: d.filing.region) ?? "未知"
        }
        return seen.keys.sorted().map { ($0, seen[$0]!) }
    }
}
