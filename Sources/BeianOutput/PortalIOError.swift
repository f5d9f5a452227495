/// A file `PortalInput.keptFiles` names is not in the live site (or its manifest): the caller
/// must supply it (e.g. make the search index again) and build again. Nothing was changed.
public struct PortalKeptFileMissing: Error, Sendable, CustomStringConvertible {
    public var path: String

    public init(path: String) { self.path = path }

    public var description: String { "\(path): kept from the previous build, but the live site does not have it" }
}

/// An I/O failure while writing the site: which path, and what the system said. The previous
/// site is still whole when this is thrown.
public struct PortalIOError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
