public import BeianDiagnostics

/// F217: `schema` names a format version this beian reads.
///
/// Fix: write `schema: beian/v1`.
public enum SchemaVersionRule {
    public static func check(_ text: String, _ c: FieldContext) -> Diagnostic? {
        if text == BundleSchema.version { return nil }
        return c.problem(.unsupportedSchema, Localized(zh: "不支持的格式版本“\(text)”", en: "unsupported schema '\(text)'"),
                         help: Localized(zh: "写作 schema: \(BundleSchema.version)", en: "write schema: \(BundleSchema.version)"))
    }
}
