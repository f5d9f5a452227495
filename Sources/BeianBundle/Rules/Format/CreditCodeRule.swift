public import BeianDiagnostics
import BeianModel

/// F210: a 统一社会信用代码 is 18 characters of GB 32100-2015's alphabet with a correct check.
///
/// Why: a typo here files the algorithm under a company that does not exist.
/// Fix: copy the code from the business licence; letters I, O, S, V, Z never occur.
public enum CreditCodeRule {
    public static func check(_ text: String, _ c: FieldContext) -> Diagnostic? {
        let value = text.trimmingSpacesAndNewlines.uppercased()
        guard let problem = CreditCode.check(value) else { return nil }
        let help = Localized(zh: "从营业执照上逐位核对 18 位代码", en: "copy the 18 characters from the business licence")
        switch problem {
        case .length(let n):
            return c.problem(.invalidCreditCode, Localized(zh: "应为 18 位，实为 \(n) 位", en: "must have 18 characters, has \(n)"), help: help)
        case .character(let ch, let pos):
            return c.problem(.invalidCreditCode, Localized(zh: "第 \(pos) 位“\(ch)”不是允许的字符", en: "character \(pos) '\(ch)' is not allowed"),
                             help: Localized(zh: "只能使用数字和除 I、O、S、V、Z 以外的大写字母", en: "use digits and capital letters other than I, O, S, V, Z"))
        case .checkDigit(let expected, let found):
            return c.problem(.invalidCreditCode, Localized(zh: "校验位应为“\(expected)”，实为“\(found)”", en: "check character should be '\(expected)', found '\(found)'"), help: help)
        }
    }
}
