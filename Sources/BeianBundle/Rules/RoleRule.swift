public import BeianDiagnostics
import BeianModel

/// R302: a 服务提供者 links products through `applies_to` and has no `technical_service`;
/// a 服务技术支持者 has no `applies_to` (the public list shows `--`) and fills `technical_service`.
///
/// Fix: keep the fields of the algorithm's role and delete the others.
public enum RoleRule {
    public static func check(_ bundle: LoadedBundle, draft: Bool) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for algorithm in bundle.algorithms {
            guard let doc = bundle.documents[.algorithm(algorithm.id)], let role = algorithm.algorithmRole else { continue }
            let roleLoc = doc["role"]?.location ?? doc.location
            let applies = doc["applies_to"], technical = doc["technical_service"]
            switch role {
            case .provider:
                if let applies, !applies.isBlank {} else if !draft {
                    out.append(Diagnostic(
                        .roleMismatch, at: applies?.location ?? roleLoc, field: FieldRef(key: "applies_to", zh: "关联产品及功能", en: "applies to"),
                        message: Localized(zh: "服务提供者须关联至少一个产品、路径或功能", en: "a service provider must link at least one product, path or function"),
                        help: Localized(zh: "在 applies_to 下写 - product: <产品标识>", en: "add `- product: <product-id>` under applies_to")))
                }
                if let technical, !technical.isBlank {
                    out.append(Diagnostic(
                        .roleMismatch, at: technical.location, field: FieldRef(key: "technical_service", zh: "技术服务", en: "technical service"),
                        message: Localized(zh: "服务提供者不填写技术服务", en: "a service provider does not fill technical_service"),
                        help: Localized(zh: "删除 technical_service，或把角色改为服务技术支持者", en: "delete technical_service, or change the role to 服务技术支持者")))
                }
            case .technicalSupporter:
                if let applies, !applies.isBlank {
                    out.append(Diagnostic(
                        .roleMismatch, at: applies.location, field: FieldRef(key: "applies_to", zh: "关联产品及功能", en: "applies to"),
                        message: Localized(zh: "服务技术支持者不关联自己的产品", en: "a technical supporter links no products of its own"),
                        help: Localized(zh: "删除 applies_to，在 technical_service 中说明服务方式", en: "delete applies_to and describe the service under technical_service")))
                }
                if (technical == nil || technical!.isBlank) && !draft {
                    out.append(Diagnostic(
                        .roleMismatch, at: technical?.location ?? roleLoc, field: FieldRef(key: "technical_service", zh: "技术服务", en: "technical service"),
                        message: Localized(zh: "服务技术支持者须填写技术服务", en: "a technical supporter must fill technical_service"),
                        help: Localized(zh: "填写 technical_service 的 modes 与 description", en: "fill technical_service.modes and .description")))
                }
            }
        }
        return out
    }
}
