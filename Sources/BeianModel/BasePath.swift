import Foundation

/// The path of the site below its host, from the site's base URL: `/` or `/sub/`, always
/// ending in `/`, so a page's path is joined to it as is (`joined("search/")`).
///
/// The one derivation every command that links into the site uses (`build`, `serve`,
/// `announce`, the search index), so they cannot disagree about a base URL with a path.
public struct BasePath: Sendable, Hashable, CustomStringConvertible {
    /// `/`, or the base URL's path ending in `/`.
    public let path: String

    /// The path of `baseURL` (`https://example.org/sub` → `/sub/`); `/` when it has none or
    /// is not a URL.
    public init(baseURL: String) {
        self.init(path: URL(string: baseURL)?.path ?? "")
    }

    /// `path` ending in `/` (empty: `/`).
    public init(path: String) {
        self.path = path.isEmpty ? "/" : (path.hasSuffix("/") ? path : path + "/")
    }

    /// `relative` (no leading `/`) below the base: `/sub/` + `files/a.csv`.
    public func joined(_ relative: String) -> String { path + relative }

    public var description: String { path }
}
