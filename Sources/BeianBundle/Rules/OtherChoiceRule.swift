public import BeianDiagnostics
import BeianModel

/// F203 / F204: a list of choices with 其他 (应用领域 `domains`) names the other choice in its
/// free-text companion (`domains_other`), and the companion is filled only when 其他 is chosen.
///
/// Why: the manual has the filer *select* 应用领域; 其他 alone says nothing, and a companion
/// without 其他 is text no reviewer is asked to read.
/// Fix: write the domain in `domains_other`, or add 其他 to `domains` (or delete the companion).
public enum OtherChoiceRule {
    static let other = "其他"

    public static func check(_ bundle: LoadedBundle, draft: Bool) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let companion = FieldRef(key: "domains_other", zh: "其他应用领域", en: "other application domain")
        for algorithm in bundle.algorithms {
            guard let doc = bundle.documents[.algorithm(algorithm.id)] else { continue }
            let chosen = doc["domains"]?.items ?? []
            let otherItem = chosen.first { $0.text?.trimmingSpacesAndNewlines == other }
            let text = doc["domains_other"]?.text?.trimmingSpacesAndNewlines ?? ""
            if let otherItem, text.isEmpty, !draft {
                out.append(Diagnostic(.required, at: doc["domains_other"]?.location ?? otherItem.location, field: companion,
                    message: Localized(zh: "应用领域选了“其他”，但没有在 domains_other 中注明是什么领域", en: "domains lists 其他 (other) but domains_other does not say which domain"),
                    help: Localized(zh: "加上 domains_other: <具体领域>", en: "add domains_other: <the domain>")))
            }
            if otherItem == nil, !text.isEmpty, let at = doc["domains_other"]?.location {
                out.append(Diagnostic(.invalidEnum, at: at, field: companion,
                    message: Localized(zh: "填写了 domains_other，但 domains 没有选“其他”", en: "domains_other is filled but domains does not list 其他 (other)"),
                    help: Localized(zh: "在 domains 中加上 其他，或删除 domains_other", en: "add 其他 to domains, or delete domains_other")))
            }
        }
        return out
    }
}
