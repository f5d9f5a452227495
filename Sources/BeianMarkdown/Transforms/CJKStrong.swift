import CCmarkGFM

/// Chinese trap (b): `这是**“重要”**通知` should be bold.
///
/// CommonMark lets `**` open only if it is not followed by punctuation — unless it is also
/// preceded by white space or punctuation — and close only under the mirror rule. Chinese
/// puts no space around emphasis, so a `**` between a Chinese character and a full-width
/// quote or bracket is left as two asterisks, and with several pairs in one sentence
/// (`**“甲”**与**“乙”**`) the rest pair up wrongly.
///
/// Wherever a run of text still shows an unescaped `**` (or cmark nested one bold inside
/// another), this transform takes that run of text and bold nodes back to its asterisks and
/// pairs them again with the punctuation condition dropped: a `**` may open when followed by
/// something other than white space and close when preceded by something other than white
/// space; a closer takes the nearest open one, as in CommonMark. Runs of text that cmark
/// handled without leftovers are not touched.
///
/// Code spans and code blocks are not text and are never touched. Asterisks escaped in the
/// source (`\*\*`) stay literal whenever the text node's position in the source can be
/// verified; when it cannot (text re-cut by the autolink extension), every `**` counts.
enum CJKStrong {
    static func apply(to document: CmarkDocument) {
        for block in blocksToCheck(document.root) {
            process(block, source: document.source)
        }
    }

    /// The blocks (paragraphs, headings, table cells) holding a text with `**` or a bold inside
    /// a bold, in document order: most documents have none, and are left at one scan.
    static func blocksToCheck(_ root: Node) -> [Node] {
        var out: [Node] = []
        for node in root.descendants {
            let suspect = node.type == CMARK_NODE_TEXT ? node.literalHasDoubleAsterisk
                : node.type == CMARK_NODE_STRONG && node.parent?.type == CMARK_NODE_STRONG
            guard suspect else { continue }
            var block = node.parent
            while let b = block, b.type.rawValue & 0xC000 != 0x8000 { block = b.parent }
            if let block, out.last != block { out.append(block) }
        }
        return out
    }

    /// Rewrites the node's children where needed, then walks the children it ends up with
    /// (a rewrite frees the nodes it replaces, so the walk never holds on to them).
    static func process(_ container: Node, source: SourceText) {
        for group in flatGroups(in: container, source: source) {
            rewrite(group, source: source)
        }
        for child in container.children where child.type != CMARK_NODE_TEXT {
            process(child, source: source)
        }
    }

    /// A scalar of a flattened run of text, and whether it may be part of a `**` delimiter.
    struct Scalar {
        var value: Unicode.Scalar
        var delimiter: Bool
    }

