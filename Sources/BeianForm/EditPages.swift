import BeianStore
import BeianBundle
import BeianDiagnostics
import BeianModel
import Foundation

/// The editing pages' HTML: the entity, a product, and the four algorithm steps.
extension FormContext {
    func title(_ page: EditPage, doc: YAMLValue?) -> String {
        let name = doc?["name"]?.text ?? ""
        switch page {
        case .entity: return t("主体信息", "Entity") + (name.isEmpty ? "" : "：\(name)")
        case .product(let id): return t("产品及功能", "Product") + "：" + (name.isEmpty ? id : name)
        case .algorithm(let id, let step): return t("算法", "Algorithm") + "：" + (name.isEmpty ? id : name) + " · " + stepName(step)
        }
    }

    func stepName(_ step: Int) -> String {
        switch step {
        case 1: t("第一步 基础属性", "Step 1 · basic attributes (基础属性)")
        case 2: t("第二步 详细属性", "Step 2 · detailed attributes (详细属性)")
        case 3: t("第三步 产品及功能", "Step 3 · products and functions (产品及功能)")
        default: t("第四步 确认提交", "Step 4 · confirm and submit (确认提交)")
        }
    }

    func edit(_ page: EditPage, banner: String = "", status: Int = 200) -> FormResponse {
        guard let text = folder.text(page.file) else { return notFound() }
        let doc = YAMLEditor(text).document
        let loaded = load()
        let supporter = isSupporter(doc)
        if case .algorithm(let id, 4) = page { return confirmStep(id, doc: doc, loaded: loaded) }
        var out = ""
        if case .algorithm(let id, let step) = page { out += steps(id, current: step) }
        out += "<h1>\(HTML.h(title(page, doc: doc)))</h1>"
        if request.query["saved"] != nil { out += "<p class=\"notice\" role=\"status\">\(t("已保存到文件", "Saved to the file"))：\(HTML.h(PathText.join(folder.display, page.file)))</p>" }
        if request.query["blocked"] != nil {
            out += "<p class=\"notice error\" role=\"alert\">\(t("本步仍有错误，改正后才能进入下一步（草稿已保存）", "This step still has errors; fix them to go on (the draft is saved)"))</p>"
        }
        out += banner
        if doc == nil {
            out += "<p class=\"notice error\" role=\"alert\">\(t("文件目前不是合法的 YAML，表单无法编辑；请直接修改文件", "The file is not valid YAML now; the form cannot edit it until it is fixed by hand"))：\(HTML.h(page.file))</p>"
        }
        let problems = stepProblems(page, loaded)
        let byKey = Dictionary(grouping: problems.filter { $0.field != nil }, by: { $0.field!.key })
        out += summary(problems)
        out += "<form method=\"post\" action=\"\(page.url)\" enctype=\"multipart/form-data\" class=\"edit\" data-check=\"/check\(page.url)\" novalidate>"
        out += tokenField + "<input type=\"hidden\" name=\"_base\" value=\"\(baseStamp(page))\">"
        var controls = FieldControls(lang: lang, diagnostics: byKey)
        if let more = request.query["more"] { controls.more = [more] }
        if doc != nil {
            switch page {
            case .algorithm(let id, 3):
                out += supporter ? "<p>\(t("服务技术支持者不关联产品及功能，本步无需填写。", "A technical supporter links no products; nothing to fill in here."))</p>"
                                 : associationTree(doc: doc, diagnostics: byKey)
                _ = id
            default:
                out += controls.render(page.fields(supporter: supporter), prefix: "", doc: doc)
            }
            if case .algorithm(let id, 1) = page { out += disclosureEditor(id, loaded: loaded) }
        }
        switch page {
        case .entity: out += templateLinks([.commitmentLetter, .responsibilityReport], algorithm: nil)
        case .algorithm(let id, 1): out += templateLinks([.selfAssessment, .disclosure], algorithm: id)
        default: break
        }
        out += "<div class=\"actions\"><button type=\"submit\" name=\"_action\" value=\"save\">\(t("保存草稿", "Save draft"))</button>"
        if case .algorithm(_, let step) = page, step < 4 {
            out += "<button type=\"submit\" name=\"_action\" value=\"next\" class=\"primary\">\(t("保存并进入下一步", "Save and go to the next step"))</button>"
        }
        out += "</div></form>"
        // The GB/T 2260 table is filled in by the script (/assets/regions.json): typing
        // filters it; the code alone is typed without it.
        if page == .entity { out += "<datalist id=\"regions\"></datalist>" }
        var response = self.page(title(page, doc: doc), active: page == .entity ? "/entity" : "", out)
        response.status = status
        return response
    }

    /// Every problem of the page at the top, each linking to its field.
    func summary(_ problems: [Diagnostic]) -> String {
        let errors = problems.filter { $0.severity == .error }.count
        guard !problems.isEmpty else {
            return "<div class=\"summary ok\" id=\"summary\" role=\"status\"><p>\(t("本页没有发现问题", "No problems on this page"))</p></div>"
        }
        var out = "<div class=\"summary\" id=\"summary\" role=\"status\"><h2>\(t("本页有 \(errors) 个错误", "\(errors) error\(errors == 1 ? "" : "s") on this page"))</h2><ul>"
        for d in problems {
            let anchor = d.field.map { "#\(HTML.id($0.key))" } ?? "#main"
            let name = d.field.map { lang == .zh ? $0.zh : $0.en } ?? d.location.path
            out += "<li><a href=\"\(anchor)\">\(HTML.h(name))</a>：<span class=\"code\">\(HTML.h(d.code.rawValue))</span> \(HTML.h(d.message(lang)))</li>"
        }
        return out + "</ul></div>"
    }

