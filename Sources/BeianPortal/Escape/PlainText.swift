/// Removes characters that no public document may carry (C0/C1 controls other than tab and
/// newline, noncharacters), before any escaping layer sees a string.
///
/// Validation should already refuse them; this keeps pages valid HTML and feeds valid XML
/// even for imported or hostile data.
enum PlainText {
    static func clean(_ s: String) -> String {
        if s.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return s }
        if s.unicodeScalars.allSatisfy(isAllowed) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars where isAllowed(u) { out.append(u) }
        return String(out)
    }

    /// True for a scalar HTML and XML 1.0 both accept as text.
    static func isAllowed(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v == 0x09 || v == 0x0A { return true }
        if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
        if (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE { return false }
        return true
    }
}
