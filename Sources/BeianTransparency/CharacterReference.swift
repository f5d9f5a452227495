import BeianPortal
/// HTML character references as a browser decodes them, for the few forms a built page uses:
/// numeric references (with or without `;`, out-of-range values and C1 controls as the WHATWG
/// tokenizer maps them) and `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&nbsp;`. Any other named
/// reference is left as written and reported as unknown: the portal never writes one (its
/// escaper and cmark-gfm use only these), and a browser's 2,231-name table could decode it to
/// something else, so text holding one is not read as what a browser shows.
enum CharacterReference {
    static let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]

    /// Windows-1252 for `&#128;`…`&#159;` (the tokenizer's numeric-reference table).
    static let c1: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02C6,
        0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C,
        0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A,
        0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// Decodes `bytes` (text or an attribute value) into UTF-8. `unknown` is set when a named
    /// reference this reader does not know occurs (it is then kept as written).
    static func decode<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, into out: inout [UInt8], unknown: inout Bool) where Bytes.Index == Int {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            guard b == 0x26 else { out.append(b); i += 1; continue }
            var j = i + 1
            if j < end, bytes[j] == 0x23 {  // &#
                j += 1
                let hex = j < end && (bytes[j] | 0x20) == 0x78
                if hex { j += 1 }
                let digitsStart = j
                var value: UInt32 = 0
                while j < end, let d = digit(bytes[j], hex: hex) {
                    value = value > 0x10FFFF ? value : value * (hex ? 16 : 10) + d
                    j += 1
                }
                guard j > digitsStart else { out.append(b); i += 1; continue }  // `&#` without digits stays as written
                if j < end, bytes[j] == 0x3B { j += 1 }
                out += Array(String(scalar(value)).utf8)
                i = j
                continue
            }
            var k = j
            while k < end, isAlphanumeric(bytes[k]) { k += 1 }
            if k > j {
                let name = String(decoding: bytes[j..<k], as: UTF8.self)
                if k < end, bytes[k] == 0x3B, let v = named[name] {
                    out += Array(v.utf8)
                    i = k + 1
                    continue
                }
                unknown = true
            }
            out.append(b)
            i += 1
        }
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        var unknown = false
        decode(bytes, into: &out, unknown: &unknown)
        return String(decoding: out, as: UTF8.self)
    }

    /// A numeric reference's character: NUL, surrogates and values past U+10FFFF are U+FFFD,
    /// C1 controls are read as Windows-1252.
    static func scalar(_ value: UInt32) -> Character {
        if let mapped = c1[value], let u = Unicode.Scalar(mapped) { return Character(u) }
        guard value != 0, let u = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return Character(u)
    }

    static func digit(_ b: UInt8, hex: Bool) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x61...0x66 where hex: UInt32(b - 0x61 + 10)
        case 0x41...0x46 where hex: UInt32(b - 0x41 + 10)
        default: nil
        }
    }

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
