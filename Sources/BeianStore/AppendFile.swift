public import Foundation

/// Durable appends to a JSON Lines file: only the new lines are written (`O_APPEND`), then the
/// file is `fsync`ed — and its folder too when the append created it.
///
/// A write cut short (a kill, a power cut) can leave an incomplete last line: the torn tail.
/// The next append repairs it first, under the caller's lock: a tail that is not a whole line is
/// truncated back to the end of the last complete line; a whole line missing only its newline is
/// completed, never dropped. The caller says which (`Tail`), since only it can tell a whole
/// line from a fragment. A write that fails (a full disk) is truncated back to where it began,
/// so the file holds all of the new lines or none.
public enum AppendFile {
    /// What the caller found after the last newline when it read the file.
    public enum Tail: Equatable, Sendable {
        /// The file is empty or ends with a newline.
        case clean
        /// `bytes` bytes after the last newline that are no whole line: truncated away.
        case torn(bytes: Int)
        /// A whole line that lacks only its newline: the newline is added.
        case unterminated
    }

    /// Appends `data` to `url`, whose size the caller read as `expectedSize` (torn tail
    /// included). Refuses when the file changed size since (another writer: the caller's lock
    /// should make that impossible) or is a link.
    public static func append(_ data: Data, to url: URL, expectedSize: Int, tail: Tail) throws(AtomicFile.Failure) {
        let path = url.path
        var fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        var created = false
        if fd < 0 && errno == ENOENT && expectedSize == 0 {
            let dir = url.deletingLastPathComponent()
            do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                throw AtomicFile.Failure(path: dir.path, reason: "cannot create folder: \(error.localizedDescription)")
            }
            fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            created = fd >= 0
        }
        guard fd >= 0 else { throw AtomicFile.Failure(path: path, reason: "cannot open for appending: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw AtomicFile.Failure(path: path, reason: "not a regular file")
        }
        guard Int(st.st_size) == expectedSize else {
            throw AtomicFile.Failure(path: path, reason: "changed while being written (\(expectedSize) bytes read, \(st.st_size) now)")
        }
        var start = expectedSize
        var bytes = data
        switch tail {
        case .clean: break
        case .unterminated: bytes = Data([0x0A]) + data
        case .torn(let n):
            start = expectedSize - n
            guard n > 0, start >= 0, ftruncate(fd, off_t(start)) == 0, fsync(fd) == 0 else {
                throw AtomicFile.Failure(path: path, reason: "cannot truncate its incomplete last line: \(String(cString: strerror(errno)))")
            }
        }
        let cut = FaultPoint.tornAppend(url.lastPathComponent, count: bytes.count)
        var ok = true
        bytes.withUnsafeBytes { buf in
            var offset = 0
            let end = cut ?? buf.count
            while offset < end {
                let n = Foundation.write(fd, buf.baseAddress! + offset, end - offset)
                if n <= 0 { ok = false; break }
                offset += n
            }
        }
        if cut != nil { FaultPoint.die() }
        if !ok || fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            // All of the new lines or none: cut back what was written of them.
            _ = ftruncate(fd, off_t(start))
            _ = fsync(fd)
            throw AtomicFile.Failure(path: path, reason: "cannot write: \(reason)")
        }
        if created { AtomicFile.syncDirectory(url.deletingLastPathComponent()) }
    }
}
