public import BeianDiagnostics

/// F213: ids of products, paths and functions are `[a-z0-9][a-z0-9-]*`, at most 64 long.
///
/// Why: ids become file names, URL parts and the handles `applies_to` refers to.
/// Fix: use lowercase letters, digits and hyphens, e.g. `home-feed`.
public enum IdentifierRule {
    public static func isValid(_ s: String) -> Bool {
        guard let first = s.first, s.count <= 64, first.isLowercaseASCIIAlnum else { return false }
        return s.allSatisfy { $0.isLowercaseASCIIAlnum || $0 == "-" }
    }

    public static func check(_ text: String, _ c: FieldContext) -> Diagnostic? {
        if isValid(text) { return nil }
        return c.problem(.invalidIdentifier, Localized(zh: "“\(text)”不是合法标识", en: "'\(text)' is not a valid id"),
                         help: Localized(zh: "只用小写字母、数字和连字符，以字母或数字开头，如 home-feed", en: "use lowercase letters, digits and hyphens, starting with a letter or digit, e.g. home-feed"))
    }
}

extension Character {
    var isLowercaseASCIIAlnum: Bool { ("a"..."z").contains(self) || ("0"..."9").contains(self) }
}
