import Foundation

/// Notices a change in the folders `serve` builds from by polling: every file's path, size,
/// modification time and inode, hashed into one value. Portable (no inotify/FSEvents), and
/// an editor's save-by-rename is seen like any write.
struct InputWatcher {
    var roots: [String]

    /// The state of every file below the roots (links are not followed: the build refuses them).
    func fingerprint() -> Fingerprint {
        var hasher = Hasher()
        var files = 0
        for root in roots { walk(root, into: &hasher, files: &files) }
        return Fingerprint(value: hasher.finalize(), files: files)
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
        guard (st.st_mode & S_IFMT) == S_IFDIR, let dir = opendir(path) else { return }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        for name in names.sorted() { walk(path + "/" + name, into: &hasher, files: &files) }
    }
}
