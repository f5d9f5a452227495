import BeianStore
import Foundation

/// Thin wrappers over the system calls the output tree needs, each turning failure into an
/// `PortalIOError` that names the path.
package enum POSIX {
    /// Creates `dir` and any missing parents; succeeds if it exists.
    package static func makeDirectories(_ dir: String) throws {
        if mkdir(dir, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw failure(dir, "cannot create folder") }
        let parent = (dir as NSString).deletingLastPathComponent
        guard !parent.isEmpty, parent != dir else { throw failure(dir, "cannot create folder") }
        try makeDirectories(parent)
        guard mkdir(dir, 0o755) == 0 || errno == EEXIST else { throw failure(dir, "cannot create folder") }
    }

    /// Writes a new file, creating its folder if needed. A file already there (one the
    /// recycled site recorded in another group) is replaced, never written into: it may be
    /// shared with the live site.
    package static func writeNew(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try makeDirectories((path as NSString).deletingLastPathComponent)
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        if fd < 0 && errno == EEXIST && unlink(path) == 0 {
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw failure(path, "cannot create") }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
    }

    /// Writes all of `bytes` at `fd`'s position (the one write loop, `AtomicFile.writeAll`).
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard AtomicFile.writeAll(fd, bytes) else { throw failure(path, "cannot write") }
    }

    /// Hard-links `existing` as `new`, creating `new`'s folder if needed. False when
    /// `existing` is gone (the caller then writes the file instead).
    /// A file already at `new` (one the recycled site recorded in another group) is replaced.
    package static func hardLink(_ existing: String, _ new: String) throws -> Bool {
        if link(existing, new) == 0 { return true }
        if errno == EEXIST, unlink(new) == 0, link(existing, new) == 0 { return true }
        if errno == ENOENT {
            var st = stat()
            guard lstat(existing, &st) == 0 else { return false }
            try makeDirectories((new as NSString).deletingLastPathComponent)
            if link(existing, new) == 0 { return true }
        }
        if errno == ENOENT || errno == EXDEV || errno == EPERM || errno == EMLINK { return false }
        throw failure(new, "cannot link")
    }

    /// `count` bytes of `path` at `offset`, or nil if the file is shorter or unreadable.
    package static func read(_ path: String, at offset: Int, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // Read into uninitialized storage: zeroing 10 MB first (a manifest) cost a pass of its own.
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { failed = true; break }
                done += n
            }
            initialized = failed ? 0 : count
        }
        return failed ? nil : bytes
    }

    /// Removes one file (never a folder); missing is fine.
    package static func removeFile(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure(path, "cannot remove") }
    }

    /// Removes a file tree without following symbolic links; missing is fine.
    package static func removeTree(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            guard unlink(path) == 0 || errno == ENOENT else { throw failure(path, "cannot remove") }
            return
        }
        guard let dir = opendir(path) else { throw failure(path, "cannot open folder") }
        var children: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { children.append(name) }
        }
        closedir(dir)
        for child in children { try removeTree(path + "/" + child) }
        guard rmdir(path) == 0 || errno == ENOENT else { throw failure(path, "cannot remove folder") }
    }

    /// Makes `destination` (which must not exist) a copy of the tree at `source` made of hard
    /// links: folders are made anew, every other entry is linked. Works from open folders
    /// (`openat`, `mkdirat`, `linkat`), so no path is looked up twice; the top level's folders
    /// are shared out to `tasks` workers, largest first (a folder's size in bytes grows with
    /// its entries), so each worker fills folders the other does not touch. False when the
    /// file system cannot link; a partial copy is left for the caller to remove.
    package static func linkTree(_ source: String, to destination: String, tasks: Int = 1) throws -> Bool {
        guard mkdir(destination, 0o755) == 0 else { throw failure(destination, "cannot create folder") }
        let from = open(source, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard from >= 0 else { throw failure(source, "cannot open folder") }
        defer { close(from) }
        let to = open(destination, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard to >= 0 else { throw failure(destination, "cannot open folder") }
        defer { close(to) }
        var folders: [(name: String, size: Int)] = []
        guard try linkEntries(from, to, path: destination, sizes: true, folder: { name, size in folders.append((name, size)) }) else {
            return false
        }
        // Largest first, each to the worker with the least so far.
        var shares = [[String]](repeating: [], count: max(1, min(tasks, folders.count)))
        var loads = [Int](repeating: 0, count: shares.count)
        for f in folders.sorted(by: { ($0.size, $1.name) > ($1.size, $0.name) }) {
            let i = loads.indices.min { loads[$0] < loads[$1] }!
            shares[i].append(f.name)
            loads[i] += f.size
        }
        let parts = shares
        let results = Concurrent.map(parts.count, tasks: parts.count) { i in
            Result { () throws -> Bool in
                for name in parts[i] where try !linkFolder(from, to, name: name, path: destination + "/" + name) { return false }
                return true
            }
        }
        for r in results where try !r.get() { return false }
        return true
    }

    /// Links the files of one folder and makes its subfolders, handing each to `folder` (name,
    /// and with `sizes` its size in bytes; else 0, and no `stat` where the entry's type is
    /// known). False when the file system cannot link.
    private static func linkEntries(_ from: Int32, _ to: Int32, path: String, sizes: Bool,
                                    folder: (String, Int) throws -> Void) throws -> Bool {
        let listing = dup(from)
        guard listing >= 0, let dir = fdopendir(listing) else { throw failure(path, "cannot open folder") }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let type = entry.pointee.d_type
            let ok = try withUnsafeBytes(of: entry.pointee.d_name) { raw -> Bool in
                let name = raw.bindMemory(to: CChar.self).baseAddress!
                if name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0)) { return true }
                var isFolder = type == UInt8(DT_DIR)
                var st = stat()
                if type == UInt8(DT_UNKNOWN) || (isFolder && sizes) {
                    guard fstatat(from, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { throw failure(path, "cannot read folder") }
                    isFolder = st.st_mode & S_IFMT == S_IFDIR
                }
                guard isFolder else {
                    if linkat(from, name, to, name, 0) == 0 { return true }
                    if errno == EXDEV || errno == EPERM || errno == EMLINK { return false }
                    throw failure(path + "/" + String(cString: name), "cannot link")
                }
                let child = String(cString: name)
                guard mkdirat(to, name, 0o755) == 0 else { throw failure(path + "/" + child, "cannot create folder") }
                try folder(child, Int(st.st_size))
                return true
            }
            if !ok { return false }
        }
        return true
    }

    /// Copies the folder `name` of `from` into the same-named folder of `to` (already made).
    private static func linkFolder(_ from: Int32, _ to: Int32, name: String, path: String) throws -> Bool {
        let sub = openat(from, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard sub >= 0 else { throw failure(path, "cannot open folder") }
        defer { close(sub) }
        let subTo = openat(to, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard subTo >= 0 else { throw failure(path, "cannot open folder") }
        defer { close(subTo) }
        var children: [String] = []
        guard try linkEntries(sub, subTo, path: path, sizes: false, folder: { child, _ in children.append(child) }) else { return false }
        for child in children where try !linkFolder(sub, subTo, name: child, path: path + "/" + child) { return false }
        return true
    }

    /// True when `path` is a directory (not following a final symbolic link).
    package static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    package static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private typealias SyncFS = @convention(c) (Int32) -> Int32

    /// Atomically exchanges two paths (Linux `renameat2(RENAME_EXCHANGE)`); false when the
    /// kernel or file system cannot, so the caller falls back to two renames.
    package static func exchange(_ a: String, _ b: String) -> Bool {
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(sym, to: RenameAt2.self)
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
    }

    /// Flushes the file system holding `path` to disk (`syncfs`, else `sync`).
    package static func syncFileSystem(of path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        defer { if fd >= 0 { close(fd) } }
        if fd >= 0, let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") {
            _ = unsafeBitCast(sym, to: SyncFS.self)(fd)
        } else {
            sync()
        }
    }

    package static func renameOrThrow(_ from: String, _ to: String) throws {
        guard rename(from, to) == 0 else { throw failure(to, "cannot rename \(from)") }
    }

    package static func failure(_ path: String, _ what: String) -> PortalIOError {
        PortalIOError(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}
