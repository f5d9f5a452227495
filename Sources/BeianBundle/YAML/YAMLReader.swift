public import Foundation
public import BeianDiagnostics
import Yams

/// Reads a YAML file safely: size and UTF-8 checked before parsing, anchors refused, nesting
/// bounded by libyaml, every problem turned into a located diagnostic.
public enum YAMLReader {
    /// Largest YAML file accepted; real bundle files are a few KB.
    public static let maxFileSize = 1 << 20

    /// Parses `text` (already UTF-8) read from `path` (the display path).
    public static func parse(_ text: String, path: String) -> (YAMLValue?, [Diagnostic]) {
        // Refused before composing: Yams expands aliases used as keys while checking duplicates.
        let aliases = AliasScanner.aliases(in: text)
        if !aliases.isEmpty {
            return (nil, aliases.map { aliasDiagnostic(at: SourceLocation(path: path, line: $0.line, column: $0.column)) })
        }
        let parser: Parser
        let root: Node?
        do {
            // An explicit encoding: the default one reads the process environment on every call.
            parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, path: path)])
        } catch {
            return (nil, [Diagnostic(.yamlSyntax, at: SourceLocation(path: path),
                                     message: Localized(zh: "无法解析：\(error)", en: "cannot parse: \(error)"),
                                     help: Localized(zh: "检查文件是否为合法的 YAML", en: "check that the file is valid YAML"))])
        }
        guard let root else {
            return (.mapping([], SourceLocation(path: path)), [])
        }
        var problems: [Diagnostic] = []
        // Nodes hold their anchors weakly; the parser owns them. Once it is freed an anchored
        // node looks plain, and `convert` would walk every expansion of an alias bomb.
        let value = withExtendedLifetime(parser) { convert(root, path: path, problems: &problems) }
        return (value, problems)
    }

    /// Reads bytes, checks the size and the encoding, then parses.
    public static func read(_ data: Data, path: String) -> (YAMLValue?, [Diagnostic]) {
        if data.count > maxFileSize {
            return (nil, [TextFile.tooLarge(path: path, size: data.count, limit: maxFileSize)])
        }
        switch TextFile.decodeUTF8(data, path: path) {
        case .failure(let d): return (nil, [d])
        case .success(let text): return parse(text, path: path)
        }
    }

    static func convert(_ node: Node, path: String, problems: inout [Diagnostic]) -> YAMLValue {
        let loc = location(node.mark, path: path)
        if node.anchor != nil {
            problems.append(Diagnostic(
                .anchorsNotAllowed, at: loc,
                message: Localized(zh: "此处使用了 YAML 锚点（&）或别名（*）", en: "a YAML anchor (&) or alias (*) is used here"),
                help: Localized(zh: "把内容直接写出来；备案文件不支持锚点和别名", en: "write the value out in full; bundle files do not support anchors or aliases")))
            return .scalar(YAMLScalar(text: "", resolved: .null, quoted: false, location: loc))
        }
        switch node {
        case .scalar(let s):
            let quoted = s.style != .plain && s.style != .any
            return .scalar(YAMLScalar(text: s.string, resolved: resolve(s, quoted: quoted), quoted: quoted, location: loc))
        case .sequence(let seq):
            return .sequence(seq.map { convert($0, path: path, problems: &problems) }, loc)
        case .mapping(let map):
            var entries: [YAMLEntry] = []
            for (k, v) in map {
                let keyLoc = location(k.mark, path: path)
                guard case .scalar(let ks) = k, k.anchor == nil else {
                    problems.append(Diagnostic(
                        .wrongType, at: keyLoc,
                        message: Localized(zh: "键必须是简单的文字", en: "a key must be plain text"),
                        help: Localized(zh: "使用 `key: value` 的形式", en: "write keys as `key: value`")))
                    continue
                }
                entries.append(YAMLEntry(key: ks.string, keyLocation: keyLoc,
                                         value: convert(v, path: path, problems: &problems)))
            }
            return .mapping(entries, loc)
        case .alias:
            problems.append(aliasDiagnostic(at: loc))
            return .scalar(YAMLScalar(text: "", resolved: .null, quoted: false, location: loc))
        }
    }

    static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
    static let boolWords: Set<String> = ["true", "True", "TRUE", "false", "False", "FALSE",
                                         "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]

    /// What a scalar is under YAML 1.1's implicit typing, as far as validation cares.
    ///
    /// Done here with set lookups rather than by Yams' resolver, whose regular expressions took
    /// a third of the load time (the parser runs with `Resolver.basic`, which types nothing).
    static func resolve(_ s: Node.Scalar, quoted: Bool) -> YAMLScalar.Resolved {
        if quoted { return .string }
        switch Tag.Name(rawValue: s.tag.rawValue) {
        case .implicit: break
        case .str: return .string
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        default: return .other
        }
        let text = s.string
        if text.utf8.count <= 5 {  // the longest word either set holds; skips hashing long text
            if nullWords.contains(text) { return .null }
            if boolWords.contains(text) { return .bool }
        }
        guard let first = text.unicodeScalars.first, "+-.0123456789".unicodeScalars.contains(first) else { return .string }
        if Int(text.replacingOccurrences(of: "_", with: "")) != nil { return .int }
        if Double(text.replacingOccurrences(of: "_", with: "")) != nil { return .float }
        return .string
    }

    static func aliasDiagnostic(at loc: SourceLocation) -> Diagnostic {
        Diagnostic(
            .anchorsNotAllowed, at: loc,
            message: Localized(zh: "此处使用了 YAML 别名（*）", en: "a YAML alias (*) is used here"),
            help: Localized(zh: "把内容直接写出来；备案文件不支持锚点和别名（以 * 开头的文字请加引号）",
                            en: "write the value out in full; bundle files do not support anchors or aliases (quote text that starts with *)"))
    }

    /// Where `key` is written again in the block mapping whose first occurrence is at `first`:
    /// the next line at the same indentation starting with that key, before the mapping ends.
    static func repeatedKey(_ key: String, after first: SourceLocation, in text: String) -> SourceLocation? {
        let indent = first.column - 1
        let forms = [key, "\"\(key)\"", "'\(key)'"].map { Array(($0 + ":").unicodeScalars) }
        for (i, line) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where i >= first.line {
            let scalars = Array(line)
            let lead = scalars.prefix { $0 == " " }.count
            if lead == scalars.count || scalars[lead] == "#" || scalars[lead] == "\r" { continue }
            if lead < indent { return nil }
            if lead == indent, forms.contains(where: { scalars[lead...].starts(with: $0) }) {
                return SourceLocation(path: first.path, line: i + 1, column: indent + 1)
            }
        }
        return nil
    }

    static func location(_ mark: Mark?, path: String) -> SourceLocation {
        SourceLocation(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
        switch error {
        case .duplicatedKeysInMapping(let keys, let context):
            // Yams marks the first occurrence; the line to fix is the repeat.
            let list = keys.joined(separator: ", ")
            let first = location(context.mark, path: path)
            if keys.count == 1, let again = repeatedKey(keys[0], after: first, in: context.text) {
                return Diagnostic(
                    .duplicateKey, at: again,
                    message: Localized(zh: "键“\(list)”在同一层重复出现（首次在第 \(first.line) 行）",
                                       en: "key '\(list)' appears again in the same mapping (first on line \(first.line))"),
                    help: Localized(zh: "删除或合并重复的键", en: "remove or merge the repeated key"))
            }
            return Diagnostic(
                .duplicateKey, at: first,
                message: Localized(zh: "键“\(list)”在同一层出现了不止一次", en: "key '\(list)' appears more than once in the same mapping"),
                help: Localized(zh: "删除或合并重复的键", en: "remove or merge the repeated key"))
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if problem.contains("Maximum nesting level") || (context?.text.contains("nesting") ?? false) {
                return Diagnostic(
                    .nestingTooDeep, at: location(mark, path: path),
                    message: Localized(zh: "嵌套层数超过上限", en: "nesting goes deeper than the limit"),
                    help: Localized(zh: "备案文件只需几层嵌套；检查括号或缩进", en: "bundle files need only a few levels; check brackets and indentation"))
            }
            // libyaml's context names where the broken construct began (an unclosed quote or
            // bracket), often lines before the point where it noticed.
            var start = ""
            if let c = context, !c.text.isEmpty, (c.mark.line, c.mark.column) != (mark.line, mark.column) {
                start = " (from \(c.mark.line):\(c.mark.column))"
            }
            let detail = [context.map { $0.text + start }, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return Diagnostic(
                .yamlSyntax, at: location(mark, path: path),
                message: Localized(zh: "YAML 语法错误：\(detail)", en: "YAML syntax error: \(detail)"),
                help: Localized(zh: "检查该位置的缩进、冒号和引号", en: "check the indentation, colons and quotes at this spot"))
        case .reader(let problem, let offset, _, _):
            return Diagnostic(
                .invalidUTF8, at: SourceLocation(path: path),
                message: Localized(zh: "无法读取文本：\(problem)（字节偏移 \(offset ?? 0)）", en: "cannot read the text: \(problem) (byte offset \(offset ?? 0))"),
                help: Localized(zh: "以 UTF-8 编码保存文件", en: "save the file as UTF-8"))
        default:
            return Diagnostic(
                .yamlSyntax, at: SourceLocation(path: path),
                message: Localized(zh: "YAML 错误：\(error)", en: "YAML error: \(error)"),
                help: Localized(zh: "检查文件是否为合法的 YAML", en: "check that the file is valid YAML"))
        }
    }
}
