import BeianStore
import Foundation

/// The new site being assembled in a staging folder beside the output.
///
/// The staging folder is either new and empty, or the site of the build before the previous
/// one, recycled (`.site.prev`), whose manifest (`base`) says what each file holds. A tree
/// covers one group of files (`BuildManifest.Group`): `base` and `previousManifest` hold that
/// group's records. For each file of the group, `emit` does the least work that makes the
/// staging copy right:
/// nothing if the recycled copy already is; a hard link to the live site's copy if that one
/// is; otherwise it renders and writes. A rebuild after one change therefore touches only
/// the changed files, not every file of the site.
///
/// A file in the staging folder may share its inode with the live site (hard links), so it is
/// never written in place: it is unlinked and created anew, or replaced by `rename`.
package struct OutputTree: Sendable {
    /// The staging folder (becomes the site at the swap).
    package let root: String
    /// What the staging folder already holds (a recycled site), path → entry.
    package let base: [String: BuildManifest.Entry]
    /// The live site, if one exists.
    package let previous: String?
    package let previousManifest: [String: BuildManifest.Entry]

    package init(root: String, base: [String: BuildManifest.Entry], previous: String?,
                 previousManifest: [String: BuildManifest.Entry]) {
        self.root = root
        self.base = base
        self.previous = previous
        self.previousManifest = previousManifest
    }

    /// What happened to one file.
    package struct Emitted: Sendable {
        package enum Outcome: Sendable { case written, kept, keptWithoutRendering }
        package let path: String
        package let entry: BuildManifest.Entry
        package let outcome: Outcome
    }

    /// True when `emit` will keep `path` without rendering it.
    package func isUnchanged(_ path: String, inputKey: Fingerprint?) -> Bool {
        guard let key = inputKey?.state else { return false }
        return base[path]?.input == key || (previous != nil && previousManifest[path]?.input == key)
    }

    /// Produces the file `path`: kept when its inputs (`inputKey`) or its bytes are unchanged,
    /// written otherwise.
    package func emit(_ path: String, inputKey: Fingerprint? = nil, render: () throws -> [UInt8]) throws -> Emitted {
        if let key = inputKey?.state {
            if let b = base[path], b.input == key {
                return Emitted(path: path, entry: b, outcome: .keptWithoutRendering)
            }
            if let old = previousManifest[path], old.input == key, try linkFromPrevious(path) {
                return Emitted(path: path, entry: old, outcome: .keptWithoutRendering)
            }
        }
        let bytes = try render()
        let entry = bytes.withUnsafeBytes { BuildManifest.Entry(bytes: $0, input: inputKey?.state) }
        if try keep(path, content: entry.content) {
            return Emitted(path: path, entry: entry, outcome: .kept)
        }
        let full = root + "/" + path
        try POSIX.removeFile(full)
        try bytes.withUnsafeBytes { buffer in try POSIX.writeNew(buffer, to: full) }
        return Emitted(path: path, entry: entry, outcome: .written)
    }

    /// Keeps `path` as the live site has it (a file the caller knows is unchanged).
    package func keep(_ path: String) throws -> Emitted {
        guard let old = previousManifest[path] else { throw PortalKeptFileMissing(path: path) }
        if base[path]?.content == old.content { return Emitted(path: path, entry: old, outcome: .keptWithoutRendering) }
        guard try linkFromPrevious(path) else { throw PortalKeptFileMissing(path: path) }
        return Emitted(path: path, entry: old, outcome: .keptWithoutRendering)
    }

    /// Deletes `paths` from the staging folder (what the recycled site held that the new one
    /// does not), and the folders that leaves empty.
    package static func removeStale(_ paths: [String], root: String) throws {
        var folders = Set<String>()
        for path in paths {
            try POSIX.removeFile(root + "/" + path)
            var dir = (path as NSString).deletingLastPathComponent
            while !dir.isEmpty {
                folders.insert(dir)
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        // Deepest first; a folder that still holds something stays.
        for dir in folders.sorted(by: { $0.count > $1.count }) { rmdir(root + "/" + dir) }
    }

    /// Makes the staging copy of each of `files` the live site's (hard links) where the
    /// recycled copy differs. False when a live file is missing (then render the group).
    package func matchLive(_ files: [(path: String, entry: BuildManifest.Entry)]) throws -> Bool {
        for (path, entry) in files where base[path]?.content != entry.content {
            guard try linkFromPrevious(path) else { return false }
        }
        return true
    }

    /// True when the staging copy of `path` now holds `content`: already there (recycled), or
    /// hard-linked from the live site.
    private func keep(_ path: String, content: UInt64) throws -> Bool {
        if base[path]?.content == content { return true }
        if previousManifest[path]?.content == content { return try linkFromPrevious(path) }
        return false
    }

    /// Replaces the staging copy of `path` by a hard link to the live site's copy.
    func linkFromPrevious(_ path: String) throws -> Bool {
        guard let previous, POSIX.exists(previous + "/" + path) else { return false }
        let full = root + "/" + path
        if base[path] != nil { try POSIX.removeFile(full) }
        return try POSIX.hardLink(previous + "/" + path, full)
    }
}
