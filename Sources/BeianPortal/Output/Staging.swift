import BeianStore
import Foundation

/// The folders beside the output and their life: the staging folder a build fills, the
/// recycled previous site (`.<name>.prev`), leftovers of killed builds, and the swap.
struct Staging {
    let output: String
    let parent: String
    let name: String

    init(output: String) {
        self.output = output
        parent = (output as NSString).deletingLastPathComponent
        name = (output as NSString).lastPathComponent
    }

    var lock: String { parent + "/.\(name).lock" }
    /// The site before the live one, kept to be recycled as the next staging folder.
    var recycled: String { parent + "/.\(name).prev" }
    var staging: String { parent + "/.\(name).building-\(getpid())" }

    /// Removes `.<name>.building-*` and `.<name>.old-*` left by builds that were killed.
    /// Called while holding the build lock, so no running build owns them.
    func removeLeftovers() throws {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries.sorted() where entry.hasPrefix(".\(name).building-") || entry.hasPrefix(".\(name).old-") {
            try POSIX.removeTree(parent + "/" + entry)
        }
    }

    /// Creates the staging folder: the recycled site with what its manifest says it holds,
    /// when there is one and a live site to compare with; else a new, empty folder.
    func prepare(recycle: Bool) throws -> BuildManifest {
        if POSIX.exists(recycled) {
            let manifest = BuildManifest.read(siteAt: recycled)
            if recycle && POSIX.isDirectory(output) && !manifest.isEmpty {
                try POSIX.renameOrThrow(recycled, staging)
                // A crash from here on leaves `staging`, which the next build removes.
                try POSIX.removeFile(staging + "/" + BuildManifest.fileName)
                return manifest
            }
            try POSIX.removeTree(recycled)
        }
        try POSIX.makeDirectories(staging)
        return BuildManifest()
    }

    /// Puts the staging folder at `output`. With a live site there, the two are exchanged
    /// atomically (`renameat2(RENAME_EXCHANGE)`), so `output` is always a whole site; the old
    /// one is then kept as the recycled site (or deleted). Without that call, two renames.
    func swap(keepPrevious: Bool) throws {
        if !POSIX.exists(output) {
            try POSIX.renameOrThrow(staging, output)
        } else if !POSIX.exchange(staging, output) {
            let aside = parent + "/.\(name).old-\(getpid())"
            try POSIX.renameOrThrow(output, aside)
            do {
                try POSIX.renameOrThrow(staging, output)
            } catch {
                _ = rename(aside, output)
                throw error
            }
            try POSIX.renameOrThrow(aside, staging)
        }
        AtomicFile.syncDirectory(URL(fileURLWithPath: parent))
        guard POSIX.exists(staging) else { return }
        if keepPrevious {
            try POSIX.renameOrThrow(staging, recycled)
        } else {
            try POSIX.removeTree(staging)
        }
    }
}
