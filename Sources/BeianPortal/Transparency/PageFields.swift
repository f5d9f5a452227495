/// Reads back what a filing page shows: the text of every element marked `data-field="…"`
/// (the built-in `filing` template marks each public field; a theme that overrides it must
/// keep the marks), and the `<title>`. Works on UTF-8 bytes with no HTML library: the page
/// may be hostile, so it only ever scans forward, bounded by the page's length.
struct PageFields {
    struct Value: Equatable {
        var text: String
        var line: Int
    }

    /// Field name → its values in document order.
    var fields: [String: [Value]] = [:]
    var title: String?

    init(_ page: [UInt8]) {
        let marker = Array("data-field=\"".utf8)
        var line = 1
        var counted = 0
        var i = 0
        let n = page.count
        title = PageFields.title(page)
        while let at = PageFields.find(marker, in: page, from: i) {
            // Line of the mark.
            while counted < at { if page[counted] == 0x0A { line += 1 }; counted += 1 }
            i = at + marker.count
            guard let close = page[i...].firstIndex(of: 0x22) else { break }
            let name = String(decoding: page[i..<close], as: UTF8.self)
            // The element: back to its `<`, its tag name, forward to the end of its start tag.
            guard let lt = page[..<at].lastIndex(of: 0x3C), let gt = page[close...].firstIndex(of: 0x3E) else { continue }
            var tagEnd = lt + 1
            while tagEnd < n, PageFields.isNameByte(page[tagEnd]) { tagEnd += 1 }
            let tag = Array(page[(lt + 1)..<tagEnd]).map(PageFields.lower)
            guard !tag.isEmpty else { continue }
            let innerStart = gt + 1
            let innerEnd = PageFields.matchingClose(tag, in: page, from: innerStart) ?? innerStart
            fields[name, default: []].append(Value(text: PageFields.text(page[innerStart..<innerEnd]), line: line))
            i = max(i, close + 1)
        }
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, hay.count >= needle.count else { return nil }
        var i = start
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Where the element opened just before `from` closes: its `</tag>`, counting nested
    /// elements of the same name.
    static func matchingClose(_ tag: [UInt8], in page: [UInt8], from start: Int) -> Int? {
        var depth = 1
        var i = start
        let n = page.count
        while i < n {
            guard page[i] == 0x3C else { i += 1; continue }
            let closing = i + 1 < n && page[i + 1] == 0x2F
            let nameStart = closing ? i + 2 : i + 1
            var j = nameStart
            while j < n, isNameByte(page[j]) { j += 1 }
            if j - nameStart == tag.count, zip(page[nameStart..<j], tag).allSatisfy({ lower($0) == $1 }),
               j < n, page[j] == 0x3E || page[j] == 0x20 || page[j] == 0x0A || page[j] == 0x2F {
                depth += closing ? -1 : 1
                if depth == 0 { return i }
            }
            i = j > i ? j : i + 1
        }
        return nil
    }

    static func title(_ page: [UInt8]) -> String? {
        guard let open = find(Array("<title>".utf8), in: page, from: 0),
              let close = find(Array("</title>".utf8), in: page, from: open + 7) else { return nil }
        return text(page[(open + 7)..<close])
    }

    /// The text of some HTML: tags dropped, character references decoded.
    static func text(_ html: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(html.count)
        var inTag = false
        for b in html {
            if inTag { if b == 0x3E { inTag = false }; continue }
            if b == 0x3C { inTag = true; continue }
            out.append(b)
        }
        return decodeReferences(String(decoding: out, as: UTF8.self))
    }

    static func decodeReferences(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semi]
            var decoded: String?
            switch name {
            case "amp": decoded = "&"
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            case "nbsp": decoded = "\u{A0}"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    decoded = String(u)
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) {
                    decoded = String(u)
                }
            }
            if let decoded {
                out += decoded
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    /// White space collapsed to single spaces, trimmed: to compare rendered text loosely.
    static func collapsed(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
