import Foundation

/// Reads back the JSON this module writes (`JSONText`), without re-encoding what is kept: an
/// object's members as (key, raw value text), an array's items as raw texts. Used by
/// `SearchIndex.update` to patch a file and write every untouched entry byte for byte.
enum RawJSON {
    /// The members of a top-level object, in order; nil when `bytes` is not one.
    static func members(_ bytes: [UInt8]) -> [(key: String, raw: ArraySlice<UInt8>)]? {
        var i = 0
        func skip() { while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }
        skip()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var out: [(String, ArraySlice<UInt8>)] = []
        skip()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { return out }
        while true {
            skip()
            guard let keyEnd = stringEnd(bytes, from: i), let key = decodeString(bytes[i..<keyEnd]) else { return nil }
            i = keyEnd
            skip()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skip()
            guard let valueEnd = valueEnd(bytes, from: i) else { return nil }
            out.append((key, bytes[i..<valueEnd]))
            i = valueEnd
            skip()
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "}") { return out }
            guard bytes[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
    }

    /// The items of an array value, as raw texts; nil when `raw` is not an array.
    static func items(_ raw: ArraySlice<UInt8>) -> [ArraySlice<UInt8>]? {
        let bytes = Array(raw)
        guard bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { return nil }
        var i = 1
        var out: [ArraySlice<UInt8>] = []
        if bytes.count == 2 { return out }
        while i < bytes.count - 1 {
            guard let end = valueEnd(bytes, from: i) else { return nil }
            out.append(raw[(raw.startIndex + i)..<(raw.startIndex + end)])
            i = end
            if i < bytes.count - 1 {
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i += 1
            }
        }
        return out
    }

    /// The content of a string literal without escapes (what the posting alphabet writes).
    static func plainString(_ raw: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard raw.count >= 2, raw.first == UInt8(ascii: "\""), raw.last == UInt8(ascii: "\""),
              !raw.dropFirst().dropLast().contains(UInt8(ascii: "\\")) else { return nil }
        return raw.dropFirst().dropLast()
    }

    static func int(_ raw: ArraySlice<UInt8>) -> Int? { Int(String(decoding: raw, as: UTF8.self)) }

    /// Index just past the string literal starting at `from`.
    private static func stringEnd(_ b: [UInt8], from: Int) -> Int? {
        guard from < b.count, b[from] == UInt8(ascii: "\"") else { return nil }
        var i = from + 1
        while i < b.count {
            if b[i] == UInt8(ascii: "\\") { i += 2; continue }
            if b[i] == UInt8(ascii: "\"") { return i + 1 }
            i += 1
        }
        return nil
    }

    /// Index just past the value starting at `from` (string, array, object or scalar).
    private static func valueEnd(_ b: [UInt8], from: Int) -> Int? {
        guard from < b.count else { return nil }
        switch b[from] {
        case UInt8(ascii: "\""): return stringEnd(b, from: from)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            var depth = 0
            var i = from
            while i < b.count {
                switch b[i] {
                case UInt8(ascii: "\""):
                    guard let end = stringEnd(b, from: i) else { return nil }
                    i = end
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            return nil
        default:
            var i = from
            while i < b.count, ![UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")].contains(b[i]) { i += 1 }
            return i > from ? i : nil
        }
    }

    /// A string literal's value (escapes resolved).
    private static func decodeString(_ raw: ArraySlice<UInt8>) -> String? {
        if let plain = plainString(raw) { return String(decoding: plain, as: UTF8.self) }
        return (try? JSONSerialization.jsonObject(with: Data(raw), options: [.fragmentsAllowed])) as? String
    }
}
