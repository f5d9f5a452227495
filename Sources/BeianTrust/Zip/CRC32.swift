public import Foundation

/// CRC-32 (IEEE 802.3, the polynomial zip uses): the checksum every zip entry carries.
///
/// Written by hand because the package format needs nothing else from a zip library, and a
/// table-driven CRC is a dozen lines (swift-crypto offers only cryptographic digests).
public enum CRC32 {
    /// The 256-entry table for the reflected polynomial 0xEDB88320.
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC-32 of `data` (`checksum(Data("123456789".utf8)) == 0xCBF43926`).
    public static func checksum(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { raw in
            var c: UInt32 = 0xFFFF_FFFF
            for byte in raw { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
            return c ^ 0xFFFF_FFFF
        }
    }
}
