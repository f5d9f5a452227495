/// Appends LEB128 integers and length-prefixed UTF-8 strings.
public struct ByteWriter {
    public var bytes: [UInt8] = []

    public init() {}

    public mutating func int(_ value: Int) {
        var v = UInt64(max(0, value))
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func strings(_ list: [String]) {
        int(list.count)
        for s in list { string(s) }
    }

    /// Eight bytes, little-endian (a hash or key).
    public mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

}

/// Reads what `ByteWriter` wrote; every read is bounds-checked and returns nil past the end.
public struct ByteReader {
    public let raw: UnsafeRawBufferPointer
    public var offset = 0

    public init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }

    public var atEnd: Bool { offset == raw.count }

    public mutating func int() -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < raw.count, shift < 63 {
            let b = raw[offset]
            offset += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value <= UInt64(Int.max) ? Int(value) : nil }
            shift += 7
        }
        return nil
    }

    /// The range of a length-prefixed run of bytes, skipped.
    public mutating func bytes() -> Range<Int>? {
        guard let n = int(), n <= raw.count - offset else { return nil }
        defer { offset += n }
        return offset..<(offset + n)
    }

    public mutating func string() -> String? {
        guard let range = bytes() else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[range]), as: UTF8.self)
    }

    /// What `ByteWriter.word` wrote.
    public mutating func word() -> UInt64? {
        guard raw.count - offset >= 8 else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    public mutating func strings() -> [String]? {
        guard let n = int(), n <= raw.count - offset else { return nil }
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let s = string() else { return nil }
            out.append(s)
        }
        return out
    }

}
