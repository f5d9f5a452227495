/// How serious a finding is: errors make `validate` exit 1, warnings do not.
public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// The field a diagnostic is about, by key path and its Chinese and English names.
public struct FieldRef: Sendable, Hashable, Codable {
    /// Dotted key path inside the file, e.g. `security_officer.mobile` or `paths[1].steps`.
    public var key: String
    public var zh: String
    public var en: String

    public init(key: String, zh: String, en: String) {
        self.key = key
        self.zh = zh
        self.en = en
    }
}

/// One user-facing problem: a stable code, a position, a message and a one-line remedy.
///
/// Nothing else in beian prints errors: every failure a user can meet becomes one of these.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var location: SourceLocation
    public var field: FieldRef?
    public var message: Localized
    public var help: Localized

    public init(
        _ code: DiagnosticCode,
        at location: SourceLocation,
        field: FieldRef? = nil,
        severity: Severity = .error,
        message: Localized,
        help: Localized
    ) {
        self.code = code
        self.severity = severity
        self.location = location
        self.field = field
        self.message = message
        self.help = help
    }
}

extension Diagnostic: Comparable {
    /// Sorted by file, line, column, then code, so output is stable run to run.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.code != b.code { return a.code.rawValue < b.code.rawValue }
        return a.message.en < b.message.en
    }
}

extension Array where Element == Diagnostic {
    /// True when at least one finding is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

/// A diagnostic can be thrown where one problem ends an operation.
extension Diagnostic: Error {}
