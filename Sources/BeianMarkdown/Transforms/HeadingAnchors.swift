import BeianDiagnostics
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
            let tag = Node.custom(CMARK_NODE_CUSTOM_INLINE, enter: "<h\(level) id=\"\(HTMLText.escape(id))\">", exit: "</h\(level)>")
            node.moveChildren(to: tag)
            block.appendChild(tag)
            node.replace(with: [block])
        }
        return out
    }
}
