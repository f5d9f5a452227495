import BeianStore
import Foundation

/// The staging folder's life: leftovers of killed builds removed, the finished tree swapped
/// in for the old one in one step.
enum Staging {
    /// Removes `.<name>.building-*` and `.<name>.old-*` left by builds that were killed.
    /// Called while holding the build lock, so no running build owns them.
    static func removeLeftovers(in parent: String, name: String) throws {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries.sorted() where entry.hasPrefix(".\(name).building-") || entry.hasPrefix(".\(name).old-") {
            try POSIX.removeTree(parent + "/" + entry)
        }
    }

    /// Puts `staging` at `output`. With an old site there, the two are exchanged atomically
    /// (`renameat2(RENAME_EXCHANGE)`), so `output` is always a whole site; the old one ends
    /// up at `staging` for the caller to delete. Without that call, two renames.
    static func swap(_ staging: String, into output: String) throws {
        if !POSIX.exists(output) {
            try POSIX.renameOrThrow(staging, output)
        } else if !POSIX.exchange(staging, output) {
            let parent = (output as NSString).deletingLastPathComponent
            let aside = parent + "/." + (output as NSString).lastPathComponent + ".old-\(getpid())"
            try POSIX.renameOrThrow(output, aside)
            do {
                try POSIX.renameOrThrow(staging, output)
            } catch {
                _ = rename(aside, output)
                throw error
            }
            try POSIX.renameOrThrow(aside, staging)
        }
        AtomicFile.syncDirectory(URL(fileURLWithPath: (output as NSString).deletingLastPathComponent))
    }
}
