public import Foundation

/// An exclusive advisory lock (`flock`) on a file, held until `unlock` or process exit.
///
/// Serialises approvals across processes so filing numbers stay unique; the kernel drops the
/// lock if the holder is killed, so a crash never leaves the registry locked.
public final class FileLock: @unchecked Sendable {
    private var fd: Int32

    /// Blocks until the lock on `url` is ours (the file is created if needed).
    public init(_ url: URL) throws(AtomicFile.Failure) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        fd = open(url.path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.Failure(path: url.path, reason: "cannot open lock: \(String(cString: strerror(errno)))") }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR {
                close(fd)
                throw AtomicFile.Failure(path: url.path, reason: "cannot lock: \(String(cString: strerror(errno)))")
            }
        }
    }

    private init(fd: Int32) { self.fd = fd }

    /// The lock on `url` if no one holds it now, else nil (never waits: the caller may hold it
    /// already through another descriptor, and `flock` would then wait for itself).
    public static func ifFree(_ url: URL) -> FileLock? {
        let fd = open(url.path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { close(fd); return nil }
        return FileLock(fd: fd)
    }

    public func unlock() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { unlock() }
}
