import BeianDiagnostics
public import Foundation

/// Reads the zip container of a sealed submission package (SPEC §7), assuming an attacker made it.
///
/// Nothing of an entry's data is read or allocated until the whole structure has been checked:
/// first the end record (only the last 65,557 bytes are searched) and the central directory —
/// one disk, no ZIP64, consistent counts, stored entries only, sizes within `ZipLimits` (so a
/// "zip bomb" declaring gigabytes is refused from the directory alone), safe and unique names,
/// regular files only — then every local header against its central record, with the entries
/// and the central directory tiling the file exactly (no overlap, gap, prefix or suffix), and
/// only then the data, each entry's CRC-32 checked. The first problem found is returned.
public enum ZipReader {
    /// The entries of `data` in central-directory order, or the first problem found.
    public static func entries(_ data: Data, limits: ZipLimits = ZipLimits()) -> Result<[ZipEntry], ZipProblem> {
        do throws(ZipProblem) { return .success(try read(data, limits)) } catch { return .failure(error) }
    }

    static let endRecordLength = 22
    /// The end record plus the longest comment it may carry: the only part searched for it.
    static let endSearchWindow = 22 + 0xFFFF

    /// What the central directory says about one entry, once checked.
    private struct Record {
        let name: String, nameBytes: Data, flags: UInt16, crc: UInt32, size: Int, offset: Int
        var dataStart = 0
    }

    private static func read(_ data: Data, _ limits: ZipLimits) throws(ZipProblem) -> [ZipEntry] {
        let (count, centralOffset, end) = try endRecord(data, limits)
        var records = try centralDirectory(data, count: count, from: centralOffset, to: end, limits)

        // Local headers, in file order: each must start where the previous entry ended.
        var expected = 0
        for i in records.indices.sorted(by: { records[$0].offset < records[$1].offset }) {
            let r = records[i]
            guard r.offset >= expected else { throw .corrupt(r.name, ZipProblem.text("与前一个条目重叠", "overlaps the previous entry")) }
            guard r.offset == expected else {
                throw .corrupt(r.name, ZipProblem.text("条目之前有来历不明的字节", "unaccounted bytes before this entry"))
            }
            var c = Cursor(data, at: r.offset, end: centralOffset,
                           failure: .corrupt(r.name, ZipProblem.text("条目越过了中央目录", "the entry runs into the central directory")))
            guard try c.u32() == ZipWriter.localSignature else {
                throw .corrupt(r.name, ZipProblem.text("中央目录给出的位置没有本地文件头", "no local header where the central directory says"))
            }
            _ = try c.u16()  // version needed
            let flags = try c.u16(), method = try c.u16()
            _ = try c.u32()  // time and date
            let crc = try c.u32(), compressed = try c.u32(), size = try c.u32()
            let nameLength = try c.u16(), extraLength = try c.u16()
            guard flags == r.flags, method == 0, crc == r.crc, compressed == size, Int(size) == r.size else {
                throw .corrupt(r.name, ZipProblem.text("本地文件头与中央目录不一致（标志、方法、大小或 CRC）",
                                                       "the local header disagrees with the central directory (flags, method, size or CRC)"))
            }
            guard try c.take(Int(nameLength)) == r.nameBytes else {
                throw .corrupt(r.name, ZipProblem.text("本地文件头的文件名与中央目录不同", "the local header names another file"))
            }
            _ = try c.take(Int(extraLength))
            records[i].dataStart = c.position
            _ = try c.take(r.size)
            expected = c.position
        }
        guard expected == centralOffset else {
            throw .corrupt(nil, ZipProblem.text("最后一个条目与中央目录之间有多余字节", "unaccounted bytes before the central directory"))
        }

        // Only now read the data, bounded by the limits checked above.
        return try records.map { r throws(ZipProblem) in
            let start = data.startIndex + r.dataStart
            let bytes = Data(data[start..<start + r.size])
            guard CRC32.checksum(bytes) == r.crc else { throw .crcMismatch(r.name) }
            return ZipEntry(name: r.name, data: bytes)
        }
    }

