public import Foundation

/// Writes the zip container of a sealed submission package (SPEC §7): stored entries only, no
/// timestamps, so the same files always give the same bytes (STYLE rule 11) and any standard
/// zip tool can open the package.
///
/// Every entry is written the one way `ZipReader` accepts: method 0 (stored), CRC-32, the
/// UTF-8 name flag (bit 11), DOS time 00:00 and date 1980-01-01, no extra fields, no data
/// descriptor, made by Unix (3) with mode `-rw-r--r--` (regular file 0644); no archive comment.
public enum ZipWriter {
    static let localSignature: UInt32 = 0x0403_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50
    /// General-purpose flag bit 11: the name is UTF-8.
    static let utf8Flag: UInt16 = 0x0800
    /// Version 2.0 of the format is enough for stored entries and folders-free archives.
    static let versionNeeded: UInt16 = 20
    /// High byte 3 = Unix, so the external attributes hold a Unix mode.
    static let versionMadeBy: UInt16 = 0x0300 | 20
    /// `S_IFREG | 0644` in the high 16 bits.
    static let regularFileAttributes: UInt32 = 0o100644 << 16
    /// 1980-01-01 (year 0 since 1980, month 1, day 1) at 00:00: the earliest DOS date, fixed.
    static let dosDate: UInt16 = 0x0021, dosTime: UInt16 = 0

    /// The archive holding `entries`, sorted by the bytes of their UTF-8 names.
    ///
    /// Names are written as given: the caller passes the relative, slash-separated file names
    /// of a package (`ZipReader` refuses anything else, so a bad name cannot travel unnoticed).
    /// Precondition: fewer than 65,535 entries, each name under 64 KiB and the whole archive
    /// under 4 GiB (no ZIP64) — far above the limits a package is read with.
    public static func archive(_ entries: [(name: String, data: Data)]) -> Data {
        let sorted = entries.sorted { a, b in
            let (x, y) = (Array(a.name.utf8), Array(b.name.utf8))
            return x != y ? x.lexicographicallyPrecedes(y) : a.data.lexicographicallyPrecedes(b.data)
        }
        precondition(sorted.count < 0xFFFF, "too many entries for a zip without ZIP64")
        var out = Data(), central = Data()
        for entry in sorted {
            let name = Data(entry.name.utf8)
            let offset = out.count
            precondition(name.count <= 0xFFFF && offset + 30 + name.count + entry.data.count < 0xFFFF_FFFF,
                         "entry too large for a zip without ZIP64")
            let fields = Fields(crc: CRC32.checksum(entry.data), size: UInt32(entry.data.count), nameLength: UInt16(name.count))

            out.appendLE(localSignature)
            fields.append(to: &out)
            out.appendLE(UInt16(0))  // extra field length
            out.append(name)
            out.append(entry.data)

            central.appendLE(centralSignature)
            central.appendLE(versionMadeBy)
            fields.append(to: &central)
            for _ in 0..<4 { central.appendLE(UInt16(0)) }  // extra, comment, disk start, internal attributes
            central.appendLE(regularFileAttributes)
            central.appendLE(UInt32(offset))
            central.append(name)
        }
        precondition(out.count + central.count < 0xFFFF_FFFF, "archive too large for a zip without ZIP64")
        let centralOffset = UInt32(out.count)
        out.append(central)
        out.appendLE(endSignature)
        out.appendLE(UInt32(0))  // this disk, disk of the central directory
        out.appendLE(UInt16(sorted.count))
        out.appendLE(UInt16(sorted.count))
        out.appendLE(UInt32(central.count))
        out.appendLE(centralOffset)
        out.appendLE(UInt16(0))  // comment length
        return out
    }

    /// The header fields the local and central records share, from "version needed" to the
    /// name length.
    private struct Fields {
        let crc: UInt32, size: UInt32, nameLength: UInt16

        func append(to data: inout Data) {
            for v in [ZipWriter.versionNeeded, ZipWriter.utf8Flag, 0, ZipWriter.dosTime, ZipWriter.dosDate] { data.appendLE(v) }
            for v in [crc, size, size] { data.appendLE(v) }
            data.appendLE(nameLength)
        }
    }
}

extension Data {
    /// Appends `value` little-endian, as every zip field is stored.
    fileprivate mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
