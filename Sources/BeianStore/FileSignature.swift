import Foundation

/// A file's `stat` identity: device, inode, size, modification and status-change times (ns).
/// Nil when the file cannot be stat'ed (absent).
public enum FileSignature {
    public static func of(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        // `dev:ino:size:mtime.ns:ctime.ns`, formatted by hand: string interpolation cost more
        // than the `lstat` (35,000 ledgers per rebuild).
        var out: [UInt8] = []
        out.reserveCapacity(96)
        append(UInt64(st.st_dev), to: &out); out.append(0x3A)
        append(UInt64(st.st_ino), to: &out); out.append(0x3A)
        append(Int64(st.st_size), to: &out); out.append(0x3A)
        append(Int64(st.st_mtim.tv_sec), to: &out); out.append(0x2E)
        append(Int64(st.st_mtim.tv_nsec), to: &out); out.append(0x3A)
        append(Int64(st.st_ctim.tv_sec), to: &out); out.append(0x2E)
        append(Int64(st.st_ctim.tv_nsec), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Decimal digits of `value` (as `"\(value)"` writes them).
    static func append(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        append(value.magnitude, to: &out)
    }

    static func append(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        let start = out.count
        repeat {
            out.append(0x30 + UInt8(v % 10))
            v /= 10
        } while v > 0
        out[start...].reverse()
    }
}
