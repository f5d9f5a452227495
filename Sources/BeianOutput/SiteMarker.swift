import Foundation

/// The file every site a build makes carries at its top (`.beian-site`), so a later build
/// knows a folder is its own output and may replace it, recycle it or remove it.
///
/// A build replaces, recycles (`.site.prev`) and clears away (`.site.building-*`,
/// `.site.old-*`) only folders that carry it: anything else at those places is someone's data
/// and is refused, never moved or deleted (`OutputPlace`). The staging folder gets the marker
/// the moment it is made, before any other file, so the leftover of a killed build is marked
/// too. Its bytes never change with the input (reproducible builds); like `.beian-manifest` it
/// is the build's own bookkeeping, not a page, so it is not listed in the manifest.
///
/// A site made before the marker existed carries `.beian-manifest` (header
/// `beian-portal-manifest …`): that counts as the marker, and the next build adds the file.
public enum SiteMarker {
    public static let fileName = ".beian-site"
    /// A short JSON document: what made the folder and the marker's version.
    public static let contents = "{\"format\":\"beian-site\",\"version\":1}\n"
    package static let prefix = Array("{\"format\":\"beian-site\"".utf8)
    package static let legacyPrefix = Array("beian-portal-manifest ".utf8)

    /// True when `folder` is a folder (not a link to one) that a build made: it holds the
    /// marker, or the manifest of a build from before the marker, as regular files.
    public static func isMarked(_ folder: String) -> Bool {
        guard POSIX.isDirectory(folder) else { return false }
        return starts(folder + "/" + fileName, with: prefix) || starts(folder + "/" + BuildManifest.fileName, with: legacyPrefix)
    }

    /// Writes the marker into `folder` (replacing, never writing into, a file already there:
    /// it may be a hard link shared with the live site).
    package static func write(into folder: String) throws {
        let path = folder + "/" + fileName
        try POSIX.removeFile(path)
        try Array(contents.utf8).withUnsafeBytes { try POSIX.writeNew($0, to: path) }
    }

    /// True when `path` is a regular file (not a link) whose bytes begin with `prefix`.
    package static func starts(_ path: String, with prefix: [UInt8]) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return false }
        return POSIX.read(path, at: 0, count: prefix.count) == prefix
    }
}
