/// How a value is written into a bundle's YAML: the one place that quotes (the form's editor
/// and the scaffolds both write through it).
///
/// Plain when the text could not mean anything else to a YAML reader (a conservative set:
/// letters, digits and common punctuation, not starting like a number, a null or a boolean,
/// no `: ` or ` #`), double-quoted otherwise with every character a YAML reader might fold,
/// drop or refuse written as an escape. Tests re-parse each result with Yams.
public enum YAMLScalarText {
    /// The scalar as written after `key: ` (or inside a flow list).
    ///
    /// `kind` lets a whole number or `true`/`false` stay plain where the schema wants one, and
    /// a `YYYY-MM-DD` date be written as the demo bundles write it.
    public static func render(_ value: String, kind: FieldKind? = nil) -> String {
        switch kind {
        case .integer?:
            if isWholeNumber(value) { return value }
        case .boolean?:
            if value == "true" || value == "false" { return value }
        case .date?, .dateOrForever?:
            if isISODate(value) { return value }
        default: break
        }
        return isPlainSafe(value) ? value : doubleQuoted(value)
    }

    /// A YAML double-quoted scalar that reads back as exactly `s`.
    public static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let v = ch.value
                // C0/C1 controls, DEL, the YAML 1.1 line breaks (NEL, LS, PS), the BOM and
                // the non-characters a reader rejects or folds: always escaped.
                if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF {
                    out += "\\u" + hex4(v)
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "\""
    }

    static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    static func isWholeNumber(_ s: String) -> Bool {
        let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        return !digits.isEmpty && digits.count <= 18 && digits.allSatisfy { $0.isASCII && $0.isNumber }
            && !(digits.count > 1 && digits.hasPrefix("0"))
    }

    static func isISODate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
        return u.enumerated().allSatisfy { i, b in i == 4 || i == 7 || (b >= 48 && b <= 57) }
    }

    /// ASCII punctuation allowed inside a plain scalar (never first, see `plainStart`).
    static let innerPunctuation: Set<Unicode.Scalar> = [" ", ".", "-", "_", "/", "(", ")", "+", "=", "~", "@", "%", ":", ";", "?", "!", "'", "&", "*", "$", "^"]

    /// True when `s` written plain reads back as the same string.
    static func isPlainSafe(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        // Must start with a letter (not a digit, sign or indicator): never a number, a date,
        // a null, an anchor, a tag, a directive or a document marker.
        guard first.properties.isAlphabetic || (first.value > 0x7F && isCJKPunctuation(first)) else { return false }
        if last == " " || last == ":" { return false }
        if YAMLReaderWords.special.contains(s) { return false }
        var previous: Unicode.Scalar = " "
        for (i, c) in scalars.enumerated() {
            if c.value < 0x80 {
                let ok = (c.properties.isAlphabetic || ("0"..."9").contains(c)) || innerPunctuation.contains(c)
                if !ok { return false }
                if c == ":" && (i + 1 == scalars.count || scalars[i + 1] == " ") { return false }
                if c == " " && previous == " " { return false }
            } else {
                let p = c.properties
                // Letters, digits and CJK punctuation; no format, control, separator or
                // private characters (U+202E and friends go quoted, escaped where needed).
                switch p.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark:
                    break
                default:
                    if !isCJKPunctuation(c) { return false }
                }
            }
            previous = c
        }
        return true
    }

    /// Full-width punctuation common in Chinese text: （）《》“”、，。：；！？【】—…·
    static func isCJKPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x3001...0x3003, 0x3008...0x3011, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B7,
             0xFF01, 0xFF08, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F:
            true
        default:
            false
        }
    }
}

/// Words YAML 1.1 reads as a null or a boolean when plain (any case written by hand).
enum YAMLReaderWords {
    static let special: Set<String> = {
        var s: Set<String> = ["~", "y", "Y", "n", "N"]
        for w in ["null", "true", "false", "yes", "no", "on", "off"] {
            s.insert(w); s.insert(w.uppercased()); s.insert(w.prefix(1).uppercased() + w.dropFirst())
        }
        return s
    }()
}
