import Mustache

/// Mustache's HTML escaping (`<`, `>`, `&`, `"`, `'`), done on UTF-8 bytes.
///
/// It escapes exactly what swift-mustache's built-in HTML content type escapes, but without
/// walking grapheme clusters through a dictionary, which made escaping Chinese text the
/// largest cost of a build. `CompiledTheme` selects it at the top of every template; a
/// template cannot select another content type (`ThemeLint` refuses pragmas).
struct HTMLContent: MustacheContentType {
    static let name = "BEIAN_HTML"
    /// The line put before every template; standalone, so it adds no output.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    func escapeText(_ text: String) -> String {
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

    /// Registers the content type with Mustache (idempotent, thread-safe: Mustache locks).
    static func register() {
        MustacheContentTypes.register(HTMLContent(), named: name)
    }
}
