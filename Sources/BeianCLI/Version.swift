import CBeianBuildInfo

/// What `beian --version` prints: the release number kept here, and the commit given at build
/// time (docs/release.md).
public enum BeianVersion {
    /// The release number; scripts/release names its files after it. Raise it before tagging.
    public static let number = "0.3.0"

    /// The commit the binary was built from (scripts/release passes it as a C define, so a
    /// binary never runs git); nil for a plain `swift build`.
    public static var commit: String? {
        let commit = String(cString: beian_build_commit())
        return commit.isEmpty ? nil : commit
    }

    /// `beian 0.3.0 (commit 1a2b3c4d5e6f)`, or `beian 0.3.0 (commit unknown)`.
    public static var line: String {
        "beian \(number) (commit \(commit ?? "unknown"))"
    }
}
