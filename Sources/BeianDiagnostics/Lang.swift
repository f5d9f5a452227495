/// The language of every message beian prints: Chinese or English.
public enum Lang: String, Sendable, CaseIterable, Codable {
    case zh, en

    /// Chinese when `LANG` (or `LC_ALL`, `LC_MESSAGES`) starts with `zh`, else English.
    public static func fromEnvironment(_ env: [String: String]) -> Lang {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = env[key], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }
}

/// A text in both of the languages beian speaks.
public struct Localized: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func callAsFunction(_ lang: Lang) -> String { lang == .zh ? zh : en }
}
