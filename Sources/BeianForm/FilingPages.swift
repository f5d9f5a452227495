import BeianBundle
import BeianDiagnostics
import BeianModel
import BeianRegistry
import BeianStore
import Foundation

/// The overview, 草稿箱, status (备案查询) and 确认提交 pages; new items.
extension FormContext {
    // MARK: - Overview

    func home() -> FormResponse {
        let loaded = load()
        var out = "<h1>\(t("备案包", "Bundle")) \(HTML.h(folder.display))</h1>"
        out += "<p>\(t("表单直接编辑备案包中的 YAML 文件；手工修改文件后刷新页面即可看到。表单不会公开或发送任何内容。", "The form edits the bundle's own YAML files; edits made by hand show when the page is reloaded. Nothing is published or sent."))</p>"
        let entityName = loaded?.entity?.name ?? ""
        out += "<section aria-labelledby=\"h-entity\"><h2 id=\"h-entity\">\(t("主体信息", "Entity"))</h2><p><a href=\"/entity\">\(HTML.h(entityName.isEmpty ? t("填写主体信息", "Fill in the entity") : entityName))</a>\(count(loaded, .entity))</p></section>"
        out += "<section aria-labelledby=\"h-products\"><h2 id=\"h-products\">\(t("产品及功能", "Products"))</h2><ul class=\"items\">"
        for id in NoFollowList.yamlNames(folder, BundlePaths.productsDir) {
            let name = loaded?.products.first { $0.id == id }?.name ?? ""
            out += "<li><a href=\"/product/\(id)\">\(HTML.h(name.isEmpty ? id : name))</a> <span class=\"id\">\(HTML.h(id))</span>\(count(loaded, .product(id)))</li>"
        }
        out += "</ul>" + newItemForm(kind: "product") + "</section>"
        out += "<section aria-labelledby=\"h-algorithms\"><h2 id=\"h-algorithms\">\(t("算法", "Algorithms"))</h2><ul class=\"items\">"
        for id in NoFollowList.names(folder, BundlePaths.algorithmsDir).filter({ IdentifierRule.isValid($0) && folder.exists(BundlePaths.algorithmFile($0)) }) {
            let a = loaded?.algorithms.first { $0.id == id }
            out += "<li><a href=\"/algorithm/\(id)/1\">\(HTML.h((a?.name ?? "").isEmpty ? id : a!.name))</a> <span class=\"id\">\(HTML.h(id))</span>\(count(loaded, .algorithm(id)))</li>"
        }
        out += "</ul>" + newItemForm(kind: "algorithm") + "</section>"
        return page(t("总览", "Overview"), active: "/", out)
    }

    func count(_ loaded: LoadedBundle?, _ item: ItemRef) -> String {
        guard let loaded else { return "" }
        let errors = loaded.diagnostics(for: item).filter { $0.severity == .error }.count
        let c = loaded.completeness[item]
        return " <span class=\"badge\">\(c.map { "\($0.percent)%" } ?? "")\(errors > 0 ? t("，\(errors) 个错误", ", \(errors) errors") : "")</span>"
    }

    func newItemForm(kind: String) -> String {
        let product = kind == "product"
        var out = "<form method=\"post\" action=\"/new-\(kind)\" class=\"new\">\(tokenField)<fieldset><legend>\(product ? t("新增产品", "Add a product") : t("新增算法", "Add an algorithm"))</legend>"
        out += "<div class=\"field\"><label for=\"new-\(kind)-id\">\(t("标识", "Id"))</label><input id=\"new-\(kind)-id\" name=\"id\" required pattern=\"[a-z0-9][a-z0-9-]*\" aria-describedby=\"new-\(kind)-id-help\"><p class=\"hint\" id=\"new-\(kind)-id-help\">\(t("小写字母、数字和连字符，如 home-feed；即文件名", "lowercase letters, digits and hyphens, e.g. home-feed; the file's name"))</p></div>"
        out += "<div class=\"field\"><label for=\"new-\(kind)-name\">\(product ? t("产品名称", "Product name") : t("算法名称", "Algorithm name"))</label><input id=\"new-\(kind)-name\" name=\"name\"></div>"
        if !product {
            out += "<div class=\"field\"><label for=\"new-algorithm-role\">\(t("角色", "Role"))</label><select id=\"new-algorithm-role\" name=\"role\"><option value=\"服务提供者\">服务提供者</option><option value=\"服务技术支持者\">服务技术支持者</option></select></div>"
        }
        return out + "<button type=\"submit\">\(product ? t("新增产品", "Add the product") : t("新增算法", "Add the algorithm"))</button></fieldset></form>"
    }

