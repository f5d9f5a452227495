/// The one XML escaper of the portal (Atom feed, sitemaps): entities for markup characters,
/// and characters XML 1.0 forbids dropped.
enum XMLText {
    /// `s` safe as XML character data and as a quoted attribute value.
    static func escape(_ s: String) -> String {
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
