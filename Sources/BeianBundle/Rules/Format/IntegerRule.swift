public import BeianDiagnostics

/// F215: a whole number within range, written without separators.
///
/// Fix: write digits only, e.g. 1200000 (not 120万).
public enum IntegerRule {
    public static func check(_ s: YAMLScalar, min: Int, max: Int, _ c: FieldContext) -> Diagnostic? {
        let value = s.text.trimmingSpacesAndNewlines
        if value.allSatisfy(\.isASCIIDigit), let n = Int(value), n >= min, n <= max { return nil }
        return c.problem(.invalidInteger, Localized(zh: "“\(value)”不是 \(min)–\(max) 之间的整数", en: "'\(value)' is not a whole number from \(min) to \(max)"),
                         help: Localized(zh: "只写阿拉伯数字，如 1200000", en: "write digits only, e.g. 1200000"))
    }
}
