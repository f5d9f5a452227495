import BeianPortal
import BeianStore
import Foundation

/// Reads a file of the site a buffer at a time, so that `verify-site` holds one row of a
/// 100,000-filing `filings.json` (hundreds of MB with the disclosures) in memory, not the file.
/// Opened like `NoFollow.read`: no link anywhere on the path, a regular file.
struct SiteFileReader: ~Copyable {
    private let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private var start = 0
    private var end = 0
    private(set) var failed: String?

    static func open(root: URL, _ relative: String) -> Result<SiteFileReader, NoFollow.Failure> {
        switch NoFollow.kind(root: root, relative) {
        case .missing: return .failure(.missing)
        case .link(let at): return .failure(.link(at: at))
        case .folder, .other: return .failure(.notRegular)
        case .file: break
        }
        let fd = Foundation.open(root.path + "/" + relative, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(errno == ELOOP ? .link(at: relative) : .unreadable(String(cString: strerror(errno)))) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .failure(.notRegular)
        }
        return .success(SiteFileReader(fd: fd))
    }

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// False at the end of the file (or after a read error, kept in `failed`).
    private mutating func fill() -> Bool {
        guard start == end, failed == nil else { return start < end }
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { failed = String(cString: strerror(errno)) }
            start = 0
            end = max(n, 0)
            return end > 0
        }
    }

    mutating func next() -> UInt8? {
        guard fill() else { return nil }
        defer { start += 1 }
        return buffer[start]
    }

    mutating func peek() -> UInt8? {
        guard fill() else { return nil }
        return buffer[start]
    }

    /// The next line without its `\n`; nil at the end.
    mutating func line() -> [UInt8]? {
        guard fill() else { return nil }
        var out: [UInt8] = []
        while fill() {
            if let nl = buffer[start..<end].firstIndex(of: 0x0A) {
                out += buffer[start..<nl]
                start = nl + 1
                return out
            }
            out += buffer[start..<end]
            start = end
        }
        return out
    }
}
