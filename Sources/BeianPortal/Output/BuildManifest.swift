import BeianStore
import Foundation

/// The record of a build kept inside the site (`.beian-manifest`): for every file, the
/// fingerprint of its bytes and, for pages keyed by their inputs, of those inputs.
///
/// The next build reads it to keep unchanged files: a page whose input key matches is
/// hard-linked without rendering; a rendered file whose bytes hash the same is hard-linked
/// instead of written. Sorted by path, so it is as reproducible as the rest of the site.
struct BuildManifest: Sendable {
    static let fileName = ".beian-manifest"
    static let header = "beian-portal-manifest 1"

    struct Entry: Sendable, Hashable {
        var content: UInt64
        var input: UInt64?
    }

    private(set) var entries: [String: Entry] = [:]

    init() {}

    init(entries: [String: Entry]) { self.entries = entries }

    subscript(path: String) -> Entry? { entries[path] }

    var paths: Dictionary<String, Entry>.Keys { entries.keys }

    /// Reads the manifest of a previous site; an absent or unreadable one is empty (so
    /// everything is rendered and compared afresh).
    static func read(siteAt root: String) -> BuildManifest {
        guard let data = FileManager.default.contents(atPath: root + "/" + fileName) else { return BuildManifest() }
        return data.withUnsafeBytes { raw -> BuildManifest in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lines = bytes.split(separator: 0x0A)
            guard let first = lines.first, String(decoding: first, as: UTF8.self) == header else { return BuildManifest() }
            lines.removeFirst()
            var entries: [String: Entry] = [:]
            entries.reserveCapacity(lines.count)
            for line in lines {
                let parts = line.split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
                guard parts.count == 3, let content = hexValue(parts[0]) else { continue }
                let input = parts[1].count == 1 && parts[1].first == UInt8(ascii: "-") ? nil : hexValue(parts[1])
                entries[String(decoding: parts[2], as: UTF8.self)] = Entry(content: content, input: input)
            }
            return BuildManifest(entries: entries)
        }
    }

    /// 16 lowercase hex digits as a number, without building a String.
    private static func hexValue(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        guard digits.count == 16 else { return nil }
        var v: UInt64 = 0
        for d in digits {
            switch d {
            case 0x30...0x39: v = v << 4 | UInt64(d - 0x30)
            case 0x61...0x66: v = v << 4 | UInt64(d - 0x61 + 10)
            default: return nil
            }
        }
        return v
    }

    /// The bytes of a manifest listing `files` in the given order (the build's plan order,
    /// which is deterministic, so the manifest is as reproducible as the site): a header, then
    /// `content\tinput\tpath` lines.
    static func serialize(_ files: [(path: String, entry: Entry)]) -> [UInt8] {
        var out = Array((header + "\n").utf8)
        out.reserveCapacity(files.count * 64)
        for (path, e) in files {
            appendHex(e.content, to: &out)
            out.append(0x09)
            if let input = e.input { appendHex(input, to: &out) } else { out.append(UInt8(ascii: "-")) }
            out.append(0x09)
            out += path.utf8
            out.append(0x0A)
        }
        return out
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func appendHex(_ v: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 60, through: 0, by: -4) { out.append(digits[Int(v >> UInt64(shift) & 0xF)]) }
    }

}
