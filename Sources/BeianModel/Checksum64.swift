public import Foundation

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
            lanes.0 = StableHash.mixed(lanes.0, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            lanes.1 = StableHash.mixed(lanes.1, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            lanes.2 = StableHash.mixed(lanes.2, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            lanes.3 = StableHash.mixed(lanes.3, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        var h = StableHash.mixed(StableHash.mixed(StableHash.mixed(lanes.0, lanes.1), lanes.2), lanes.3)
        while i + 8 <= n {
            h = StableHash.mixed(h, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        return StableHash.mixed(StableHash.mixed(h, StableHash.tail(bytes, from: i)), UInt64(n))  // the length last: a truncated file differs
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
}
