public import BeianDiagnostics
import BeianOutput

/// Problems in what the portal was given (theme, slugs, base URL, extra file paths), all of
/// them at once, as diagnostics with stable codes. I/O failures are `PortalIOError`.
public struct PortalError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    public var description: String {
        diagnostics.map { "\($0.location.description): error[\($0.code.rawValue)]: \($0.message.en)" }
            .joined(separator: "\n")
    }
}
