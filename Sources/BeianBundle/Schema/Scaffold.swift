/// Writes a bundle file from its schema: every key present, each with a Chinese comment.
///
/// Values come from `values` (key path → text); everything else is left empty for the filer.
public enum Scaffold {
    /// The YAML text of a file with the given fields.
    ///
    /// `omitting` leaves out top-level keys that do not apply (e.g. the other role's block of
    /// an algorithm); `note` adds a comment line under the header.
    public static func yaml(_ fields: [FieldSpec], title: String, values: [String: String] = [:],
                            lists: [String: [String]] = [:], omitting: Set<String> = [], note: String? = nil) -> String {
        var out = "# \(title)\n# 由 beian 生成：每个键后的注释说明应填写的内容。填写后运行 beian validate 检查。\n"
        if let note { out += "# \(note)\n" }
        write(fields.filter { !omitting.contains($0.key) }, prefix: "", indent: "", values: values, lists: lists, into: &out)
        return out
    }

    static func write(_ fields: [FieldSpec], prefix: String, indent: String, values: [String: String],
                      lists: [String: [String]], into out: inout String, firstLinePrefix: String? = nil) {
        for (i, spec) in fields.enumerated() {
            let keyPath = prefix.isEmpty ? spec.key : "\(prefix).\(spec.key)"
            let lead = (i == 0 ? firstLinePrefix : nil) ?? indent
            let comment = " # \(spec.zh)\(spec.required ? "" : "（可选）")\(spec.hint.isEmpty ? "" : "：\(spec.hint)")"
            switch spec.kind {
            case .object(let sub):
                out += "\(lead)\(spec.key):\(comment)\n"
                write(sub, prefix: keyPath, indent: indent + "  ", values: values, lists: lists, into: &out)
            case .objectList(let sub, _):
                out += "\(lead)\(spec.key):\(comment)\n"
                write(sub, prefix: "\(keyPath)[1]", indent: indent + "    ", values: values, lists: lists, into: &out,
                      firstLinePrefix: indent + "  - ")
            case .textList, .choices:
                let items = lists[keyPath] ?? []
                out += "\(lead)\(spec.key): [\(items.map(quote).joined(separator: ", "))]\(comment)\n"
            case .boolean, .integer:
                out += "\(lead)\(spec.key):\(values[keyPath].map { " \($0)" } ?? "")\(comment)\n"
            case .schemaVersion:
                out += "\(lead)\(spec.key): \(BundleSchema.version)\(comment)\n"
            default:
                out += "\(lead)\(spec.key): \(quote(values[keyPath] ?? ""))\(comment)\n"
            }
        }
    }

    /// A YAML double-quoted scalar (the one escaper of YAML text, `YAMLScalarText`).
    public static func quote(_ s: String) -> String { YAMLScalarText.doubleQuoted(s) }

    /// The disclosure template with the four required sections.
    public static func disclosure(name: String) -> String {
        var out = "# \(name.isEmpty ? "算法" : name)拟公示内容\n\n"
        let prompts = [
            "算法基本原理": "用通俗语言说明算法依据什么数据、采用什么方法得出结果。",
            "算法运行机制": "说明算法从接收输入到输出结果的主要流程，以及人工干预和用户可选择的环节。",
            "算法应用场景": "说明算法用在哪些产品、哪些功能中，面向哪些用户。",
            "算法目的意图": "说明使用该算法要达到的目的，以及为保护用户权益采取的措施。",
        ]
        for heading in BundleSchema.disclosureHeadings {
            out += "## \(heading)\n\n<!-- \(prompts[heading] ?? "") -->\n\n"
        }
        return out
    }
}
