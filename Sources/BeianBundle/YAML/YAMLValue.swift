public import BeianDiagnostics

/// A YAML value with the position of every node, free of Yams types so it is `Sendable`.
public indirect enum YAMLValue: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLValue], SourceLocation)
    case mapping([YAMLEntry], SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(let s): s.location
        case .sequence(_, let l), .mapping(_, let l): l
        }
    }

    /// True for `~`, `null`, an empty value, an empty string, or an empty list or mapping.
    public var isEmpty: Bool {
        switch self {
        case .scalar(let s): s.isNull || s.text.trimmingSpacesAndNewlines.isEmpty
        case .sequence(let items, _): items.isEmpty
        case .mapping(let entries, _): entries.isEmpty
        }
    }

    /// True when every value inside is empty: a scaffolded block nobody has filled in yet.
    public var isBlank: Bool {
        switch self {
        case .scalar: isEmpty
        case .sequence(let items, _): items.allSatisfy(\.isBlank)
        case .mapping(let entries, _): entries.allSatisfy { $0.value.isBlank }
        }
    }

    /// The entry for `key` in a mapping.
    public subscript(key: String) -> YAMLValue? {
        guard case .mapping(let entries, _) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The text of a non-null scalar.
    public var text: String? {
        guard case .scalar(let s) = self, !s.isNull else { return nil }
        return s.text
    }

    /// The items of a sequence (empty for anything else).
    public var items: [YAMLValue] {
        if case .sequence(let items, _) = self { return items }
        return []
    }

    /// A word for the kind of node, for "expected X, found Y" messages.
    public var kindName: Localized {
        switch self {
        case .scalar(let s) where s.isNull: Localized(zh: "空值", en: "nothing")
        case .scalar: Localized(zh: "单个值", en: "a single value")
        case .sequence: Localized(zh: "列表", en: "a list")
        case .mapping: Localized(zh: "键值映射", en: "a mapping")
        }
    }
}

/// A scalar's text as written, how YAML resolved it, and where it stands.
public struct YAMLScalar: Sendable {
    public enum Resolved: Sendable { case string, null, bool, int, float, other }
    public var text: String
    public var resolved: Resolved
    /// True when the scalar was quoted or a block scalar: never null, bool or number.
    public var quoted: Bool
    public var location: SourceLocation

    public var isNull: Bool { resolved == .null }
}

/// One `key: value` pair of a mapping.
public struct YAMLEntry: Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: YAMLValue
}

extension StringProtocol {
    /// Without surrounding white space of any kind.
    public var trimmingSpacesAndNewlines: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
