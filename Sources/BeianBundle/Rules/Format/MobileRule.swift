public import BeianDiagnostics

/// F209: a mainland mobile number: 11 digits starting `1[3-9]`; `+86` and spaces tolerated.
///
/// Fix: write the 11 digits, e.g. 13800138000.
public enum MobileRule {
    public static func check(_ text: String, _ c: FieldContext) -> Diagnostic? {
        var digits = text.filter { $0 != " " && $0 != "-" }
        if digits.hasPrefix("+86") { digits.removeFirst(3) }
        let chars = Array(digits)
        if chars.count == 11, chars.allSatisfy(\.isASCIIDigit), chars[0] == "1", ("3"..."9").contains(chars[1]) {
            return nil
        }
        return c.problem(.invalidMobile, Localized(zh: "“\(text)”不是有效的手机号码", en: "'\(text)' is not a valid mobile number"),
                         help: Localized(zh: "填写 11 位大陆手机号码，以 13–19 开头", en: "write the 11-digit mainland number starting 13–19"))
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
