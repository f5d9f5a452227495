public import BeianDiagnostics

/// Dispatches a scalar to the format rule of its field kind (one rule per file beside this).
public enum FormatRules {
    public static func check(_ scalar: YAMLScalar, kind: FieldKind, _ c: FieldContext,
                             siblings: [YAMLEntry]) -> [Diagnostic] {
        let text = scalar.text
        switch kind {
        case .text(let min, let max): return LengthRule.check(text, min: min, max: max, c)
        case .paragraph(let max): return LengthRule.check(text, min: 1, max: max, c)
        case .choice(let allowed): return ChoiceRule.check(text, allowed: allowed, c).map { [$0] } ?? []
        case .date: return DateRule.check(text, allowForever: false, c)
        case .dateOrForever: return DateRule.check(text, allowForever: true, c)
        case .url: return URLRule.check(text, c).map { [$0] } ?? []
        case .email: return EmailRule.check(text, c).map { [$0] } ?? []
        case .mobile: return MobileRule.check(text, c).map { [$0] } ?? []
        case .creditCode: return CreditCodeRule.check(text, c).map { [$0] } ?? []
        case .idNumber(let typeKey):
            let type = siblings.first { $0.key == typeKey }?.value.text
            return IDNumberRule.check(text, idType: type, c).map { [$0] } ?? []
        case .region: return RegionRule.check(text, c).map { [$0] } ?? []
        case .integer(let min, let max): return IntegerRule.check(scalar, min: min, max: max, c).map { [$0] } ?? []
        case .boolean: return BooleanRule.check(scalar, c).map { [$0] } ?? []
        case .identifier: return IdentifierRule.check(text, c).map { [$0] } ?? []
        case .attachment: return [] // checked against the file system by AttachmentRule
        case .schemaVersion: return SchemaVersionRule.check(text, c).map { [$0] } ?? []
        case .textList, .objectList, .object, .choices: return []
        }
    }
}
