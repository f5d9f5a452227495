public import BeianDiagnostics
public import BeianModel

/// What a format rule knows about the value it checks.
public struct FieldContext: Sendable {
    public var spec: FieldSpec
    /// Key path inside the file, e.g. `security_officer.mobile`.
    public var keyPath: String
    public var location: SourceLocation
    /// The day validation runs on (fixed by `SOURCE_DATE_EPOCH` in tests).
    public var today: CalendarDate

    public init(spec: FieldSpec, keyPath: String, location: SourceLocation, today: CalendarDate) {
        self.spec = spec
        self.keyPath = keyPath
        self.location = location
        self.today = today
    }

    public var field: FieldRef { spec.ref(keyPath) }

    /// A diagnostic about this field.
    public func problem(_ code: DiagnosticCode, _ message: Localized, help: Localized,
                        severity: Severity = .error) -> Diagnostic {
        Diagnostic(code, at: location, field: field, severity: severity, message: message, help: help)
    }
}

