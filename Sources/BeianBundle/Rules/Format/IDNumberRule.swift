public import BeianDiagnostics
import BeianModel

/// F211: a 居民身份证 number passes GB 11643 (birth date exists, check digit right); other
/// ID types need 5–30 letters or digits.
///
/// Fix: copy the number from the card; a final `x` is accepted and read as `X`.
public enum IDNumberRule {
    public static func check(_ text: String, idType: String?, _ c: FieldContext) -> Diagnostic? {
        let value = text.trimmingSpacesAndNewlines
        guard idType == PersonIDType.residentID.rawValue else {
            let ok = (5...30).contains(value.count) && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            return ok ? nil : c.problem(.invalidIDNumber, Localized(zh: "证件号码格式不对", en: "the ID number is malformed"),
                                        help: Localized(zh: "按证件原样填写 5–30 位字母和数字", en: "copy the 5–30 letters and digits from the document"))
        }
        guard let problem = IDNumber.check(value) else { return nil }
        let help = Localized(zh: "对照身份证逐位核对 18 位号码", en: "check the 18 characters against the ID card")
        switch problem {
        case .length(let n):
            return c.problem(.invalidIDNumber, Localized(zh: "居民身份证号码应为 18 位，实为 \(n) 位", en: "a resident ID number has 18 characters, this has \(n)"), help: help)
        case .character(let pos):
            return c.problem(.invalidIDNumber, Localized(zh: "第 \(pos) 位不是数字", en: "character \(pos) is not a digit"),
                             help: Localized(zh: "前 17 位为数字，末位为数字或 X", en: "the first 17 are digits, the last a digit or X"))
        case .birthDate(let d):
            return c.problem(.invalidIDNumber, Localized(zh: "出生日期 \(d) 不存在", en: "birth date \(d) does not exist"), help: help)
        case .checkDigit(let expected, let found):
            return c.problem(.invalidIDNumber, Localized(zh: "校验位应为“\(expected)”，实为“\(found)”", en: "check digit should be '\(expected)', found '\(found)'"), help: help)
        }
    }
}
