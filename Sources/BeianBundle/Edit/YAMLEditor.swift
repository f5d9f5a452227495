/// Edits a bundle YAML file by patching its text, so that everything not edited stays as the
/// filer (or the scaffold) wrote it: comments, key order, quoting, blank lines.
///
/// Yams parses (through `YAMLReader`, which gives every node its line and column); the editor
/// then rewrites only the lines of the value it changes. One edited scalar changes one line;
/// no edit leaves the text byte-identical. Every edit is checked by parsing the result again:
/// if the value read back is not the one intended, the edit is refused and the text is left
/// as it was (`YAMLEditError`).
///
/// The subset handled is the one bundle files use: block mappings, block or flow sequences,
/// scalars plain, quoted or block (`|`, `>`). Values are always written on one line
/// (`YAMLScalarText`).
public struct YAMLEditor: Sendable {
    /// The current text.
    public var text: String { (bom ? "\u{FEFF}" : "") + lines.joined(separator: "\n").replacing("\n", with: crlf ? "\r\n" : "\n") }

    var lines: [String]
    let crlf: Bool
    let bom: Bool

    public init(_ text: String) {
        bom = text.hasPrefix("\u{FEFF}")
        let body = bom ? String(text.dropFirst()) : text
        crlf = body.contains("\r\n")
        lines = (crlf ? body.replacing("\r\n", with: "\n") : body).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The parsed document (nil when the text is not valid YAML).
    public var document: YAMLValue? {
        let (value, problems) = YAMLReader.parse(lines.joined(separator: "\n"), path: "")
        return problems.isEmpty ? value : nil
    }

    // MARK: - Edits

    /// Sets the scalar at `path` (written with `YAMLScalarText.render(value, kind:)`), adding
    /// the key, and any missing mapping above it, at the end of its mapping.
    public mutating func setScalar(_ value: String, at path: YAMLPath, kind: FieldKind? = nil) throws(YAMLEditError) {
        if let current = try node(at: path), current.text ?? "" == value, !(current.isContainer) { return }
        let rendered = value.isEmpty && Self.emptyIsBare(kind) ? "" : YAMLScalarText.render(value, kind: kind)
        try checked(path, expect: .scalar(value)) { (e: inout YAMLEditor) throws(YAMLEditError) in
            try e.replaceValue(at: path, inline: rendered, block: nil)
        }
    }

    /// Sets the list of scalars at `path`, written as a one-line flow list `[a, "b c"]`.
    public mutating func setList(_ items: [String], at path: YAMLPath) throws(YAMLEditError) {
        if let current = try node(at: path), case .sequence(let xs, _) = current, xs.map({ $0.text ?? "" }) == items,
           xs.allSatisfy({ !$0.isContainer }) { return }
        let flow = "[" + items.map { YAMLScalarText.render($0) }.joined(separator: ", ") + "]"
        try checked(path, expect: .list(items)) { (e: inout YAMLEditor) throws(YAMLEditError) in
            try e.replaceValue(at: path, inline: flow, block: nil)
        }
    }

    /// Replaces the value at `path` with block lines (given without the block's indentation),
    /// or `[]` when `block` is empty: the association list of an algorithm, say.
    public mutating func setBlock(_ block: [String], at path: YAMLPath) throws(YAMLEditError) {
        try checked(path, expect: nil) { (e: inout YAMLEditor) throws(YAMLEditError) in
            try e.replaceValue(at: path, inline: block.isEmpty ? "[]" : "", block: block.isEmpty ? nil : block)
        }
    }

    /// Appends an item (lines starting `- `, without the list's indentation) to the block
    /// list at `path`; an empty list (`[]` or nothing) becomes a block list.
    public mutating func appendItem(_ item: [String], to path: YAMLPath) throws(YAMLEditError) {
        guard let list = try node(at: path) else {
            return try setBlock(item, at: path)
        }
        switch list {
        case .sequence(let xs, _) where !xs.isEmpty:
            guard let entry = try entry(at: path) else { throw .unsupported(path.description) }
            let firstLine = xs[0].location.line - 1
            let dashIndent = lines[firstLine].prefix { $0 == " " }.count
            guard lines[firstLine].dropFirst(dashIndent).hasPrefix("-") else { throw .unsupported(path.description) }
            let end = blockEnd(keyLine: entry.keyLocation.line - 1, keyIndent: entry.keyLocation.column - 1)
            let before = lines
            lines.insert(contentsOf: item.map { String(repeating: " ", count: dashIndent) + $0 }, at: end + 1)
            guard let after = try? node(at: path), after.items.count == xs.count + 1 else {
                lines = before
                throw .unsupported(path.description)
            }
        default:
            if list.isEmpty { return try setBlock(item, at: path) }
            throw .unsupported(path.description)
        }
    }

    /// Removes item `index` (0-based) of the block list at `path`; the last item leaves `[]`.
    public mutating func removeItem(_ index: Int, of path: YAMLPath) throws(YAMLEditError) {
        guard let list = try node(at: path), case .sequence(let xs, _) = list, xs.indices.contains(index),
              let entry = try entry(at: path) else { throw .notFound(path.description) }
        if xs.count == 1 { return try setBlock([], at: path) }
        let start = xs[index].location.line - 1
        let end = index + 1 < xs.count ? xs[index + 1].location.line - 2
                                       : blockEnd(keyLine: entry.keyLocation.line - 1, keyIndent: entry.keyLocation.column - 1)
        guard start <= end, lines[start].trimmingSpacesAndNewlines.hasPrefix("-"), start > entry.keyLocation.line - 1 else {
            throw .unsupported(path.description)
        }
        let before = lines
        lines.removeSubrange(start...end)
        guard let after = try? node(at: path), after.items.count == xs.count - 1 else {
            lines = before
            throw .unsupported(path.description)
        }
    }

    // MARK: - Reading

    /// The value at `path`, nil when a key on the way is missing.
    public func node(at path: YAMLPath) throws(YAMLEditError) -> YAMLValue? {
        guard let doc = document else { throw .unparsable }
        return Self.lookup(doc, path.segments[...])
    }

    static func lookup(_ value: YAMLValue, _ segments: ArraySlice<YAMLPath.Segment>) -> YAMLValue? {
        guard let first = segments.first else { return value }
        switch first {
        case .key(let k): return value[k].flatMap { lookup($0, segments.dropFirst()) }
        case .index(let i):
            let items = value.items
            return items.indices.contains(i) ? lookup(items[i], segments.dropFirst()) : nil
        }
    }

    /// The mapping entry `path` names (its last segment a key).
    func entry(at path: YAMLPath) throws(YAMLEditError) -> YAMLEntry? {
        guard let doc = document else { throw .unparsable }
        guard case .key(let k)? = path.segments.last, let parent = Self.lookup(doc, path.segments.dropLast()),
              case .mapping(let entries, _) = parent else { return nil }
        return entries.first { $0.key == k }
    }

    // MARK: - Text surgery

    /// What an edit must read back as.
    enum Expectation { case scalar(String), list([String]) }

    /// Runs `edit` on a copy; keeps it only if the result parses and reads back as `expect`.
    mutating func checked(_ path: YAMLPath, expect: Expectation?, _ edit: (inout YAMLEditor) throws(YAMLEditError) -> Void) throws(YAMLEditError) {
        var copy = self
        try edit(&copy)
        guard let doc = copy.document else { throw .wouldBreak(path.description) }
        let value = Self.lookup(doc, path.segments[...])
        switch expect {
        case .scalar(let s)?:
            guard let value, !value.isContainer, (value.text ?? "") == s else { throw .wouldBreak(path.description) }
        case .list(let xs)?:
            guard let value, case .sequence(let items, _) = value, items.map({ $0.text ?? "" }) == xs else { throw .wouldBreak(path.description) }
        case nil:
            guard value != nil else { throw .wouldBreak(path.description) }
        }
        self = copy
    }

    /// Writes `inline` after `key:` (keeping a trailing comment) and `block` below it,
    /// replacing the old value's lines; adds the key (and missing parents) when absent.
    mutating func replaceValue(at path: YAMLPath, inline: String, block: [String]?) throws(YAMLEditError) {
        guard case .key(let key)? = path.segments.last else { throw .unsupported(path.description) }
        guard let entry = try entry(at: path) else {
            try insertKey(key, under: YAMLPath(segments: Array(path.segments.dropLast())), inline: inline, block: block)
            return
        }
        let keyLine = entry.keyLocation.line - 1
        let keyIndent = entry.keyLocation.column - 1
        let scalars = Array(lines[keyLine].unicodeScalars)
        guard let colon = Self.keyEnd(scalars, from: keyIndent) else { throw .unsupported(path.description) }
        var v = colon
        while v < scalars.count, scalars[v] == " " || scalars[v] == "\t" { v += 1 }
        let end = blockEnd(keyLine: keyLine, keyIndent: keyIndent)
        // The old inline value and what follows it on the key line (a comment to keep).
        var trailer: [Unicode.Scalar] = []
        if v < scalars.count, scalars[v] != "#" {
            switch scalars[v] {
            case "\"", "'":
                if let close = Self.closingQuote(scalars, from: v) { trailer = Array(scalars[(close + 1)...]) }
            case "|", ">":
                trailer = []
            case "[", "{":
                if let close = Self.closingBracket(scalars, from: v) { trailer = Array(scalars[(close + 1)...]) }
            default:
                if let hash = Self.commentStart(scalars, from: v) {
                    var t = hash
                    while t > v, scalars[t - 1] == " " || scalars[t - 1] == "\t" { t -= 1 }
                    trailer = Array(scalars[t...])
                }
            }
        } else if v < scalars.count {
            trailer = [" "] + Array(scalars[v...])
        }
        var head = String(String.UnicodeScalarView(scalars[..<colon]))
        if !inline.isEmpty { head += " " + inline }
        let newLine = head + String(String.UnicodeScalarView(trailer))
        let childIndent = String(repeating: " ", count: keyIndent + 2)
        let below = (block ?? []).map { childIndent + $0 }
        lines.replaceSubrange(keyLine...end, with: [newLine] + below)
    }

    /// Adds `key` at the end of the mapping at `parent` (creating missing parent keys).
    mutating func insertKey(_ key: String, under parent: YAMLPath, inline: String, block: [String]?) throws(YAMLEditError) {
        guard let doc = document else { throw .unparsable }
        guard YAMLScalarText.isPlainSafe(key) || key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw .unsupported(key)
        }
        let container = Self.lookup(doc, parent.segments[...])
        let line = { (indent: Int) -> [String] in
            let pad = String(repeating: " ", count: indent)
            return [pad + key + ":" + (inline.isEmpty ? "" : " " + inline)] + (block ?? []).map { pad + "  " + $0 }
        }
        switch container {
        case .mapping(let entries, _)? where !entries.isEmpty:
            let indent = entries[0].keyLocation.column - 1
            let last = entries.map { blockEnd(keyLine: $0.keyLocation.line - 1, keyIndent: $0.keyLocation.column - 1) }.max() ?? 0
            lines.insert(contentsOf: line(indent), at: last + 1)
        case nil where parent.segments.isEmpty:
            // An empty file: the first key.
            while lines.last == "" { lines.removeLast() }
            lines += line(0) + [""]
        case nil:
            // The parent key itself is missing: add it, then this key under it.
            guard case .key(let parentKey)? = parent.segments.last else { throw .notFound(parent.description) }
            try insertKey(parentKey, under: YAMLPath(segments: Array(parent.segments.dropLast())), inline: "", block: nil)
            try insertKey(key, under: parent, inline: inline, block: block)
        case let value? where value.isEmpty && !value.isContainer:
            // `parent:` with nothing (or a comment) after it: the new key goes on the next line.
            guard let entry = try entry(at: parent) else { throw .unsupported(parent.description) }
            let keyLine = entry.keyLocation.line - 1
            let scalars = Array(lines[keyLine].unicodeScalars)
            guard let colon = Self.keyEnd(scalars, from: entry.keyLocation.column - 1) else { throw .unsupported(parent.description) }
            let rest = String(String.UnicodeScalarView(scalars[colon...])).trimmingSpacesAndNewlines
            guard rest.isEmpty || rest.hasPrefix("#") else { throw .unsupported(parent.description) }
            lines.insert(contentsOf: line(entry.keyLocation.column - 1 + 2), at: keyLine + 1)
        default:
            throw .unsupported(parent.description)
        }
    }

