/// The one JSON string escaper of the portal (`filings.json`, any JSON a page embeds).
///
/// Beyond RFC 8259 it escapes `<`, `>` and `&` (so `</script>` can never close a script
/// element the JSON sits in) and U+2028/U+2029 (line terminators to older JavaScript).
enum JSONText {
    /// `s` as a quoted JSON string.
    static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a quoted JSON string to a byte buffer.
    static func append(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var utf8 = s.utf8.makeIterator()
        while let b = utf8.next() {
            switch b {
            case UInt8(ascii: "\""): out += [0x5C, 0x22]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case UInt8(ascii: "\n"): out += [0x5C, UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [0x5C, UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [0x5C, UInt8(ascii: "t")]
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00..<0x20, 0x7F:
                appendUnicodeEscape(UInt16(b), to: &out)
            case 0xE2:
                // U+2028 is E2 80 A8, U+2029 is E2 80 A9; any other E2 sequence passes as is.
                out.append(b)
                guard let b2 = utf8.next() else { break }
                guard b2 == 0x80, let b3 = utf8.next() else { out.append(b2); break }
                if b3 == 0xA8 || b3 == 0xA9 {
                    out.removeLast()
                    appendUnicodeEscape(b3 == 0xA8 ? 0x2028 : 0x2029, to: &out)
                } else {
                    out += [b2, b3]
                }
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func appendUnicodeEscape(_ v: UInt16, to out: inout [UInt8]) {
        out += [0x5C, UInt8(ascii: "u"), hex[Int(v >> 12 & 0xF)], hex[Int(v >> 8 & 0xF)],
                hex[Int(v >> 4 & 0xF)], hex[Int(v & 0xF)]]
    }
}
