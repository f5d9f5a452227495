public import BeianDiagnostics

/// F208: an email address has one `@`, a local part and a dotted domain.
///
/// Fix: write the officer's work address, e.g. `security@example.cn`.
public enum EmailRule {
    public static func check(_ text: String, _ c: FieldContext) -> Diagnostic? {
        let value = text.trimmingSpacesAndNewlines
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let ok = parts.count == 2 && !parts[0].isEmpty && parts[0].count <= 64
            && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !parts[1].contains("..")
            && value.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != "<" && $0 != ">" && $0 != "\"" }
        if ok { return nil }
        return c.problem(.invalidEmail, Localized(zh: "“\(value)”不是有效的电子邮箱", en: "'\(value)' is not a valid email address"),
                         help: Localized(zh: "写作 name@example.cn 的形式", en: "write it as name@example.cn"))
    }
}
