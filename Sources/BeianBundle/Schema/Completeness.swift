public import BeianDiagnostics

/// How far a draft item is filled in: required fields present out of all required fields.
public struct Completeness: Sendable, Codable, Hashable {
    public var filled: Int
    public var total: Int
    /// The required fields still empty, with where they belong.
    public var missing: [MissingField]

    public init(filled: Int = 0, total: Int = 0, missing: [MissingField] = []) {
        self.filled = filled
        self.total = total
        self.missing = missing
    }

    /// Whole percent, rounded down, so 99 % never shows as 100 %.
    public var percent: Int { total == 0 ? 100 : filled * 100 / total }
    public var isComplete: Bool { filled == total }

    public static func + (a: Completeness, b: Completeness) -> Completeness {
        Completeness(filled: a.filled + b.filled, total: a.total + b.total, missing: a.missing + b.missing)
    }
}

/// A required field not yet filled.
public struct MissingField: Sendable, Codable, Hashable {
    public var location: SourceLocation
    public var field: FieldRef
}
