public import BeianDiagnostics

/// F216: a yes/no field is written `true` or `false`.
///
/// Fix: write `true` or `false` without quotes.
public enum BooleanRule {
    public static func check(_ s: YAMLScalar, _ c: FieldContext) -> Diagnostic? {
        if !s.quoted, ["true", "false"].contains(s.text) { return nil }
        return c.problem(.invalidBoolean, Localized(zh: "“\(s.text)”应为 true 或 false", en: "'\(s.text)' should be true or false"),
                         help: Localized(zh: "是写 true，否写 false（不加引号）", en: "write true or false, without quotes"))
    }
}
