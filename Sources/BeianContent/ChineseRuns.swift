/// Chinese text inside an English version's body — a filer's name in an example, the exact
/// Chinese commitment a command needs, a filing number — marked as Chinese, so the English page
/// declares it (`lang="zh-CN"`) to screen readers, search engines and the portal's own check.
///
/// The body comes from the Markdown renderer, which never passes raw HTML: outside tags there
/// is only escaped text, and inside a tag nothing is touched (attribute values stay as they are).
enum ChineseRuns {
    static let open = Array(#"<span lang="zh-CN">"#.unicodeScalars)
    static let close = Array("</span>".unicodeScalars)

    /// `html` with every run of Chinese text between tags wrapped in `<span lang="zh-CN">`. A
    /// run goes on through digits and spaces between Chinese characters
    /// (`网信算备110108823483902220017号` is one run), never across a tag or an entity.
    static func marked(_ html: String) -> String {
        guard html.unicodeScalars.contains(where: isChinese) else { return html }
        let s = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var inTag = false
        while i < s.count {
            let c = s[i]
            if inTag || c == "<" || !isChinese(c) {
                if c == "<" { inTag = true } else if c == ">" { inTag = false }
                out.append(c)
                i += 1
                continue
            }
            var end = i + 1
            var j = i + 1
            while j < s.count {
                if isChinese(s[j]) { end = j + 1 } else if !(s[j] == " " || ("0"..."9").contains(s[j])) { break }
                j += 1
            }
            out.append(contentsOf: open)
            out.append(contentsOf: s[i..<end])
            out.append(contentsOf: close)
            i = end
        }
        return String(out)
    }

    /// Han characters, CJK punctuation and symbols, Bopomofo, kana and full-width forms.
    static func isChinese(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2E80...0x2FDF, 0x3000...0x312F, 0x31A0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }
}