    func newProduct() -> FormResponse { newItem(product: true) }
    func newAlgorithm() -> FormResponse { newItem(product: false) }

    /// `beian add product|algorithm` from the overview: the same scaffolds.
    func newItem(product: Bool) -> FormResponse {
        let id = body["id"] ?? ""
        let name = body["name"] ?? ""
        guard IdentifierRule.isValid(id) else {
            return errorPage(status: 422, Localized(zh: "“\(id)”不能作为标识：只用小写字母、数字和连字符", en: "'\(id)' cannot be an id: use lowercase letters, digits and hyphens"))
        }
        let file = product ? BundlePaths.productFile(id) : BundlePaths.algorithmFile(id)
        guard !folder.exists(product ? file : "\(BundlePaths.algorithmsDir)/\(id)") else {
            return errorPage(status: 409, Localized(zh: "“\(id)”已经存在", en: "'\(id)' already exists"))
        }
        do {
            if product {
                try folder.write(Data(Scaffold.productFile(id: id, name: name).utf8), to: file)
                return .redirect("/product/\(id)")
            }
            let provider = body["role"] != "服务技术支持者"
            try folder.write(Data(Scaffold.disclosure(name: name).utf8), to: BundlePaths.disclosureFile(id))
            try folder.write(Data(Scaffold.algorithmFile(id: id, name: name, provider: provider).utf8), to: file)
            return .redirect("/algorithm/\(id)/1")
        } catch {
            return errorPage(status: 422, pathRefused(error.path).message)
        }
    }

    // MARK: - 草稿箱

    /// What `beian drafts` lists (`DraftReport.unfinished`), each linking to its page.
    func drafts() -> FormResponse {
        var out = "<h1>\(t("草稿箱", "Drafts"))</h1>"
        guard let loaded = try? BundleLoader(draft: true, today: Clock.fromEnvironment().today).load(folder.display),
              let record = try? Registry().record(bundle: folder.display) else {
            return page(t("草稿箱", "Drafts"), active: "/drafts", out + "<p>\(t("无法读取备案包", "Cannot read the bundle"))</p>")
        }
        let never = Set(loaded.items.filter { record.states[$0] == nil })
        let report = DraftReport(loaded, neverSubmitted: never, edited: Set(record.changedItems()).subtracting(never))
        if report.unfinished.isEmpty {
            out += "<p>\(t("草稿箱为空：所有事项均已填写完整并已提交", "No drafts: every item is complete and submitted"))</p>"
        }
        out += "<table><caption>\(t("未完成或未提交的事项", "Items unfinished or not submitted"))</caption><thead><tr><th scope=\"col\">\(t("事项", "Item"))</th><th scope=\"col\">\(t("完成度", "Complete"))</th><th scope=\"col\">\(t("错误", "Errors"))</th><th scope=\"col\">\(t("状态", "State"))</th><th scope=\"col\">\(t("待填", "Missing"))</th></tr></thead><tbody>"
        for item in report.unfinished {
            let link = ItemRef(item.item).map(itemURL) ?? "/"
            let state = item.never_submitted ? t("从未提交", "never submitted") : item.unsubmitted_edits ? t("有未提交的修改", "unsubmitted edits") : ""
            let missing = item.missing.prefix(12).map { HTML.h(lang == .zh ? $0.field_zh : $0.field_en) }.joined(separator: "、") + (item.missing.count > 12 ? "…" : "")
            out += "<tr><th scope=\"row\"><a href=\"\(link)\">\(HTML.h(item.item))</a></th><td>\(item.percent)%（\(item.filled)/\(item.total)）</td><td>\(item.errors)</td><td>\(HTML.h(state))</td><td>\(missing)</td></tr>"
        }
        out += "</tbody></table>"
        return page(t("草稿箱", "Drafts"), active: "/drafts", out)
    }