    /// Maximal runs of adjacent children that are text or bold made of text only.
    static func flatGroups(in container: Node, source: SourceText) -> [[Node]] {
        var groups: [[Node]] = [], current: [Node] = []
        for child in container.children {
            if child.type == CMARK_NODE_TEXT || isFlatStrong(child, source: source) {
                current.append(child)
            } else if !current.isEmpty {
                groups.append(current)
                current = []
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// A strong node written with `**` (not `__`) holding only text and such strong nodes.
    static func isFlatStrong(_ node: Node, source: SourceText) -> Bool {
        guard node.type == CMARK_NODE_STRONG, node.firstChild != nil, let start = node.start,
              source.byte(line: start.line, column: start.column) == UInt8(ascii: "*")
        else { return false }
        return node.children.allSatisfy { $0.type == CMARK_NODE_TEXT || isFlatStrong($0, source: source) }
    }

    static func rewrite(_ group: [Node], source: SourceText) {
        // Most text has no `**` left and no bold inside bold: nothing to do, nothing to compute.
        guard group.contains(where: { $0.type == CMARK_NODE_TEXT ? $0.literalHasDoubleAsterisk : hasStrongChild($0) })
        else { return }
        var scalars: [Scalar] = []
        var nested = false
        func flatten(_ node: Node, depth: Int) {
            if node.type == CMARK_NODE_TEXT {
                let escaped = escapedScalars(of: node, in: source)
                for (scalar, isEscaped) in zip(node.literal.unicodeScalars, escaped) {
                    scalars.append(Scalar(value: scalar, delimiter: !isEscaped))
                }
                return
            }
            if depth > 0 { nested = true }
            scalars += [Scalar(value: "*", delimiter: true), Scalar(value: "*", delimiter: true)]
            for child in node.children { flatten(child, depth: depth + 1) }
            scalars += [Scalar(value: "*", delimiter: true), Scalar(value: "*", delimiter: true)]
        }
        var leftover = false
        for node in group {
            let before = scalars.count
            flatten(node, depth: 0)
            if node.type == CMARK_NODE_TEXT, hasDelimiterRun(scalars[before...]) { leftover = true }
        }
        guard leftover || nested else { return }
        let pairs = pair(runs(in: scalars), in: scalars)
        guard !pairs.isEmpty || nested else { return }
        let first = group[0]
        for node in build(scalars, pairs: pairs, range: 0..<scalars.count) { first.insertBefore(node) }
        for node in group { node.remove() }
    }

    static func hasStrongChild(_ node: Node) -> Bool {
        node.children.contains { $0.type == CMARK_NODE_STRONG }
    }

    static func hasDelimiterRun(_ s: ArraySlice<Scalar>) -> Bool {
        var count = 0
        for c in s {
            count = c.value == "*" && c.delimiter ? count + 1 : 0
            if count == 2 { return true }
        }
        return false
    }

    /// Runs of two or more delimiter asterisks: [start, end).
    static func runs(in s: [Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard s[i].value == "*", s[i].delimiter else { i += 1; continue }
            var j = i
            while j < s.count, s[j].value == "*", s[j].delimiter { j += 1 }
            if j - i >= 2 { out.append(i..<j) }
            i = j
        }
        return out
    }

    /// Opener and closer pairs as ranges of two asterisks each, never crossing.
    static func pair(_ runs: [Range<Int>], in s: [Scalar]) -> [(open: Range<Int>, close: Range<Int>)] {
        var stack: [Range<Int>] = []
        var out: [(open: Range<Int>, close: Range<Int>)] = []
        for run in runs {
            let canClose = run.lowerBound > 0 && !s[run.lowerBound - 1].value.properties.isWhitespace
            let canOpen = run.upperBound < s.count && !s[run.upperBound].value.properties.isWhitespace
            if canClose, let open = stack.popLast() {
                out.append((open: (open.upperBound - 2)..<open.upperBound, close: run.lowerBound..<(run.lowerBound + 2)))
            } else if canOpen {
                stack.append(run)
            }
        }
        return out.sorted { $0.open.lowerBound < $1.open.lowerBound }
    }

    /// Nodes for `range` of the flattened text: plain text, and bold for every pair inside.
    static func build(_ s: [Scalar], pairs: [(open: Range<Int>, close: Range<Int>)], range: Range<Int>) -> [Node] {
        // Pairs by where they open, so the walk stays linear however many pairs there are.
        var closeFor: [Int: Range<Int>] = [:]
        for p in pairs { closeFor[p.open.lowerBound] = p.close }
        return build(s, closeFor: closeFor, range: range)
    }

    static func build(_ s: [Scalar], closeFor: [Int: Range<Int>], range: Range<Int>) -> [Node] {
        var out: [Node] = []
        var text = String.UnicodeScalarView()
        func flushText() {
            if !text.isEmpty { out.append(Node.text(String(text))) }
            text = String.UnicodeScalarView()
        }
        var i = range.lowerBound
        while i < range.upperBound {
            if let close = closeFor[i], close.upperBound <= range.upperBound {
                flushText()
                let strong = Node.make(CMARK_NODE_STRONG)
                for child in build(s, closeFor: closeFor, range: (i + 2)..<close.lowerBound) { strong.appendChild(child) }
                out.append(strong)
                i = close.upperBound
            } else {
                text.append(s[i].value)
                i += 1
            }
        }
        flushText()
        return out
    }

    /// For each scalar of the node's text, whether the source wrote it as a backslash escape.
    ///
    /// The node's source span is decoded (backslash escapes only) and compared with its text;
    /// only if they agree are the flags trusted. Otherwise nothing counts as escaped.
    static func escapedScalars(of node: Node, in source: SourceText) -> [Bool] {
        let literal = node.literal
        let none = [Bool](repeating: false, count: literal.unicodeScalars.count)
        guard let start = node.start, let end = node.end, start.line == end.line,
              let span = source.bytes(line: start.line, column: start.column, endColumn: end.column)
        else { return none }
        var decoded: [UInt8] = [], flags: [Bool] = []
        var k = span.startIndex
        while k < span.endIndex {
            if span[k] == UInt8(ascii: "\\"), k + 1 < span.endIndex, isASCIIPunctuation(span[k + 1]) {
                decoded.append(span[k + 1]); flags.append(true); k += 2
            } else {
                decoded.append(span[k]); flags.append(false); k += 1
            }
        }
        guard decoded.elementsEqual(literal.utf8) else { return none }
        // Byte flags to scalar flags: an escaped byte is always a whole ASCII scalar.
        var out: [Bool] = []
        var offset = 0
        for scalar in literal.unicodeScalars {
            out.append(flags[offset])
            offset += UTF8.width(scalar)
        }
        return out
    }

    static func isASCIIPunctuation(_ b: UInt8) -> Bool {
        (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b) || (0x7B...0x7E).contains(b)
    }
}