    /// The last line (0-based) that belongs to the value of the key at `keyLine`: the
    /// following lines indented deeper (or list items at the key's own indentation), blank
    /// and comment lines between them included, those after the last one not.
    func blockEnd(keyLine: Int, keyIndent: Int) -> Int {
        var end = keyLine
        var i = keyLine + 1
        while i < lines.count {
            let line = lines[i]
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if rest.isEmpty || rest.hasPrefix("#") { i += 1; continue }
            if indent > keyIndent || (indent == keyIndent && (rest == "-" || rest.hasPrefix("- ")) && Self.opensBlock(lines[keyLine], keyIndent)) {
                end = i
                i += 1
                continue
            }
            break
        }
        return end
    }

    /// True when the key line has nothing but the key (and maybe a comment): its value is
    /// below, possibly an indentless list.
    static func opensBlock(_ line: String, _ keyIndent: Int) -> Bool {
        let scalars = Array(line.unicodeScalars)
        guard let colon = keyEnd(scalars, from: keyIndent) else { return false }
        let rest = String(String.UnicodeScalarView(scalars[colon...])).trimmingSpacesAndNewlines
        return rest.isEmpty || rest.hasPrefix("#")
    }

    /// Kinds whose empty value is written as nothing after `key:` (not `""`).
    static func emptyIsBare(_ kind: FieldKind?) -> Bool {
        switch kind {
        case .integer?, .boolean?: true
        default: false
        }
    }
}

extension YAMLValue {
    /// True for a list or a mapping.
    var isContainer: Bool {
        if case .scalar = self { return false }
        return true
    }
}
