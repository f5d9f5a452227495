import Foundation

/// Notices a change in the folders `serve` builds from by polling: every file's path, size,
/// modification time and inode, hashed into one value. Portable (no inotify/FSEvents), and
/// an editor's save-by-rename is seen like any write.
struct InputWatcher {
    var roots: [String]
    /// Look only at what the public view is read from: the registry's own folder, the list of
    /// bundles, and each bundle's ledger (an approval, change or cancellation appends to it;
    /// snapshots are written before it, and a bundle's YAML is a draft, never published).
    /// 5,325 bundles are then 5,300 `lstat`s instead of a walk of 34,000 files.
    var registry = false

    /// The state of every file below the roots (links are not followed: the build refuses them).
    func fingerprint() -> Fingerprint {
        var hasher = Hasher()
        var files = 0
        for root in roots {
            if registry { ledgers(root, into: &hasher, files: &files) } else { walk(root, into: &hasher, files: &files) }
        }
        return Fingerprint(value: hasher.finalize(), files: files)
    }

    private func ledgers(_ root: String, into hasher: inout Hasher, files: inout Int) {
        stamp(root, into: &hasher)
        for name in entries(root) {
            let bundle = root + "/" + name
            if name.hasPrefix(".") {
                walk(bundle, into: &hasher, files: &files)  // .beian-registry
                continue
            }
            stamp(bundle, into: &hasher)
            stamp(bundle + "/.beian/ledger.jsonl", into: &hasher)
            files += 1
        }
    }

    private func stamp(_ path: String, into hasher: inout Hasher) {
        var st = stat()
        hasher.combine(path)
        guard lstat(path, &st) == 0 else { hasher.combine(-1); return }
        hasher.combine(Int(st.st_mode))
        hasher.combine(Int(st.st_size))
        hasher.combine(Int(st.st_mtim.tv_sec))
        hasher.combine(Int(st.st_mtim.tv_nsec))
        hasher.combine(Int(st.st_ino))
    }

    /// The names in a folder, sorted (none when it is not one).
    private func entries(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        return names.sorted()
    }

    struct Fingerprint: Equatable {
        var value: Int
        var files: Int
    }

    private func walk(_ path: String, into hasher: inout Hasher, files: inout Int) {
        var st = stat()
        guard lstat(path, &st) == 0 else { hasher.combine(path); hasher.combine(-1); return }
        hasher.combine(path)
        hasher.combine(Int(st.st_mode))
        hasher.combine(Int(st.st_size))
        hasher.combine(Int(st.st_mtim.tv_sec))
        hasher.combine(Int(st.st_mtim.tv_nsec))
        hasher.combine(Int(st.st_ino))
        files += 1
        guard (st.st_mode & S_IFMT) == S_IFDIR else { return }
        for name in entries(path) { walk(path + "/" + name, into: &hasher, files: &files) }
    }
}
