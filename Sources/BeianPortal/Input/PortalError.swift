public import BeianDiagnostics

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

/// An I/O failure while writing the site: which path, and what the system said. The previous
/// site is still whole when this is thrown.
/// A file `PortalInput.keptFiles` names is not in the live site (or its manifest): the caller
/// must supply it (e.g. make the search index again) and build again. Nothing was changed.
public struct PortalKeptFileMissing: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var description: String { "\(path): kept from the previous build, but the live site does not have it" }
}

public struct PortalIOError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