    func itemURL(_ item: ItemRef) -> String {
        switch item {
        case .entity: "/entity"
        case .product(let id): "/product/\(id)"
        case .algorithm(let id): "/algorithm/\(id)/1"
        }
    }

    // MARK: - 备案查询

    /// What `beian status` shows (`StatusReport`), and the receipts import.
    func status(message: String = "") -> FormResponse {
        var out = "<h1>\(t("备案查询", "Status of the filings"))</h1>" + message
        guard let record = try? Registry().record(bundle: folder.display) else {
            return page(t("备案查询", "Status"), active: "/status", out + "<p>\(t("无法读取备案包", "Cannot read the bundle"))</p>")
        }
        let report = StatusReport(record, english: lang == .en)
        out += "<table><caption>\(t("主体、产品和算法", "The entity, products and algorithms"))</caption><thead><tr>"
        for h in [t("事项", "Item"), t("名称", "Name"), t("类型", "Type"), t("状态", "Status"), t("备案编号", "Number"), t("主体标识", "Entity id"), t("提交时间", "Submitted"), t("审核时间", "Reviewed"), t("理由", "Reason")] {
            out += "<th scope=\"col\">\(HTML.h(h))</th>"
        }
        out += "</tr></thead><tbody>"
        for r in report.rows {
            let status = (lang == .zh ? r.status : r.status_en) + (r.unsubmitted_edits ? t(" · 有未提交的修改", " · unsubmitted edits") : "")
            out += "<tr><th scope=\"row\">\(HTML.h(r.item))</th>" + [r.name, r.type, status, r.number ?? "-", r.entity_id ?? "-", r.submitted_at ?? "-", r.reviewed_at ?? "-", r.reason ?? ""]
                .map { "<td>\(HTML.h($0))</td>" }.joined() + "</tr>"
        }
        out += "</tbody></table>"
        out += """
        <form method="post" action="/receipts" enctype="multipart/form-data" class="new">\(tokenField)<fieldset><legend>\(t("导入回执", "Import receipts"))</legend>
        <label for="receipt-files">\(t("选择登记机关发回的回执文件（可多选）", "Choose the receipt files the registry sent (several at once)"))</label>
        <input type="file" id="receipt-files" name="receipts" multiple>
        <button type="submit">\(t("导入并核验", "Import and check"))</button></fieldset></form>
        """
        return page(t("备案查询", "Status"), active: "/status", out)
    }

    /// `beian receipt import` with the chosen files.
    func importReceipts() -> FormResponse {
        let files = body.files.filter { $0.field == "receipts" && !$0.data.isEmpty }.map { (path: $0.filename, data: $0.data) }
        guard !files.isEmpty else { return status(message: "<p class=\"notice error\" role=\"alert\">\(t("没有选择文件", "No file chosen"))</p>") }
        do {
            let (imported, skipped) = try Registry().importReceipts(bundle: folder.display, receipts: files)
            let lines = imported.map { "<li>\(HTML.h($0.receipt.item.description))：\(HTML.h($0.receipt.decision.rawValue))\($0.receipt.number.map { " " + HTML.h($0) } ?? "")</li>" }.joined()
            return status(message: "<div class=\"notice\" role=\"status\"><p>\(t("已导入 \(imported.count) 份回执，跳过 \(skipped) 份", "\(imported.count) imported, \(skipped) skipped"))</p><ul>\(lines)</ul></div>")
        } catch {
            return status(message: "<div class=\"notice error\" role=\"alert\">" + error.diagnostics.map(FieldControls.diagnosticHTML(lang: lang)).joined() + "</div>")
        }
    }
}
