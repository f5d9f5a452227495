public import BeianDiagnostics

/// F204: a value is one of the field's allowed choices.
///
/// Why: types, roles and forms are closed lists in the regulation; free text cannot be filed.
/// Fix: copy one of the listed values exactly.
public enum ChoiceRule {
    public static func check(_ text: String, allowed: [String], _ c: FieldContext) -> Diagnostic? {
        let value = text.trimmingSpacesAndNewlines
        if allowed.contains(value) { return nil }
        var help = Localized(zh: "可选值：\(allowed.joined(separator: " | "))", en: "allowed: \(allowed.joined(separator: " | "))")
        if let guess = Suggest.closest(value, among: allowed) {
            help = Localized(zh: "是否想写“\(guess)”？可选值：\(allowed.joined(separator: " | "))",
                             en: "did you mean '\(guess)'? allowed: \(allowed.joined(separator: " | "))")
        }
        return c.problem(.invalidEnum, Localized(zh: "“\(value)”不是可选值", en: "'\(value)' is not an allowed value"), help: help)
    }
}
