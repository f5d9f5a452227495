/// A field-by-field comparison of an approved version with the one under review.
public struct FieldChange: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable { case added, removed, changed }
    public var field: String
    public var kind: Kind
    public var old: String?
    public var new: String?
}

public enum FieldDiff {
    /// Every field whose value differs, sorted by key path.
    public static func diff(old: [String: String], new: [String: String]) -> [FieldChange] {
        Set(old.keys).union(new.keys).sorted().compactMap { key in
            switch (old[key], new[key]) {
            case let (a?, b?) where a != b: FieldChange(field: key, kind: .changed, old: a, new: b)
            case let (nil, b?): FieldChange(field: key, kind: .added, old: nil, new: b)
            case let (a?, nil): FieldChange(field: key, kind: .removed, old: a, new: nil)
            default: nil
            }
        }
    }
}
