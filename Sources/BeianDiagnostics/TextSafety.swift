/// The one definition of the characters filer text may not carry, and the two ways beian
/// makes text holding them safe: visible escapes for terminals and removal for public files.
///
/// Why: a name or a purpose is typed by a filer and shown to a reviewer's terminal and to the
/// public. Terminal controls (ESC, BEL, CSI …) rewrite what the reviewer sees; bidi overrides
/// make one name display as another; zero-width characters make two names that look the same
/// compare different. Validation refuses them (F220, `TextSafetyRule`); everything that prints
/// or publishes filer text still goes through this type, because approved snapshots and
/// imported rows were never validated by today's rules.
public enum TextSafety {
    /// Why a character is unsafe.
    public enum Kind: Sendable, Hashable {
        /// LF, CR, VT, FF, NEL, U+2028, U+2029: breaks a line (allowed: LF in multi-line text).
        case lineBreak
        /// TAB (allowed in multi-line text).
        case tab
        /// Any other C0 control, DEL or C1 control: terminal escape sequences start here.
        case control
        /// A bidirectional control (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069): reorders
        /// what is displayed, so one name can show as another.
        case bidi
        /// A character that displays as nothing: zero-width space and joiners, word joiner,
        /// BOM, soft hyphen, invisible operators, Hangul fillers, tag characters and other
        /// format characters.
        case invisible
        /// A Unicode noncharacter (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF): never text.
        case nonCharacter

        /// The English article before `name.en`.
        public var article: String { self == .invisible ? "an" : "a" }

        /// How messages name the kind.
        public var name: Localized {
            switch self {
            case .lineBreak: Localized(zh: "换行符", en: "line break")
            case .tab: Localized(zh: "制表符", en: "tab")
            case .control: Localized(zh: "控制字符", en: "control character")
            case .bidi: Localized(zh: "双向文字控制符", en: "bidirectional control")
            case .invisible: Localized(zh: "不可见字符", en: "invisible character")
            case .nonCharacter: Localized(zh: "非字符码位", en: "Unicode noncharacter")
            }
        }
    }

    /// Why `u` is unsafe, or nil for an ordinary character. Checked in order of how common
    /// the ranges are in Chinese text, so CJK ideographs leave after two comparisons.
    @inline(__always)
    public static func kind(of u: Unicode.Scalar) -> Kind? {
        let v = u.value
        if v >= 0x20 && v < 0x7F { return nil }
        if v >= 0x3165 && v < 0xFDD0 { return nil }  // CJK, kana, Hangul syllables …
        switch v {
        case 0x09: return .tab
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return .lineBreak
        case 0x00..<0x20, 0x7F...0x9F: return .control
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return .bidi
        case 0x00AD, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B...0x180F, 0x200B...0x200D,
             0x2060...0x2064, 0x206A...0x206F, 0x3164, 0xFEFF, 0xFFA0, 0xFFF9...0xFFFB,
             0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0000...0xE007F:
            return .invisible
        case 0xFDD0...0xFDEF: return .nonCharacter
        default: return v & 0xFFFE == 0xFFFE ? .nonCharacter : nil
        }
    }

    /// True when `s` holds nothing `kind(of:)` objects to besides the listed harmless kinds.
    public static func isClean(_ s: String, allowing allowed: Set<Kind> = []) -> Bool {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        return s.unicodeScalars.allSatisfy { u in kind(of: u).map { allowed.contains($0) } ?? true }
    }

    /// `U+202E RIGHT-TO-LEFT OVERRIDE`, `U+001B ESC`: how a message names one character.
    public static func describe(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if let name = controlNames[u.value] ?? u.properties.name { return "\(code) \(name)" }
        return code
    }

    /// Controls have no Unicode name; these are their usual abbreviations.
    static let controlNames: [UInt32: String] = [
        0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x09: "TAB", 0x0A: "LF", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR",
        0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL", 0x9B: "CSI", 0x9D: "OSC",
    ]

    /// `s` for a terminal: every unsafe character except LF and TAB written as `\uXXXX` (a
    /// surrogate pair above U+FFFF), the form JSON uses, so escaped JSON stays valid JSON with
    /// the same value and plain text shows the character instead of obeying it.
    ///
    /// `Console` calls this on everything the CLI prints: no command can forget it.
    public static func escapedForTerminal(_ s: String) -> String {
        // Most output is ASCII or CJK: one pass to find out nothing needs escaping.
        if s.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) { return s }
        if s.unicodeScalars.allSatisfy({ u in kind(of: u).map { $0 == .tab || u == "\n" } ?? true }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            guard let k = kind(of: u), k != .tab, u != "\n" else { out.append(u); continue }
            if u.value > 0xFFFF {
                let v = u.value - 0x10000
                appendEscape(0xD800 + (v >> 10), to: &out)
                appendEscape(0xDC00 + (v & 0x3FF), to: &out)
            } else {
                appendEscape(u.value, to: &out)
            }
        }
        return String(out)
    }

    /// Removes every unsafe character except those `kept` (LF and TAB unless told): for the
    /// HTML, XML, CSV and JSON the public reads (C0 and C1 controls cannot even be written as
    /// HTML or XML entities, and a bidi override would reorder a published name).
    public static func removingUnsafe(_ s: String, keeping kept: Set<Unicode.Scalar> = ["\n", "\t"]) -> String {
        if s.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) { return s }
        if s.unicodeScalars.allSatisfy({ kind(of: $0) == nil || kept.contains($0) }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars where kind(of: u) == nil || kept.contains(u) { out.append(u) }
        return String(out)
    }

    private static let hexDigits = Array("0123456789ABCDEF".unicodeScalars)

    private static func appendEscape(_ v: UInt32, to out: inout String.UnicodeScalarView) {
        out.append("\\")
        out.append("u")
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hexDigits[Int((v >> UInt32(shift)) & 0xF)]) }
    }
}
