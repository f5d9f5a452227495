public import BeianDiagnostics

/// F205: a text is within its length limits (that a one-line field has no line break is
/// `TextSafetyRule`'s, F220).
///
/// Why: the public list prints names in one table cell; limits match the original form.
/// Fix: shorten the text, or split it across the fields meant for it.
public enum LengthRule {
    public static func check(_ text: String, min: Int, max: Int, _ c: FieldContext) -> [Diagnostic] {
        let trimmed = text.trimmingSpacesAndNewlines
        let count = trimmed.count
        var out: [Diagnostic] = []
        if count < min {
            out.append(c.problem(.badLength, Localized(zh: "至少 \(min) 个字符，实为 \(count) 个", en: "needs at least \(min) characters, has \(count)"),
                                 help: Localized(zh: "填写完整的\(c.spec.zh)", en: "write the full \(c.spec.en)")))
        } else if count > max {
            out.append(c.problem(.badLength, Localized(zh: "最多 \(max) 个字符，实为 \(count) 个", en: "at most \(max) characters, has \(count)"),
                                 help: Localized(zh: "精简到 \(max) 个字符以内", en: "shorten it to \(max) characters or fewer")))
        }
        return out
    }
}
