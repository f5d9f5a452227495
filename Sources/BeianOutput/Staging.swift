import BeianStore
import Foundation

/// The folders beside the output and their life: the staging folder a build fills, the
/// recycled previous site (`.<name>.prev`), leftovers of killed builds, and the swap.
package struct Staging {
    package let output: String
    package let parent: String
    package let name: String

    package init(output: String) {
        self.output = output
        parent = (output as NSString).deletingLastPathComponent
        name = (output as NSString).lastPathComponent
    }

    package var lock: String { parent + "/.\(name).lock" }
    /// The site before the live one, kept to be recycled as the next staging folder.
    package var recycled: String { parent + "/.\(name).prev" }
    package var staging: String { parent + "/.\(name).building-\(getpid())" }

    /// Removes `.<name>.building-*` and `.<name>.old-*` left by builds that were killed
    /// (each marked, `SiteMarker`, or empty: anything else there is refused, not deleted).
    /// Called while holding the build lock, so no running build owns them.
    package func removeLeftovers() throws {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries.sorted() where entry.hasPrefix(".\(name).building-") || entry.hasPrefix(".\(name).old-") {
            try OutputPlace.removeBuilt(parent + "/" + entry)
        }
    }

    /// The manifest of the recycled site when this build is to recycle it (`recycle`, a
    /// live site to compare with, a recycled site whose manifest reads); nil otherwise. Reads
    /// only: `prepare(recycling:)` acts on it.
    package func recycledManifest(recycle: Bool) -> BuildManifest? {
        guard recycle, POSIX.isDirectory(output), POSIX.exists(recycled) else { return nil }
        let manifest = BuildManifest.read(siteAt: recycled)
        return manifest.isEmpty ? nil : manifest
    }

    /// Creates the staging folder: the recycled site, whose manifest `manifest` says what it
    /// holds (`recycledManifest`), or else a new, empty folder (any recycled site is deleted).
    /// Either way it carries `SiteMarker` before anything else happens to it, so that the
    /// leftover of a killed build is known as the build's own.
    package func prepare(recycling manifest: BuildManifest?) throws -> BuildManifest {
        if let manifest {
            try POSIX.renameOrThrow(recycled, staging)
            // A crash from here on leaves `staging`, which the next build removes.
            try SiteMarker.write(into: staging)
            try POSIX.removeFile(staging + "/" + BuildManifest.fileName)
            return manifest
        }
        try OutputPlace.removeBuilt(recycled)
        try POSIX.makeDirectories(staging)
        try SiteMarker.write(into: staging)
        return BuildManifest()
    }

    /// The hard-link copy of the staging folder made for the next build (see `copyStaging`);
    /// named like a staging folder, so the next build removes it if this one was killed.
    package var copy: String { staging + "-copy" }

    /// Before the swap of a build with no site to replace: makes a hard-link copy of the new
    /// site, which `swap` keeps as the recycled site, so the next build patches a few files of
    /// it instead of linking every file anew (at 100,000 filings, 210,000 links and 130,000
    /// folders). The files in `unshared` (the open data, which the next build patches in place
    /// in a file of the recycled site's own) are copied instead. A pure saving: if it cannot be
    /// made (no hard links, no space), the partial copy is removed and the build goes on
    /// without it. True when it was made.
    package func copyStaging(tasks: Int, unshared: [String]) -> Bool {
        do {
            try OutputPlace.removeBuilt(copy)
            if try POSIX.linkTree(staging, to: copy, tasks: tasks) {
                for path in unshared { try POSIX.unshare(copy + "/" + path) }
                return true
            }
        } catch {}
        try? OutputPlace.removeBuilt(copy)
        return false
    }

    /// Puts the staging folder at `output`. With a live site there, the two are exchanged
    /// atomically (`renameat2(RENAME_EXCHANGE)`), so `output` is always a whole site; the old
    /// one is then kept as the recycled site (or deleted); without one, the copy made by
    /// `copyStaging` is kept as the recycled site. Without that call, two renames.
    package func swap(keepPrevious: Bool) throws {
        if !POSIX.exists(output) {
            try POSIX.renameOrThrow(staging, output)
            if keepPrevious && POSIX.exists(copy) { _ = rename(copy, recycled) }
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
        // The crash tests kill a build here: the new site is live, the replaced one not yet recycled.
        FaultPoint.hit("build:exchanged")
        // The copy is a saving only: one that was not kept is dropped.
        if POSIX.exists(copy) { try? OutputPlace.removeBuilt(copy) }
        guard POSIX.exists(staging) else { return }
        // `staging` now holds what was at `output`: a site (kept to be recycled) or an empty folder.
        if keepPrevious && SiteMarker.isMarked(staging) {
            try POSIX.renameOrThrow(staging, recycled)
        } else {
            try OutputPlace.removeBuilt(staging)
        }
    }
}
