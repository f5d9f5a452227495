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

/// The same identity as `FileSignature`, as numbers: what a cache compares for thousands of
/// files (the registry's ledgers) without formatting a string per file.
public struct FileStamp: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: Int64
    public var modifiedNanos: Int64
    public var changed: Int64
    public var changedNanos: Int64

    public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, modifiedNanos: Int64, changed: Int64, changedNanos: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.modifiedNanos = modifiedNanos
        self.changed = changed
        self.changedNanos = changedNanos
    }

    /// The stamp of `path`, relative to the open folder `folder` (a descriptor; nil: the
    /// working folder): a lookup from a folder already open walks only the rest of the path.
    /// Nil when absent.
    public static func of(_ path: String, in folder: Int32? = nil) -> FileStamp? {
        path.withCString { of(cString: $0, in: folder) }
    }

    /// `of(_:in:)` for a NUL-terminated path (a caller stamping 35,000 files builds each path
    /// in one reused buffer).
    public static func of(cString path: UnsafePointer<CChar>, in folder: Int32? = nil) -> FileStamp? {
        var st = stat()
        guard fstatat(folder ?? AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileStamp(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                         modified: Int64(st.st_mtim.tv_sec), modifiedNanos: Int64(st.st_mtim.tv_nsec),
                         changed: Int64(st.st_ctim.tv_sec), changedNanos: Int64(st.st_ctim.tv_nsec))
    }

    /// The seven numbers, in order (for a cache file).
    public var words: [UInt64] {
        [device, inode, UInt64(bitPattern: size), UInt64(bitPattern: modified), UInt64(bitPattern: modifiedNanos),
         UInt64(bitPattern: changed), UInt64(bitPattern: changedNanos)]
    }

    public init?(words: [UInt64]) {
        guard words.count == 7 else { return nil }
        self.init(device: words[0], inode: words[1], size: Int64(bitPattern: words[2]), modified: Int64(bitPattern: words[3]),
                  modifiedNanos: Int64(bitPattern: words[4]), changed: Int64(bitPattern: words[5]), changedNanos: Int64(bitPattern: words[6]))
    }
}

/// An open folder, for looking up many paths below it (`FileStamp.of(_:in:)`) and listing it.
public final class OpenFolder: @unchecked Sendable {
    /// The descriptor; -1 when the folder could not be opened (every lookup then fails).
    public let descriptor: Int32

    public init(_ path: String) {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// The names of the folder's entries (not `.` and `..`), unsorted; empty when unreadable.
    public func names() -> [String] {
        guard descriptor >= 0 else { return [] }
        let copy = dup(descriptor)
        guard copy >= 0, let dir = fdopendir(copy) else { return [] }
        defer { closedir(dir) }
        rewinddir(dir)  // the copy shares the offset of any earlier listing
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.bindMemory(to: UInt8.self)
                let n = bytes.firstIndex(of: 0) ?? bytes.count
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<n]), as: UTF8.self)
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }
}
