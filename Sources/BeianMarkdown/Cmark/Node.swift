import CCmarkGFM
import Foundation

/// A borrowed pointer to a node of a tree owned by a `CmarkDocument`, with the few
/// operations the transforms need.
struct Node: Equatable {
    let raw: OpaquePointer

    init(_ raw: OpaquePointer) { self.raw = raw }

    /// A new, unattached node; the caller attaches it or frees it.
    static func make(_ type: cmark_node_type) -> Node {
        guard let raw = cmark_node_new(type) else { fatalError("cmark_node_new failed") }
        return Node(raw)
    }

    /// A new text node holding `literal`.
    static func text(_ literal: String) -> Node {
        let node = make(CMARK_NODE_TEXT)
        node.literal = literal
        return node
    }

    /// A custom node whose HTML is exactly `enter` before its children and `exit` after.
    /// Used only with markup this module writes itself, never with text from the document.
    static func custom(_ type: cmark_node_type, enter: String, exit: String) -> Node {
        let node = make(type)
        cmark_node_set_on_enter(node.raw, enter)
        cmark_node_set_on_exit(node.raw, exit)
        return node
    }

    var type: cmark_node_type { cmark_node_get_type(raw) }

    /// The type's name; extension nodes (`table`, `strikethrough` …) are known only by name.
    var typeName: String { String(cString: cmark_node_get_type_string(raw)) }

    var parent: Node? { cmark_node_parent(raw).map(Node.init) }
    var firstChild: Node? { cmark_node_first_child(raw).map(Node.init) }
    var next: Node? { cmark_node_next(raw).map(Node.init) }
    var previous: Node? { cmark_node_previous(raw).map(Node.init) }

    /// The direct children, in order (a copy, so the tree may change while walking it).
    var children: [Node] {
        var out: [Node] = []
        var child = firstChild
        while let c = child {
            out.append(c)
            child = c.next
        }
        return out
    }

    /// Every node below this one, depth first in document order (a copy).
    var descendants: [Node] {
        var out: [Node] = []
        guard let iter = cmark_iter_new(raw) else { return out }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter), node != raw else { continue }
            out.append(Node(node))
        }
        return out
    }

    /// Appends the literal's UTF-8 bytes without building a String.
    func appendLiteral(to buffer: inout [UInt8]) {
        guard let p = cmark_node_get_literal(raw) else { return }
        p.withMemoryRebound(to: UInt8.self, capacity: strlen(p)) { bytes in
            buffer.append(contentsOf: UnsafeBufferPointer(start: bytes, count: strlen(p)))
        }
    }

    /// True when the literal holds `**` (checked on bytes, without building a String).
    var literalHasDoubleAsterisk: Bool {
        guard var p = cmark_node_get_literal(raw) else { return false }
        var previousWasAsterisk = false
        while p.pointee != 0 {
            let isAsterisk = p.pointee == 0x2A
            if isAsterisk && previousWasAsterisk { return true }
            previousWasAsterisk = isAsterisk
            p += 1
        }
        return false
    }

    var literal: String {
        get { cmark_node_get_literal(raw).map { String(cString: $0) } ?? "" }
        nonmutating set { cmark_node_set_literal(raw, newValue) }
    }

    var url: String {
        get { cmark_node_get_url(raw).map { String(cString: $0) } ?? "" }
        nonmutating set { cmark_node_set_url(raw, newValue) }
    }

    var headingLevel: Int {
        get { Int(cmark_node_get_heading_level(raw)) }
        nonmutating set { cmark_node_set_heading_level(raw, Int32(newValue)) }
    }

    /// Where the node starts in the source: 1-based line and byte column, or nil when cmark
    /// did not record it (nodes made by the autolink extension or by this module).
    var start: (line: Int, column: Int)? {
        let line = Int(cmark_node_get_start_line(raw)), column = Int(cmark_node_get_start_column(raw))
        return line > 0 && column > 0 ? (line, column) : nil
    }

    /// Where the node ends (inclusive byte column), or nil when unknown.
    var end: (line: Int, column: Int)? {
        let line = Int(cmark_node_get_end_line(raw)), column = Int(cmark_node_get_end_column(raw))
        return line > 0 && column > 0 ? (line, column) : nil
    }

    func insertBefore(_ sibling: Node) { cmark_node_insert_before(raw, sibling.raw) }
    func appendChild(_ child: Node) { cmark_node_append_child(raw, child.raw) }

    /// Detaches this node and frees it with everything below it.
    func remove() {
        cmark_node_unlink(raw)
        cmark_node_free(raw)
    }

    /// Replaces this node by `nodes`, then frees it.
    func replace(with nodes: [Node]) {
        for node in nodes { insertBefore(node) }
        remove()
    }

    /// Moves every child of this node, in order, under `target`.
    func moveChildren(to target: Node) {
        for child in children { target.appendChild(child) }
    }
}
