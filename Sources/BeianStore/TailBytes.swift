public import Foundation

/// The end of a JSON Lines file, read without reading the rest: its size, its last whole line
/// and whatever follows the last newline. What `Ledger.openTail` needs to append to a
/// registry-wide file of any length.
public struct TailBytes: Sendable {
    public var size: Int
    /// The last line that ends with a newline (without it); nil when there is none.
    public var lastLine: Data?
    /// The bytes after the last newline (empty when the file ends with one).
    public var tail: Data

    /// Reads the end of the regular file at `url`, never through a link (`O_NOFOLLOW`).
    public static func read(_ url: URL) -> Result<TailBytes, NoFollow.Failure> {
        switch NoFollow.kind(root: url.deletingLastPathComponent(), url.lastPathComponent) {
        case .missing: return .failure(.missing)
        case .link(let at): return .failure(.link(at: at))
        case .file: break
        default: return .failure(.notRegular)
        }
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return .failure(errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular) }
        let size = Int(st.st_size)
        // Read backwards in growing chunks until the chunk holds the newline before the last line.
        var chunk = 4096
        while true {
            let start = max(0, size - chunk)
            var buf = [UInt8](repeating: 0, count: size - start)
            var got = 0
            while got < buf.count {
                let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, $0.count - got, off_t(start + got)) }
                guard n > 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
                got += n
            }
            let lastNL = buf.lastIndex(of: 0x0A)
            let tail = Data(buf[((lastNL ?? -1) + 1)...])
            if let lastNL {
                if let before = buf[..<lastNL].lastIndex(of: 0x0A) {
                    return .success(TailBytes(size: size, lastLine: Data(buf[(before + 1)..<lastNL]), tail: tail))
                }
                if start == 0 { return .success(TailBytes(size: size, lastLine: Data(buf[..<lastNL]), tail: tail)) }
            } else if start == 0 {
                return .success(TailBytes(size: size, lastLine: nil, tail: tail))
            }
            chunk *= 4
        }
    }
}
