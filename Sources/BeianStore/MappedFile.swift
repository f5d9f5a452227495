public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whole files read without copying them: a private read-only mapping of the file, owned by
/// the returned `Data` (unmapped when the last copy or slice of it goes). For the build's
/// caches and manifests (tens of MB at 100,000 filings), which `Data(contentsOf:)` copied
/// into fresh memory — page faults and a copy the mapping does not need.
///
/// Only for files this tool replaces by rename and never rewrites in place (the caches, the
/// site's manifests): a file truncated while mapped would fault on access.
public enum MappedFile {
    /// The bytes of the file at `path`, or nil if it cannot be opened, read or mapped. An
    /// empty file gives empty `Data`.
    public static func bytes(_ path: String) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(st.st_size)
        if size == 0 { return Data() }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), base != MAP_FAILED else {
            return FileManager.default.contents(atPath: path)
        }
        return Data(bytesNoCopy: base, count: size, deallocator: .custom { pointer, count in _ = munmap(pointer, count) })
    }
}