    /// Finds and checks the end record; returns the entry count, where the central directory
    /// starts and where it ends (the end record's own offset).
    private static func endRecord(_ data: Data, _ limits: ZipLimits) throws(ZipProblem) -> (Int, Int, Int) {
        guard !data.isEmpty else { throw .empty }
        guard data.count >= endRecordLength else { throw .truncated }
        var at = data.count - endRecordLength
        let lowest = max(0, data.count - endSearchWindow)
        func signature(at offset: Int) -> UInt32? {
            var c = Cursor(data, at: offset, end: data.count, failure: .truncated)
            return try? c.u32()
        }
        while at >= lowest, signature(at: at) != ZipWriter.endSignature { at -= 1 }
        guard at >= lowest else { throw .truncated }
        var c = Cursor(data, at: at + 4, end: data.count, failure: .truncated)
        let disk = try c.u16(), centralDisk = try c.u16(), onDisk = try c.u16(), total = try c.u16()
        let size = try c.u32(), offset = try c.u32(), commentLength = try c.u16()
        let end = c.position + Int(commentLength)
        guard end <= data.count else { throw .truncated }
        guard end == data.count else { throw .trailingData }
        guard commentLength == 0 else { throw .comment }
        guard onDisk != 0xFFFF, total != 0xFFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else { throw .zip64(nil) }
        guard disk == 0, centralDisk == 0 else { throw .multiDisk }
        guard onDisk == total else {
            throw .corrupt(nil, ZipProblem.text("结尾记录中的条目数互相矛盾", "the end record's entry counts disagree"))
        }
        guard Int(total) <= limits.maxEntries else { throw .tooManyEntries(declared: Int(total), limit: limits.maxEntries) }
        guard Int(offset) + Int(size) == at else {
            throw .corrupt(nil, ZipProblem.text("中央目录不在结尾记录所说的位置（前后有多余数据）",
                                                "the central directory is not where the end record says (data before or after it)"))
        }
        return (Int(total), Int(offset), at)
    }

    /// Parses and checks every central-directory record, reading no entry data.
    private static func centralDirectory(_ data: Data, count: Int, from start: Int, to end: Int,
                                         _ limits: ZipLimits) throws(ZipProblem) -> [Record] {
        var c = Cursor(data, at: start, end: end,
                       failure: .corrupt(nil, ZipProblem.text("中央目录被截断", "the central directory is cut short")))
        var records: [Record] = [], names = Set<Data>()
        var total: UInt64 = 0
        for _ in 0..<count {
            guard try c.u32() == ZipWriter.centralSignature else {
                throw .corrupt(nil, ZipProblem.text("中央目录记录的签名错误", "a central directory record has a bad signature"))
            }
            let madeBy = try c.u16()
            _ = try c.u16()  // version needed
            let flags = try c.u16(), method = try c.u16()
            _ = try c.u32()  // time and date
            let crc = try c.u32(), compressed = try c.u32(), size = try c.u32()
            let nameLength = try c.u16(), extraLength = try c.u16(), commentLength = try c.u16()
            let diskStart = try c.u16()
            _ = try c.u16()  // internal attributes
            let attributes = try c.u32(), offset = try c.u32()
            let nameBytes = Data(try c.take(Int(nameLength)))
            _ = try c.take(Int(extraLength) + Int(commentLength))

            let name = try checkName(nameBytes, flags: flags, limits)
            guard flags & 0x2041 == 0 else { throw .encrypted(name) }  // bits 0, 6 and 13
            guard flags & 0x0008 == 0 else { throw .dataDescriptor(name) }
            guard flags & ~ZipWriter.utf8Flag == 0 else {
                throw .corrupt(name, ZipProblem.text("不支持的通用标志 \(flags)", "unsupported general-purpose flags \(flags)"))
            }
            guard compressed != 0xFFFF_FFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF, diskStart != 0xFFFF else { throw .zip64(name) }
            guard diskStart == 0 else { throw .multiDisk }
            guard method == 0 else { throw .unsupportedMethod(name, method) }
            guard compressed == size else {
                throw .corrupt(name, ZipProblem.text("存储条目的压缩大小与原始大小不同", "a stored entry's compressed and uncompressed sizes differ"))
            }
            guard UInt64(size) <= limits.maxEntrySize else { throw .tooLarge(name, declared: UInt64(size), limit: limits.maxEntrySize) }
            total += UInt64(size)
            guard total <= limits.maxTotalSize else { throw .tooLarge(nil, declared: total, limit: limits.maxTotalSize) }
            try checkFileType(name, madeBy: madeBy, attributes: attributes)
            // NFC-equal names include byte-equal ones: one set catches both.
            guard names.insert(Data(name.precomposedStringWithCanonicalMapping.utf8)).inserted else { throw .duplicate(name) }
            records.append(Record(name: name, nameBytes: nameBytes, flags: flags, crc: crc, size: Int(size), offset: Int(offset)))
        }
        guard c.position == end else {
            throw .corrupt(nil, ZipProblem.text("中央目录在最后一条记录之后还有字节", "the central directory has bytes after its last record"))
        }
        return records
    }

