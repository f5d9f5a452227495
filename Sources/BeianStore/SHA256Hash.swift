import Crypto
public import Foundation

/// SHA-256 as lowercase hex, the form manifests and the ledger record.
public enum SHA256Hash {
    public static func hex(_ data: Data) -> String {
        hexString(SHA256.hash(data: data))
    }

    public static func hex(_ text: String) -> String { hex(Data(text.utf8)) }

    /// Hashes raw bytes (a slice of a larger buffer, without copying it into a `Data`).
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        hexString(SHA256.hash(data: bytes))
    }

    /// Hashes a file by streaming it, so large scans are not held in memory.
    public static func hex(fileAt url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hexString(hasher.finalize())
    }

    /// Lowercase hex of a digest, written straight into the string's storage:
    /// `String(format: "%02x")` per byte went through Foundation's formatter and cost more
    /// than the hash itself (38 % of reading a 10,000-filing registry for `beian build`).
    static func hexString(_ digest: SHA256.Digest) -> String {
        func digit(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x57 + n }  // 0-9, a-f
        return String(unsafeUninitializedCapacity: 2 * SHA256.byteCount) { out in
            var i = 0
            for byte in digest {
                out[i] = digit(byte >> 4)
                out[i + 1] = digit(byte & 0x0F)
                i += 2
            }
            return i
        }
    }
}
