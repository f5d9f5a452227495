public import Foundation

/// The temporary files `AtomicFile` writes beside a target (`.<name>.tmp-<pid>-<random>`), and
/// those a writer killed between its write and its rename leaves behind for good.
///
/// Such a file is harmless (no reader opens it: the target is the old file or the new one) but
/// it stays forever and takes space, so `beian verify` reports it and every registry writer
/// removes those of dead processes when it takes the lock that guards them. Only a regular
/// file whose name is exactly of the pattern is touched, never one reached through a link,
/// and never one whose writer still runs (`kill(pid, 0)` fails with ESRCH only when no such
/// process exists).
public enum StrayTempFiles {
    /// The temporary name under which `AtomicFile` writes `target` in process `pid`.
    static func name(for target: String, pid: Int32, random: UInt32) -> String {
        ".\(target).tmp-\(pid)-\(random)"
    }

    /// The writer's pid when `fileName` is exactly `.<name>.tmp-<pid>-<random>` (decimal digits,
    /// a pid above 0 and a 32-bit random number), nil otherwise.
    public static func writer(of fileName: String) -> Int32? {
        guard fileName.hasPrefix("."), let marker = fileName.range(of: ".tmp-", options: .backwards),
              marker.lowerBound > fileName.index(after: fileName.startIndex) else { return nil }
        let parts = fileName[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let pid = Int32(parts[0]), pid > 0, UInt32(parts[1]) != nil else { return nil }
        return pid
    }

    /// True when no process `pid` exists. One of another user (EPERM) exists.
    public static func writerGone(_ pid: Int32) -> Bool {
        kill(pid, 0) != 0 && errno == ESRCH
    }

    /// A temporary file left by a writer that no longer runs.
    public struct Leftover: Sendable, Hashable {
        /// Its path relative to the root it was found under.
        public var relative: String
        public var pid: Int32
    }

    /// The leftovers in the folder `relative` under `root` ("" for the root itself) and, with
    /// `recursive`, in its subfolders (at most `depth` levels): regular files only, no folder
    /// entered through a link. Sorted by path.
    public static func leftovers(root: URL, in relative: String, recursive: Bool, depth: Int = 8) -> [Leftover] {
        var out: [Leftover] = []
        // Nothing unless `relative` is a folder reached without links (`entries` checks).
        for (name, type) in NoFollow.entries(root: root, relative) {
            let entry = relative.isEmpty ? name : relative + "/" + name
            switch type {
            case .file:
                if let pid = writer(of: name), writerGone(pid) { out.append(Leftover(relative: entry, pid: pid)) }
            case .folder where recursive && depth > 0:
                out += leftovers(root: root, in: entry, recursive: true, depth: depth - 1)
            default: break
            }
        }
        return out
    }

    /// Removes the leftovers `leftovers(root:in:recursive:)` finds and returns them. Call only
    /// holding the lock that guards those files, so no writer of them can be running.
    @discardableResult
    public static func remove(root: URL, in relative: String, recursive: Bool) -> [Leftover] {
        leftovers(root: root, in: relative, recursive: recursive).filter { found in
            // `unlink` removes a name, never what a link points to; checked as a file just before.
            guard case .file = NoFollow.kind(root: root, found.relative) else { return false }
            return unlink(root.path + "/" + found.relative) == 0
        }
    }
}
