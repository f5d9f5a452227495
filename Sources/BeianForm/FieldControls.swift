import BeianBundle
import BeianDiagnostics
import BeianModel

/// Renders the controls of schema fields, with the value the file holds, the scaffold's
/// Chinese help under each, and the field's diagnostics beside it (`aria-describedby`).
///
/// Every value is rendered so that posting the page back unchanged posts the same value (a
/// value a control cannot hold, such as an invalid date or a list where one value belongs, is
/// shown read-only and not posted): saving without change leaves the file byte-identical.
struct FieldControls {
    var lang: Lang
    /// Diagnostics of the file by key path.
    var diagnostics: [String: [Diagnostic]]
    /// Extra blank rows for these lists (the filer asked for more).
    var more: Set<String> = []
    var t: FormText { FormText(lang: lang) }

    func label(_ spec: FieldSpec) -> String { lang == .zh ? spec.zh : "\(spec.en) (\(spec.zh))" }

    /// The controls of `fields` under `prefix`, values from `doc` (the file's parsed root).
    func render(_ fields: [FieldSpec], prefix: String, doc: YAMLValue?) -> String {
        fields.map { spec in
            let kp = prefix.isEmpty ? spec.key : "\(prefix).\(spec.key)"
            return field(spec, keyPath: kp, value: lookup(doc, kp), doc: doc)
        }.joined()
    }

    func lookup(_ doc: YAMLValue?, _ keyPath: String) -> YAMLValue? {
        guard let doc, let path = YAMLPath(keyPath) else { return nil }
        var node: YAMLValue? = doc
        for s in path.segments {
            switch s {
            case .key(let k): node = node?[k]
            case .index(let i): node = node.flatMap { $0.items.indices.contains(i) ? $0.items[i] : nil }
            }
        }
        return node
    }

    /// The diagnostics about `kp` itself or an item of it (`scenarios[2]`).
    func problems(_ kp: String) -> [Diagnostic] {
        diagnostics.filter { $0.key == kp || $0.key.hasPrefix(kp + "[") && !$0.key.dropFirst(kp.count).contains(".") }
            .sorted { $0.key < $1.key }.flatMap(\.value)
    }

    func diagnosticList(_ kp: String) -> String {
        let ds = problems(kp)
        return "<div class=\"diag\" id=\"\(HTML.id(kp))-diag\" aria-live=\"polite\">" + ds.map(Self.diagnosticHTML(lang: lang)).joined() + "</div>"
    }

    static func diagnosticHTML(lang: Lang) -> (Diagnostic) -> String {
        { d in
            "<p class=\"\(d.severity == .error ? "error" : "warning")\"><span class=\"code\">\(HTML.h(d.code.rawValue))</span> \(HTML.h(d.message(lang)))<span class=\"help\">\(HTML.h(d.help(lang)))</span></p>"
        }
    }

    func help(_ spec: FieldSpec, _ kp: String) -> String {
        "<p class=\"hint\" id=\"\(HTML.id(kp))-help\">\(HTML.h(spec.hint.isEmpty ? spec.zh : spec.hint))\(spec.required ? "" : t("（可选）", " (optional)"))</p>"
    }

