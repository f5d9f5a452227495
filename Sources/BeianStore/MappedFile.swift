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

/// A fast 64-bit checksum of bytes, to tell a damaged cache file from a whole one (not a
/// defence against anyone: the caches live beside the output, writable by whoever runs the
/// build). Four independent lanes of `StableHash`'s mixing step, so the multiplications of
/// neighbouring words overlap: several GB/s, where SHA-256 made reading the registry cache
/// (40 MB at 100,000 filings) cost 55 ms of CPU.
public enum Checksum64 {
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63)
        let n = bytes.count
        var i = 0
        while i + 32 <= n {
            lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        var h = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
        while i + 8 <= n {
            h = mix(h, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        return mix(mix(h, tail), UInt64(n))  // the length last: a truncated file differs
    }

    public static func of(_ data: Data) -> UInt64 { data.withUnsafeBytes { of($0) } }

    /// `bytes` followed by their checksum (eight bytes, little-endian): a cache file's form.
    public static func appended(to bytes: [UInt8]) -> Data {
        var out = bytes
        withUnsafeBytes(of: bytes.withUnsafeBytes { of($0) }.littleEndian) { out.append(contentsOf: $0) }
        return Data(out)
    }

    /// What precedes the checksum `appended(to:)` put at the end of `file`, when it matches;
    /// nil for a damaged or truncated file.
    public static func checked(_ file: Data) -> Data? {
        guard file.count >= 8 else { return nil }
        let body = file.prefix(file.count - 8)
        let stored = file.suffix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        return of(body) == UInt64(littleEndian: stored) ? body : nil
    }

    @inline(__always) static func mix(_ state: UInt64, _ w: UInt64) -> UInt64 {
        var h = (state ^ w) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        return h
    }
}