    /// The name as a string if it is a safe relative file path: valid UTF-8 (ASCII unless bit 11
    /// says UTF-8), not empty, within the length limit, no control characters, no `\`, not
    /// absolute, no empty, `.` or `..` component, and not a folder (trailing `/`).
    private static func checkName(_ bytes: Data, flags: UInt16, _ limits: ZipLimits) throws(ZipProblem) -> String {
        let shown = String(decoding: bytes, as: UTF8.self)
        func bad(_ zh: String, _ en: String) -> ZipProblem { .badName(shown, reason: ZipProblem.text(zh, en)) }
        guard !bytes.isEmpty else { throw bad("文件名为空", "the name is empty") }
        guard bytes.count <= limits.maxNameLength else {
            throw bad("文件名超过 \(limits.maxNameLength) 字节", "the name is longer than \(limits.maxNameLength) bytes")
        }
        guard let name = String(validating: bytes, as: UTF8.self) else { throw bad("文件名不是有效的 UTF-8", "the name is not valid UTF-8") }
        guard flags & ZipWriter.utf8Flag != 0 || bytes.allSatisfy({ $0 < 0x80 }) else {
            throw bad("非 ASCII 文件名未标记为 UTF-8", "a non-ASCII name is not marked as UTF-8 (flag bit 11)")
        }
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            throw bad("文件名含控制字符", "the name contains a control character")
        }
        guard !bytes.contains(0x5C) else { throw bad("文件名含反斜杠 \\", "the name contains a backslash \\") }
        guard bytes.first != 0x2F else { throw bad("文件名是绝对路径", "the name is an absolute path") }
        guard bytes.last != 0x2F else { throw .folder(name) }
        for part in bytes.split(separator: 0x2F, omittingEmptySubsequences: false) where part.isEmpty || part.elementsEqual([0x2E]) || part.elementsEqual([0x2E, 0x2E]) {
            throw bad("路径含空、. 或 .. 部分", "the path has an empty, . or .. component")
        }
        return name
    }

    /// Refuses links, folders and every other non-regular file the attributes declare: the Unix
    /// mode (high 16 bits, when made by Unix) must be a regular file or 0, and the MS-DOS
    /// directory bit must be clear.
    private static func checkFileType(_ name: String, madeBy: UInt16, attributes: UInt32) throws(ZipProblem) {
        if madeBy >> 8 == 3 {
            let type = (attributes >> 16) & 0o170000
            if type == 0o120000 { throw .link(name) }
            if type == 0o040000 { throw .folder(name) }
            if type != 0, type != 0o100000 { throw .notRegularFile(name, mode: attributes >> 16) }
        }
        if attributes & 0x10 != 0 { throw .folder(name) }
    }
}

/// Reads little-endian fields inside `[position, end)` of the archive, throwing `failure`
/// instead of ever reading past `end`.
private struct Cursor {
    let data: Data
    var position: Int
    let end: Int
    let failure: ZipProblem

    init(_ data: Data, at position: Int, end: Int, failure: ZipProblem) {
        (self.data, self.position, self.end, self.failure) = (data, position, end, failure)
    }

    mutating func take(_ n: Int) throws(ZipProblem) -> Data {
        guard n >= 0, position >= 0, n <= end - position else { throw failure }
        defer { position += n }
        let start = data.startIndex + position
        return data[start..<start + n]
    }

    mutating func u16() throws(ZipProblem) -> UInt16 {
        try take(2).reversed().reduce(0) { $0 << 8 | UInt16($1) }
    }

    mutating func u32() throws(ZipProblem) -> UInt32 {
        try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
}

/// The limits a package is read with; every one is checked from the central directory, before
/// any entry's data is read.
public struct ZipLimits: Sendable, Equatable {
    public var maxEntries: Int
    /// Bytes per entry.
    public var maxEntrySize: UInt64
    /// Bytes over all entries.
    public var maxTotalSize: UInt64
    /// Bytes of UTF-8 per name.
    public var maxNameLength: Int

    /// Defaults: 10,000 entries, 20 MiB each, 256 MiB in all, names up to 255 bytes.
    public init(maxEntries: Int = 10_000, maxEntrySize: UInt64 = 20 << 20, maxTotalSize: UInt64 = 256 << 20, maxNameLength: Int = 255) {
        (self.maxEntries, self.maxEntrySize, self.maxTotalSize, self.maxNameLength) = (maxEntries, maxEntrySize, maxTotalSize, maxNameLength)
    }
}

/// One file of a checked archive: a safe relative name and its CRC-checked bytes.
public struct ZipEntry: Sendable, Equatable {
    public let name: String
    public let data: Data

    public init(name: String, data: Data) { (self.name, self.data) = (name, data) }
}
