import BeianPortal
import Foundation

/// The parts of `VisibleText` that read what is not markup: the raw text of `script`, `style`,
/// `title`, `textarea`… up to their end tag, mark-like text where a browser sees none, and the
/// attributes that hide an element.
extension VisibleText {
    /// The content of a raw-text or RCDATA element, up to its end tag.
    mutating func rawText(_ name: String, from start: Int) -> Int {
        let close = name == "plaintext" ? nil : name == "script" ? scriptEnd(from: start) : endTag(of: name, from: start)
        let content = start..<(close ?? page.count)
        let shown = name == "textarea" || name == "xmp" || name == "plaintext"
        if shown {
            appendText(content, decode: name == "textarea")
        } else if name == "title" && title == nil {
            title = CharacterReference.decode(page[content])
        }
        checkMarkLike(content, at: start, as: .inRawText(name), requireQuote: HTMLElements.rcData.contains(name))
        pop(explicitly: true)
        guard let close else { return page.count }
        return tag(at: close + 2)?.end ?? page.count
    }

    /// Where `</name` followed by white space, `/` or `>` starts (nil: never, up to the end).
    func endTag(of name: String, from start: Int) -> Int? {
        let n = page.count, bytes = Array(name.utf8)
        var j = start
        while j + 2 + bytes.count <= n {
            if page[j] == 0x3C && page[j + 1] == 0x2F && isEndTagName(bytes, at: j + 2) { return j }
            j += 1
        }
        return nil
    }

    func isEndTagName(_ name: [UInt8], at k: Int) -> Bool {
        guard k + name.count <= page.count else { return false }
        for (o, b) in name.enumerated() where Self.lower(page[k + o]) != b { return false }
        let after = k + name.count < page.count ? page[k + name.count] : 0x3E
        return Self.isSpace(after) || after == 0x2F || after == 0x3E
    }

    /// The end of a script's content: the WHATWG script data states, including `<!--` escapes
    /// and the double-escaped `<script>` inside them, where `</script>` does not end it.
    func scriptEnd(from start: Int) -> Int? {
        let script = Array("script".utf8)
        let n = page.count
        var escaped = false, doubleEscaped = false
        var j = start
        while j < n {
            let b = page[j]
            if !escaped {
                if starts("<!--", at: j) {
                    // `<!--` leaves the parser where `--` was just read: `>` ends the escape at once.
                    j += 4
                    while j < n && page[j] == 0x2D { j += 1 }
                    if j < n && page[j] == 0x3E { j += 1 } else { escaped = true }
                    continue
                }
                if b == 0x3C && j + 1 < n && page[j + 1] == 0x2F && isEndTagName(script, at: j + 2) { return j }
                j += 1
                continue
            }
            if starts("-->", at: j) { escaped = false; doubleEscaped = false; j += 3; continue }
            if b == 0x3C {
                let slash = j + 1 < n && page[j + 1] == 0x2F
                if isEndTagName(script, at: j + (slash ? 2 : 1)) {
                    if !doubleEscaped && slash { return j }
                    if doubleEscaped && slash { doubleEscaped = false } else if !slash { doubleEscaped = true }
                    j += slash ? 8 : 7
                    continue
                }
            }
            j += 1
        }
        return nil
    }

    /// Why an element hides itself and its content, from its name and attributes.
    func ownHiding(_ tag: Tag) -> Hiding? {
        if tag.has("hidden") { return .hiddenAttribute }
        if value(tag, "aria-hidden")?.trimmingCharacters(in: .whitespaces).lowercased() == "true" { return .ariaHidden }
        if let style = value(tag, "style"), Self.styleHides(style) { return .inlineStyle }
        if tag.name == "template" { return .template }
        if tag.name == "dialog" && !tag.has("open") { return .closedDialog }
        if HTMLElements.notRendered.contains(tag.name) { return .notRendered(tag.name) }
        return nil
    }

    /// The inline declarations that plainly hide an element (CSS has many more ways: a mirror's
    /// style sheets are outside what reading the text can rule out).
    static func styleHides(_ style: String) -> Bool {
        let s = String(style.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
        if ["display:none", "visibility:hidden", "visibility:collapse", "content-visibility:hidden"].contains(where: { s.contains($0) }) {
            return true
        }
        for property in ["opacity:", "font-size:"] {
            var rest = Substring(s)
            while let r = rest.range(of: property) {
                let value = rest[r.upperBound...].prefix { $0 != ";" && $0 != "!" }
                if let v = Double(value.trimmingSuffix(["px", "em", "rem", "%", "pt"])), v == 0 { return true }
                rest = rest[r.upperBound...]
            }
        }
        return false
    }

    /// `data-field` (then optional white space and `=`, and when `requireQuote` a quote) in
    /// bytes a browser does not read as a tag: what a naive reader would take for a mark.
    mutating func checkMarkLike(_ range: Range<Int>, at position: Int, as issue: Issue, requireQuote: Bool) {
        let needle = Array("data-field".utf8)
        var j = range.lowerBound
        while j + needle.count <= range.upperBound {
            guard Self.lower(page[j]) == 0x64, (0..<needle.count).allSatisfy({ Self.lower(page[j + $0]) == needle[$0] }) else { j += 1; continue }
            var k = j + needle.count
            while k < range.upperBound && Self.isSpace(page[k]) { k += 1 }
            guard k < range.upperBound, page[k] == 0x3D else { j += 1; continue }
            k += 1
            while k < range.upperBound && Self.isSpace(page[k]) { k += 1 }
            let quoted = k < range.upperBound && (page[k] == 0x22 || page[k] == 0x27)
            if requireQuote && !quoted { j += 1; continue }
            if quoted { k += 1 }
            var e = k
            while e < range.upperBound && (CharacterReference.isAlphanumeric(page[e]) || page[e] == 0x2D || page[e] == 0x5F) { e += 1 }
            problem(issue, at: position, field: e > k ? String(decoding: page[k..<e], as: UTF8.self) : nil)
            j = e
        }
    }
}

private extension Substring {
    func trimmingSuffix(_ units: [String]) -> Substring {
        for u in units where hasSuffix(u) { return dropLast(u.count) }
        return self
    }
}
