import CCmarkGFM

/// Gives every heading a stable `id`, shifts its level as asked, and lists the headings for a
/// table of contents.
///
/// cmark-gfm writes `<h2>` with no attributes, so each heading is replaced by a custom node
/// that writes `<h2 id="…">…</h2>` around the same inline children. The id is a slug, so it
/// holds no character that needs escaping; it is escaped all the same.
enum HeadingAnchors {
    static func apply(to document: CmarkDocument, options: MarkdownOptions) -> [Heading] {
        let nodes = document.root.descendants.filter { $0.type == CMARK_NODE_HEADING }
        let shift = options.headingLevels.shift(forLevels: nodes.map(\.headingLevel))
        var slugger = Slugger(prefix: options.idPrefix, reserved: options.reservedIDs)
        var out: [Heading] = []
        for node in nodes {
            let text = PlainText.inline(node)
            let id = slugger.id(for: text)
            let level = min(6, max(1, node.headingLevel + shift))
            out.append(Heading(level: level, text: text, id: id))
            // The block keeps the heading's place among blocks (and the newline after it);
            // the inline around the children writes the tag.
            let block = Node.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "", exit: "")
            let tag = Node.custom(CMARK_NODE_CUSTOM_INLINE, enter: "<h\(level) id=\"\(HTML.escape(id))\">", exit: "</h\(level)>")
            node.moveChildren(to: tag)
            block.appendChild(tag)
            node.replace(with: [block])
        }
        return out
    }
}

/// Escaping for the few strings this module writes into markup itself.
enum HTML {
    static func escape(_ s: String) -> String {
        // Slugs never hold these characters; checking bytes first keeps ids cheap.
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
