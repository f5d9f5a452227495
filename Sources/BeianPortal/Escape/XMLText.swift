/// The one XML escaper of the portal (Atom feed, sitemaps): entities for markup characters,
/// and characters XML 1.0 forbids dropped.
enum XMLText {
    /// `s` safe as XML character data and as a quoted attribute value.
    static func escape(_ s: String) -> String {
        // URLs and most titles need nothing: printable ASCII without markup characters.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27 }) {
            return s
        }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if PlainText.isAllowed(u) { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
