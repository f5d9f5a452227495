public import BeianDiagnostics

/// A refused registry action: its diagnostics and whether it is a finding (exit 1) or an
/// I/O or integrity failure (exit 2).
public struct RegistryError: Error, Sendable {
    public enum Kind: Sendable { case findings, integrity }
    public var kind: Kind
    public var diagnostics: [Diagnostic]

    public init(_ kind: Kind, _ diagnostics: [Diagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }

    static func refuse(_ code: DiagnosticCode, at path: String, _ message: Localized, help: Localized) -> RegistryError {
        RegistryError(.findings, [Diagnostic(code, at: SourceLocation(path: path), message: message, help: help)])
    }

    public static func integrity(_ d: Diagnostic) -> RegistryError { RegistryError(.integrity, [d]) }

    /// A file of the registry could not be written.
    public static func writeFailed(_ path: String, _ error: any Error) -> RegistryError {
        .integrity(Diagnostic(.unreadable, at: SourceLocation(path: path),
            message: Localized(zh: "无法写入：\(error)", en: "cannot write: \(error)"),
            help: Localized(zh: "检查磁盘空间和权限", en: "check disk space and permissions")))
    }
}