    /// Step links of an algorithm.
    func steps(_ id: String, current: Int) -> String {
        "<nav class=\"steps\" aria-label=\"\(t("填报步骤", "Steps"))\"><ol>" + (1...4).map { s in
            "<li><a href=\"/algorithm/\(id)/\(s)\"\(s == current ? " aria-current=\"step\"" : "")>\(HTML.h(stepName(s)))</a></li>"
        }.joined() + "</ol></nav>"
    }

    /// 拟公示内容: `disclosure.md` beside its preview by the portal's renderer.
    func disclosureEditor(_ id: String, loaded: LoadedBundle?) -> String {
        let file = BundlePaths.disclosureFile(id)
        let text = folder.text(file, limit: 256 << 10) ?? ""
        let ds = loaded.map { l in l.diagnostics.filter { $0.location.path == l.display(file) } } ?? []
        return """
        <fieldset class="group disclosure" id="f-disclosure"><legend>\(t("拟公示内容（disclosure.md）", "Public disclosure (拟公示内容, disclosure.md)"))</legend>
        <div class="split"><div><label for="f-disclosure-text">\(t("Markdown 文本", "Markdown text"))</label>
        <textarea id="f-disclosure-text" name="_disclosure" rows="18" data-field="_disclosure" aria-describedby="f-disclosure-help f-disclosure-diag">
        \(HTML.h(text))</textarea>
        <p class="hint" id="f-disclosure-help">\(t("须包含四个二级标题：", "Needs the four ## headings: "))\(HTML.h(BundleSchema.disclosureHeadings.joined(separator: "、")))</p>
        <div class="diag" id="f-disclosure-diag" aria-live="polite">\(ds.map(FieldControls.diagnosticHTML(lang: lang)).joined())</div></div>
        <section class="preview" aria-label="\(t("公示预览", "Preview"))"><h2>\(t("公示预览（门户的渲染）", "Preview (the portal's rendering)"))</h2><div id="disclosure-preview" class="rendered">\(Self.renderDisclosure(text))</div></section></div>
        </fieldset>
        """
    }

    /// Step 3: products → paths → functions as nested check boxes.
    func associationTree(doc: YAMLValue?, diagnostics: [String: [Diagnostic]]) -> String {
        let current = Association.current(doc)
        let tree = productTree()
        if tree.isEmpty {
            return "<p>\(t("还没有产品：先在总览中新增产品。", "No products yet: add one on the overview first."))</p>"
        }
        let names = Dictionary(tree.map { p in (p.id, folder.text(BundlePaths.productFile(p.id)).flatMap { YAMLEditor($0).document?["name"]?.text } ?? p.id) },
                               uniquingKeysWith: { a, _ in a })
        var out = "<input type=\"hidden\" name=\"_assoc\" value=\"1\"><fieldset class=\"tree\" id=\"f-applies_to\" aria-describedby=\"f-applies_to-help f-applies_to-diag\"><legend>\(t("关联产品及功能", "Products and functions it applies to"))</legend>"
        out += "<p class=\"hint\" id=\"f-applies_to-help\">\(t("勾选产品即关联其全部功能；勾选路径即关联该路径下的全部功能。", "Ticking a product links all its functions; ticking a path links everything under it."))</p><ul>"
        for p in tree {
            let pOn = current.contains { $0.product == p.id && $0.path == nil && $0.function == nil }
            let pid = HTML.id("assoc." + p.id)
            out += "<li><input type=\"checkbox\" id=\"\(pid)\" name=\"assoc\" value=\"\(HTML.h(p.id))\"\(pOn ? " checked" : "") data-tree=\"parent\"><label for=\"\(pid)\">\(HTML.h(names[p.id] ?? p.id)) <span class=\"id\">\(HTML.h(p.id))</span></label><ul>"
            for path in p.paths {
                let value = "\(p.id)/\(path.id)"
                let on = pOn || current.contains { $0.product == p.id && $0.path == path.id && $0.function == nil }
                let xid = HTML.id("assoc." + value)
                out += "<li><input type=\"checkbox\" id=\"\(xid)\" name=\"assoc\" value=\"\(HTML.h(value))\"\(on ? " checked" : "") data-tree=\"parent\"><label for=\"\(xid)\">\(t("路径", "path")) \(HTML.h(path.id))</label><ul>"
                for f in path.functions {
                    let fv = "\(value)/\(f)"
                    let fOn = on || current.contains { $0.product == p.id && ($0.path == nil || $0.path == path.id) && $0.function == f }
                    let fid = HTML.id("assoc." + fv)
                    out += "<li><input type=\"checkbox\" id=\"\(fid)\" name=\"assoc\" value=\"\(HTML.h(fv))\"\(fOn ? " checked" : "")><label for=\"\(fid)\">\(t("功能", "function")) \(HTML.h(f))</label></li>"
                }
                out += "</ul></li>"
            }
            out += "</ul></li>"
        }
        let ds = diagnostics.filter { $0.key.hasPrefix("applies_to") }.flatMap(\.value)
        return out + "</ul><div class=\"diag\" id=\"f-applies_to-diag\" aria-live=\"polite\">\(ds.map(FieldControls.diagnosticHTML(lang: lang)).joined())</div></fieldset>"
    }
}
