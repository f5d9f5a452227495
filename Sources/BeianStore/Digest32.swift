import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// A SHA-256 digest held as four words: no allocation per file, so a manifest of 210,000
/// files (the portal at 100,000 filings) carries one per file for the cost of an integer.
public struct Digest32: Sendable, Hashable {
    public var words: (UInt64, UInt64, UInt64, UInt64)

    public init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// The digest of `bytes`.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> Digest32 {
        Digest32(SHA256.hash(data: bytes))
    }

    public static func of<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Digest32 {
        if let d = bytes.withContiguousStorageIfAvailable({ Digest32.of(UnsafeRawBufferPointer($0)) }) { return d }
        return Array(bytes).withUnsafeBytes { Digest32.of($0) }
    }

    init(_ digest: SHA256.Digest) {
        var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        digest.withUnsafeBytes { raw in
            w = (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                 raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
        words = w
    }

    /// From 32 bytes; nil for any other count.
    public init?<Bytes: Collection<UInt8>>(bytes: Bytes) {
        guard bytes.count == 32 else { return nil }
        var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        Array(bytes).withUnsafeBytes { raw in
            w = (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                 raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }
        words = w
    }

    /// The digest of a file's bytes, streamed (an open-data file is tens of megabytes);
    /// nil when it cannot be read.
    public static func ofFile(_ path: String) -> (digest: Digest32, size: Int)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var size = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            size += n
        }
        return (Digest32(hasher.finalize()), size)
    }

    /// The 32 bytes, in order.
    public var bytes: [UInt8] {
        var w = words
        return withUnsafeBytes(of: &w) { Array($0) }
    }

    /// Lower-case hex, 64 digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// From 64 hex digits (either case); nil otherwise.
    public init?<Digits: Collection<UInt8>>(hex digits: Digits) {
        guard digits.count == 64 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var high: UInt8?
        for c in digits {
            let v: UInt8
            switch c {
            case 0x30...0x39: v = c - 0x30
            case 0x61...0x66: v = c - 0x61 + 10
            case 0x41...0x46: v = c - 0x41 + 10
            default: return nil
            }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        self.init(bytes: out)
    }

    public static func == (a: Digest32, b: Digest32) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
    }
}
