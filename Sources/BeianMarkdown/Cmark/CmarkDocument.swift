import BeianDiagnostics
import CCmarkGFM
import Foundation

/// One parsed Markdown document: the cmark-gfm parser and the tree it built, freed together.
///
/// This and `Node` are the only code that touches the C library. A document is used by one
/// call on one thread and never escapes it, so it is deliberately not `Sendable`.
final class CmarkDocument {
    /// The GFM extensions every document gets. `tagfilter` only matters for raw HTML, which
    /// never passes anyway; it is attached so that enabling raw HTML by mistake stays filtered.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

    /// Parse and render options. Never `CMARK_OPT_UNSAFE`: raw HTML becomes a comment.
    /// - Double tilde only: Chinese writes ranges as `9:00~12:00`, and single-tilde
    ///   strikethrough would strike whatever lies between two such ranges.
    /// - Table alignment as `style` attributes: `align` is obsolete in HTML5.
    static let options: Int32 = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
        | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES

    /// Registers the core extensions exactly once. `cmark_gfm_core_extensions_ensure_registered`
    /// guards itself with a plain static flag, which is a data race when two threads call it
    /// first; a Swift `static let` initialiser runs once, atomically (`swift_once`).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return extensionNames.allSatisfy { cmark_find_syntax_extension($0) != nil }
    }()

    /// Serialises parsing. While it parses inlines, cmark-gfm switches the extensions' special
    /// characters (`~`, `|`, `:`, `w`) on and off in a process-wide table; two parses at once
    /// switch them off under each other and drop strikethrough or autolinks at random (measured:
    /// about 1 document in 700 with four threads). Rendering reads no global state and runs
    /// in parallel.
    private static let parseLock = NSLock()

    let parser: OpaquePointer
    let root: Node
    /// The source, kept to look up what a node's position points at; indexed only when a
    /// transform asks (an outline never does, and indexing was most of its cost).
    private let text: String
    lazy var source = SourceText(text)

    init(_ text: String) {
        precondition(Self.registered, "cmark-gfm core extensions are missing")
        // Control, bidi and invisible characters never reach the tree, so no HTML, heading or
        // plain text made from it holds them (HTML cannot even escape C0 controls). Every
        // parse passes here; CR stays, as cmark reads it as a line end.
        let markdown = TextSafety.removingUnsafe(text, keeping: ["\n", "\t", "\r"])
        self.text = markdown
        guard let parser = cmark_parser_new(Self.options) else { fatalError("cmark_parser_new failed") }
        self.parser = parser
        for name in Self.extensionNames {
            cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name))
        }
        var text = markdown
        let tree: OpaquePointer? = Self.parseLock.withLock {
            text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    cmark_parser_feed(parser, chars.baseAddress, chars.count)
                }
            }
            return cmark_parser_finish(parser)
        }
        guard let tree else { fatalError("cmark_parser_finish failed") }
        root = Node(tree)
    }

    deinit {
        cmark_node_free(root.raw)
        cmark_parser_free(parser)
    }

    /// The tree as HTML.
    func html() -> String {
        guard let out = cmark_render_html(root.raw, Self.options, cmark_parser_get_syntax_extensions(parser)) else {
            return ""
        }
        defer { free(out) }
        return String(cString: out)
    }
}
