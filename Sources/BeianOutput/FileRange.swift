import BeianStore
import Foundation

extension POSIX {
    private typealias CopyFileRange = @convention(c) (Int32, UnsafeMutablePointer<Int64>?, Int32, UnsafeMutablePointer<Int64>?, Int, UInt32) -> Int
    private static let copyFileRange: CopyFileRange? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "copy_file_range")
        .map { unsafeBitCast($0, to: CopyFileRange.self) }

    /// Writes all of `bytes` at `offset` of `fd`.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, path: String) throws {
        guard AtomicFile.writeAll(fd, bytes, at: offset) else { throw failure(path, "cannot write") }
    }

    /// Copies `count` bytes at `from` of `source` to `to` of `target`, in the kernel when it
    /// can (`copy_file_range`), else through a buffer. False when `source` is shorter.
    package static func copy(_ source: Int32, at from: Int, to target: Int32, at to: Int, count: Int, path: String) throws -> Bool {
        var inOff = Int64(from), outOff = Int64(to)
        var left = count
        if let copyFileRange {
            while left > 0 {
                let n = copyFileRange(source, &inOff, target, &outOff, left, 0)
                if n < 0 && errno == EINTR { continue }
                if n < 0 && (errno == ENOSYS || errno == EXDEV || errno == EINVAL || errno == EOPNOTSUPP) { break }
                guard n >= 0 else { throw failure(path, "cannot copy") }
                if n == 0 { return false }
                left -= n
            }
            if left == 0 { return true }
        }
        var buffer = [UInt8](repeating: 0, count: min(left, 1 << 20))
        while left > 0 {
            let want = min(left, buffer.count)
            let n = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress!, want, off_t(inOff)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            try buffer.withUnsafeBytes { try writeAll(target, UnsafeRawBufferPointer(rebasing: $0[0..<n]), at: Int(outOff), path: path) }
            inOff += Int64(n); outOff += Int64(n); left -= n
        }
        return true
    }

    /// Replaces `path` (a hard link) by a copy of its bytes of its own: made beside it, then
    /// renamed over it, so the file stays whole throughout.
    package static func unshare(_ path: String) throws {
        let source = open(path, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw failure(path, "cannot open") }
        defer { close(source) }
        var st = stat()
        guard fstat(source, &st) == 0 else { throw failure(path, "cannot read") }
        let partial = path + ".partial"
        try removeFile(partial)
        let target = open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard target >= 0 else { throw failure(partial, "cannot create") }
        do {
            defer { close(target) }
            guard try copy(source, at: 0, to: target, at: 0, count: Int(st.st_size), path: partial) else {
                throw PortalIOError(path: path, reason: "changed while being copied")
            }
        } catch {
            unlink(partial)
            throw error
        }
        try renameOrThrow(partial, path)
    }

    /// Number of hard links to `path`, or nil when it does not exist.
    package static func linkCount(_ path: String) -> Int? {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(st.st_nlink)
    }
}
