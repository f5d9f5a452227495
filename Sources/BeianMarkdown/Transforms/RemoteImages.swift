import CCmarkGFM

/// Only the portal's own images are shown: an image whose address is not a relative path
/// becomes a plain link to it.
///
/// A filer's disclosure and an operator's announcement are shown to every visitor; an image
/// from another host (`![](https://tracker.example/p.png)`) would make each visitor's browser
/// call that host — a tracking pixel the portal would serve for whoever wrote the Markdown.
/// So an image stays an image only when its address is a path on the portal itself
/// (`diagram.png`, `../a/b.png`, `/files/x.png`). Anything else — `http:`, `https:`, any other
/// scheme (`data:` too), and protocol-relative `//host/x.png` (also spelt with backslashes,
/// which browsers read as slashes) — becomes `<a href="…">alt text</a>`, showing the address
/// when the image has no alt text. The link loads nothing until a visitor follows it. The
/// portal's Content-Security-Policy (`img-src 'self'`) blocks what might slip past anyway.
enum RemoteImages {
    static func apply(to document: CmarkDocument) {
        for image in document.root.descendants where image.type == CMARK_NODE_IMAGE && !isLocal(image.url) {
            let shown = image.firstChild == nil ? [Node.text(image.url)] : image.children
            // Inside a link (`[![badge](https://…)](https://…)`) a link would nest in a link,
            // which HTML does not allow: the alt text alone stands in the outer link.
            if isInsideLink(image) {
                image.replace(with: shown)
                continue
            }
            let link = Node.make(CMARK_NODE_LINK)
            link.url = image.url
            if let title = cmark_node_get_title(image.raw) { cmark_node_set_title(link.raw, title) }
            for node in shown { link.appendChild(node) }
            image.replace(with: [link])
        }
    }

    static func isInsideLink(_ node: Node) -> Bool {
        var up = node.parent
        while let p = up {
            if p.type == CMARK_NODE_LINK { return true }
            up = p.parent
        }
        return false
    }

    /// True when `url` is a path on the same site: no scheme, not protocol-relative. Read as a
    /// browser reads it: tabs and line breaks removed, leading and trailing spaces and control
    /// characters trimmed, `\` taken as `/`.
    static func isLocal(_ url: String) -> Bool {
        var bytes = Array(url.utf8).filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        while let first = bytes.first, first <= 0x20 { bytes.removeFirst() }
        let slashes = bytes.prefix(2).filter { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }
        if slashes.count == 2 { return false }
        // A scheme: a letter, then letters, digits, `+`, `-` or `.`, then `:`.
        guard let first = bytes.first, isLetter(first) else { return true }
        for b in bytes.dropFirst() {
            if b == UInt8(ascii: ":") { return false }
            guard isLetter(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") else {
                return true
            }
        }
        return true
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
}
