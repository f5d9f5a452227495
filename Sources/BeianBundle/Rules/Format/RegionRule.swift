public import BeianDiagnostics
import BeianModel

/// F212: 注册地 is a known six-digit GB/T 2260 division code.
///
/// Why: the code becomes the first six digits of every 备案编号 of the entity.
/// Fix: use the code of the district of registration, e.g. 110108 (北京市海淀区).
public enum RegionRule {
    public static func check(_ text: String, _ c: FieldContext) -> Diagnostic? {
        let value = text.trimmingSpacesAndNewlines
        if Region.isValid(value) { return nil }
        let shape = value.count == 6 && value.allSatisfy(\.isASCIIDigit)
        return c.problem(.invalidRegion,
                         shape ? Localized(zh: "“\(value)”不是已知的行政区划代码", en: "'\(value)' is not a known division code")
                               : Localized(zh: "“\(value)”不是 6 位数字", en: "'\(value)' is not six digits"),
                         help: Localized(zh: "填写注册地所在区县的 6 位代码（GB/T 2260），如 110108", en: "use the six-digit GB/T 2260 code of the district, e.g. 110108"))
    }
}
