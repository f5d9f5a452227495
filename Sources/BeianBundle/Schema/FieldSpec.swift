public import BeianDiagnostics

/// One key of a bundle file: its names, what it holds, and whether it must be filled.
///
/// The schemas in `BundleSchema` drive three things from one description: validation,
/// the completeness count of drafts, and the commented files `beian init` / `add` write.
public struct FieldSpec: Sendable {
    public var key: String
    public var zh: String
    public var en: String
    public var kind: FieldKind
    public var required: Bool
    /// The Chinese comment written beside the key in scaffolded files.
    public var hint: String

    public init(_ key: String, _ zh: String, _ en: String, _ kind: FieldKind,
                required: Bool = true, hint: String = "") {
        self.key = key
        self.zh = zh
        self.en = en
        self.kind = kind
        self.required = required
        self.hint = hint
    }

    /// The reference printed with diagnostics, for a key path such as `paths[2].steps`.
    public func ref(_ keyPath: String) -> FieldRef { FieldRef(key: keyPath, zh: zh, en: en) }
}

/// What a field holds. Each case has its own format rule under `Rules/Format/`.
public indirect enum FieldKind: Sendable {
    /// One line of text, `min`…`max` characters.
    case text(min: Int = 1, max: Int)
    /// Free text that may span lines, up to `max` characters.
    case paragraph(max: Int)
    /// One of a fixed list of values.
    case choice([String])
    /// A non-empty list of values from a fixed list, without repeats.
    case choices([String])
    /// `YYYY-MM-DD`.
    case date
    /// `YYYY-MM-DD` or `长期` (no expiry).
    case dateOrForever
    /// An `http://` or `https://` address.
    case url
    case email
    /// A mainland mobile number, 11 digits `1[3-9]…`.
    case mobile
    /// 统一社会信用代码, GB 32100-2015.
    case creditCode
    /// An ID number checked according to the sibling field `typeKey`.
    case idNumber(typeKey: String)
    /// A GB/T 2260 six-digit division code.
    case region
    case integer(min: Int, max: Int)
    case boolean
    /// A lowercase id for products, paths, functions: `[a-z0-9][a-z0-9-]*`.
    case identifier
    /// A path under `attachments/` to a PDF, PNG or JPEG.
    case attachment
    /// A list of one-line texts, each at most `maxItem` characters, at most `maxCount` of
    /// them and none repeated.
    case textList(minCount: Int, maxItem: Int, maxCount: Int = 100)
    /// A list of mappings with the given fields.
    case objectList([FieldSpec], minCount: Int)
    /// A nested mapping.
    case object([FieldSpec])
    /// The fixed format marker `beian/v1`.
    case schemaVersion
}