    func described(_ kp: String) -> String {
        let bad = problems(kp).contains { $0.severity == .error }
        return " aria-describedby=\"\(HTML.id(kp))-help \(HTML.id(kp))-diag\"\(bad ? " aria-invalid=\"true\"" : "")"
    }

    func field(_ spec: FieldSpec, keyPath kp: String, value: YAMLValue?, doc: YAMLValue?) -> String {
        let id = HTML.id(kp)
        let name = HTML.h(kp)
        switch spec.kind {
        case .schemaVersion:
            return ""
        case .object(let sub):
            if let value, !value.isEmpty, case .mapping = value {} else if let value, !value.isEmpty {
                return readOnly(spec, kp, value)
            }
            return "<fieldset class=\"group\" id=\"\(id)\"><legend>\(HTML.h(label(spec)))</legend>\(help(spec, kp))\(diagnosticList(kp))"
                + sub.map { field($0, keyPath: "\(kp).\($0.key)", value: value?[$0.key], doc: doc) }.joined() + "</fieldset>"
        case .objectList(let sub, _):
            if let value, !value.isEmpty, value.items.isEmpty { return readOnly(spec, kp, value) }
            var out = "<fieldset class=\"group list\" id=\"\(id)\"><legend>\(HTML.h(label(spec)))</legend>\(help(spec, kp))\(diagnosticList(kp))"
            for (i, item) in (value?.items ?? []).enumerated() {
                let ikp = "\(kp)[\(i + 1)]"
                let title = item["name"]?.text ?? item["id"]?.text ?? ""
                out += "<fieldset class=\"item\" id=\"\(HTML.id(ikp))\"><legend>\(HTML.h(lang == .zh ? spec.zh : spec.en)) \(i + 1)\(title.isEmpty ? "" : "：" + HTML.h(title))</legend>"
                out += sub.map { field($0, keyPath: "\(ikp).\($0.key)", value: item[$0.key], doc: doc) }.joined()
                out += "<button type=\"submit\" name=\"_action\" value=\"remove:\(HTML.h(ikp))\" class=\"secondary\">\(t("删除此项", "Remove this")) \(HTML.h(lang == .zh ? spec.zh : spec.en)) \(i + 1)</button></fieldset>"
            }
            out += "<button type=\"submit\" name=\"_action\" value=\"add:\(name)\" class=\"secondary\">\(t("添加", "Add")) \(HTML.h(lang == .zh ? spec.zh : spec.en))</button></fieldset>"
            return out
        case .textList(_, let maxItem, _):
            guard value == nil || value!.isEmpty || isScalarList(value!) else { return readOnly(spec, kp, value!) }
            let items = value?.items.map { $0.text ?? "" } ?? []
            let blanks = more.contains(kp) ? 3 : 1
            var out = "<fieldset class=\"rows\" id=\"\(id)\"\(described(kp))><legend>\(HTML.h(label(spec)))</legend><input type=\"hidden\" name=\"_list\" value=\"\(name)\">"
            for (i, item) in (items + Array(repeating: "", count: blanks)).enumerated() {
                let rid = "\(id)-\(i + 1)"
                out += "<div class=\"row\"><label for=\"\(rid)\">\(HTML.h(lang == .zh ? spec.zh : spec.en)) \(i + 1)</label>"
                out += item.contains("\n")
                    ? "<textarea id=\"\(rid)\" name=\"\(name)\" data-field=\"\(name)\">\n\(HTML.h(item))</textarea>"
                    : "<input id=\"\(rid)\" name=\"\(name)\" value=\"\(HTML.h(item))\" maxlength=\"\(maxItem * 2)\" data-field=\"\(name)\">"
                out += "</div>"
            }
            out += "<button type=\"submit\" name=\"_action\" value=\"more:\(name)\" class=\"secondary add-row\" data-list=\"\(id)\">\(t("添加一行", "Add a row"))</button>"
            out += "<p class=\"hint small\">\(t("清空一行即删除该行", "Empty a row to remove it"))</p>"
            return out + help(spec, kp) + diagnosticList(kp) + "</fieldset>"
        case .choices(let options):
            guard value == nil || value!.isEmpty || isScalarList(value!) else { return readOnly(spec, kp, value!) }
            let items = value?.items.map { $0.text ?? "" } ?? []
            var out = "<fieldset class=\"choices\" id=\"\(id)\"\(described(kp))><legend>\(HTML.h(label(spec)))</legend><input type=\"hidden\" name=\"_list\" value=\"\(name)\">"
            // Values in the file outside the list stay (and can be unticked).
            for (i, option) in (options + items.filter { !options.contains($0) }).enumerated() {
                let oid = "\(id)-\(i + 1)"
                out += "<span class=\"choice\"><input type=\"checkbox\" id=\"\(oid)\" name=\"\(name)\" value=\"\(HTML.h(option))\" data-field=\"\(name)\"\(items.contains(option) ? " checked" : "")><label for=\"\(oid)\">\(HTML.h(option))</label></span>"
            }
            return out + help(spec, kp) + diagnosticList(kp) + "</fieldset>"
        default:
            if let value, case .scalar = value {} else if let value, !value.isEmpty { return readOnly(spec, kp, value) }
            let text = value?.text ?? ""
            return "<div class=\"field\"><label for=\"\(id)\">\(HTML.h(label(spec)))\(spec.required ? "<span class=\"req\" aria-hidden=\"true\">*</span>" : "")</label>"
                + control(spec, kp, text) + help(spec, kp) + diagnosticList(kp) + "</div>"
        }
    }

    func isScalarList(_ v: YAMLValue) -> Bool {
        if case .sequence(let xs, _) = v { return xs.allSatisfy { if case .scalar = $0 { true } else { false } } }
        return false
    }

    /// A value the controls cannot hold without changing it: shown, not posted.
    func readOnly(_ spec: FieldSpec, _ kp: String, _ value: YAMLValue) -> String {
        "<div class=\"field\" id=\"\(HTML.id(kp))\"><p class=\"label\">\(HTML.h(label(spec)))</p><p class=\"readonly\">\(t("此项在文件中的写法无法在表单中编辑，请直接修改文件：", "This value is written in a way the form cannot edit; change it in the file: "))\(HTML.h("\(kp) (line \(value.location.line))"))</p>\(help(spec, kp))\(diagnosticList(kp))</div>"
    }

    func control(_ spec: FieldSpec, _ kp: String, _ text: String) -> String {
        let id = HTML.id(kp)
        let common = "id=\"\(id)\" name=\"\(HTML.h(kp))\" data-field=\"\(HTML.h(kp))\"\(described(kp))\(spec.required ? " required" : "")"
        if text.contains("\n") {
            return "<textarea \(common) rows=\"4\">\n\(HTML.h(text))</textarea>"
        }
        switch spec.kind {
        case .paragraph(let max):
            return "<textarea \(common) rows=\"\(max > 600 ? 5 : 3)\">\n\(HTML.h(text))</textarea>"
        case .choice(let options):
            return select(common, options.map { ($0, $0) }, text)
        case .boolean:
            return select(common, [("true", t("是", "yes")), ("false", t("否", "no"))], text)
        case .date where text.isEmpty || isDate(text):
            return "<input type=\"date\" \(common) value=\"\(HTML.h(text))\">"
        case .dateOrForever where text.isEmpty || isDate(text) || text == "长期":
            let forever = text == "长期"
            return "<span class=\"inline\"><input type=\"date\" \(common) value=\"\(HTML.h(forever ? "" : text))\"><input type=\"checkbox\" id=\"\(id)-forever\" name=\"\(HTML.h(kp))#forever\" value=\"长期\" data-field=\"\(HTML.h(kp))\"\(forever ? " checked" : "")><label for=\"\(id)-forever\">\(t("长期", "no expiry (长期)"))</label></span>"
        case .region:
            return "<input \(common) value=\"\(HTML.h(text))\" list=\"regions\" inputmode=\"numeric\" autocomplete=\"off\">"
                + "<span class=\"region-name\" id=\"\(id)-name\">\(HTML.h(Region.displayName(of: text) ?? ""))</span>"
        case .attachment:
            return "<input \(common) value=\"\(HTML.h(text))\"><label class=\"upload\" for=\"\(id)-file\">\(t("上传文件（PDF、PNG、JPEG，不超过 20 MiB）", "Upload a file (PDF, PNG, JPEG, at most 20 MiB)"))</label><input type=\"file\" id=\"\(id)-file\" name=\"upload:\(HTML.h(kp))\" accept=\".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg\">"
        case .integer, .mobile, .creditCode:
            return "<input \(common) value=\"\(HTML.h(text))\" inputmode=\"\(spec.kind.isInteger ? "numeric" : "text")\" autocomplete=\"off\">"
        default:
            return "<input \(common) value=\"\(HTML.h(text))\">"
        }
    }

    func select(_ common: String, _ options: [(String, String)], _ text: String) -> String {
        var out = "<select \(common)><option value=\"\"\(text.isEmpty ? " selected" : "")>\(t("（请选择）", "(choose)"))</option>"
        for (value, shown) in options { out += "<option value=\"\(HTML.h(value))\"\(value == text ? " selected" : "")>\(HTML.h(shown))</option>" }
        if !text.isEmpty, !options.contains(where: { $0.0 == text }) {
            out += "<option value=\"\(HTML.h(text))\" selected>\(HTML.h(text))</option>"
        }
        return out + "</select>"
    }

    func isDate(_ s: String) -> Bool { s.utf8.count == 10 && CalendarDate(s) != nil }
}

extension FieldKind {
    var isInteger: Bool { if case .integer = self { true } else { false } }
}
