public import Foundation

/// Crash-safe file writes: write a temporary file beside the target, fsync it, rename it over
/// the target, fsync the folder. A reader sees the old file or the new one, never half of one.
public enum AtomicFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Replaces (or creates) `url` with `data`, creating parent folders as needed.
    /// With `durable: false` the fsyncs are skipped (bulk imports call `sync()` once at the end);
    /// the rename still makes each file appear whole.
    public static func write(_ data: Data, to url: URL, durable: Bool = true) throws(Failure) {
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: dir.path, reason: "cannot create folder: \(error.localizedDescription)")
        }
        // A kill before the rename leaves this file behind: `StrayTempFiles` finds it by its name.
        let tmp = dir.appendingPathComponent(StrayTempFiles.name(for: url.lastPathComponent, pid: getpid(), random: UInt32.random(in: 0...UInt32.max)))
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw Failure(path: tmp.path, reason: "cannot create: \(String(cString: strerror(errno)))") }
        var ok = data.withUnsafeBytes { writeAll(fd, $0) }
        if ok && durable && fsync(fd) != 0 { ok = false }
        close(fd)
        FaultPoint.hit("atomic-write:before-rename")
        guard ok, rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp.path)
            throw Failure(path: url.path, reason: "cannot write: \(reason)")
        }
        if durable { syncDirectory(dir) }
    }

    /// The one write loop: all of `bytes` to `fd` (at `offset` with `pwrite`, else at the
    /// file's position), retrying an interrupted call. False on failure, with `errno` as the
    /// failing call left it, so the caller can say why.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int? = nil) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = offset.map { pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t($0 + done)) }
                ?? Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to url: URL) throws(Failure) {
        try write(Data(text.utf8), to: url)
    }

    /// Flushes everything written so far to disk (`sync(2)`; Glibc's `syncfs` is not visible
    /// to Swift): one call instead of an `fsync` per file and folder, for a batch written with
    /// `durable: false` that must be on disk before a ledger names it.
    public static func syncWritten() {
        sync()
    }

    /// Flushes a folder's entries (the rename) to disk.
    public static func syncDirectory(_ dir: URL) {
        let fd = open(dir.path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
