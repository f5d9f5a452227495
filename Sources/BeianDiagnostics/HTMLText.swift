/// The one HTML escaper: the five characters that matter in HTML text and in quoted
/// attribute values (`<`, `>`, `&`, `"`, `'`), exactly as Mustache's own HTML escaping
/// writes them, done on UTF-8 bytes. The portal's templates (`HTMLContent`), the Markdown
/// module's heading ids and `beian serve`'s error overlay all escape through it.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        for b in text.utf8 {
            switch b {
            case 0x3C: out += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
            case 0x3E: out += [0x26, 0x67, 0x74, 0x3B]  // &gt;
            case 0x26: out += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
            case 0x22: out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
            case 0x27: out += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
