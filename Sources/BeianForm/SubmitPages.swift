import BeianBundle
import BeianDiagnostics
import BeianModel
import BeianRegistry
import Foundation

/// 确认提交: everything to be submitted, the commitment with its exact text, and the
/// submission itself through the registry facade (`Registry.submit` / `submitPackage`), as `beian submit`.
extension FormContext {
    /// Step 4 of an algorithm: its submission (with the products it brings along).
    func confirmStep(_ id: String, doc: YAMLValue?, loaded: LoadedBundle?) -> FormResponse {
        submitPage(only: .algorithm(id))
    }

    func submitPage(only: ItemRef?, message: String = "") -> FormResponse {
        var out = ""
        if case .algorithm(let id)? = only { out += steps(id, current: 4) }
        out += "<h1>\(t("确认提交", "Confirm and submit"))</h1>" + message
        guard let record = try? Registry().record(bundle: folder.display) else {
            return page(t("确认提交", "Submit"), active: "/submit", out + "<p>\(t("无法读取备案包", "Cannot read the bundle"))</p>")
        }
        let changed = record.changedItems()
        let items = only.map { o in changed.contains(o) ? [o] : [] } ?? changed
        let loaded = record.bundle
        if items.isEmpty {
            out += "<p>\(t("没有新增或改动的事项需要提交。", "Nothing is new or changed since the last submission."))</p>"
            return page(t("确认提交", "Submit"), active: only == nil ? "/submit" : "", out)
        }
        let errors = items.flatMap { loaded.diagnostics(for: $0).filter { $0.severity == .error } }
        out += "<p>\(t("以下内容将提交审核：", "These will be submitted for review:"))</p>"
        for item in items { out += itemSummary(item, loaded) }
        if !errors.isEmpty {
            out += "<div class=\"notice error\" role=\"alert\"><p>\(t("仍有 \(errors.count) 个错误，改正后才能提交：", "\(errors.count) errors remain; fix them before submitting:"))</p><ul>"
            for d in errors.prefix(50) {
                out += "<li><a href=\"\(errorLink(d, loaded))\">\(HTML.h(d.location.path)):\(d.location.line)</a> <span class=\"code\">\(HTML.h(d.code.rawValue))</span> \(HTML.h(d.message(lang)))</li>"
            }
            out += "</ul></div>"
        }
        out += "<form method=\"post\" action=\"/submit\" class=\"submit\">\(tokenField)"
        if let only { out += "<input type=\"hidden\" name=\"item\" value=\"\(HTML.h(only.description))\">" }
        out += "<fieldset><legend>\(t("承诺", "Commitment"))</legend><p class=\"commitment\" lang=\"zh-CN\">\(HTML.h(Lifecycle.attestation))</p>"
        out += "<input type=\"checkbox\" id=\"commit\" name=\"commit\" value=\"\(HTML.h(Lifecycle.attestation))\" required><label for=\"commit\">\(t("我已阅读并作出上述承诺", "I make the commitment above")) <span lang=\"zh-CN\">（\(HTML.h(Lifecycle.attestation))）</span></label></fieldset>"
        if let dir = app.packageDir, app.filerKey != nil {
            out += "<p>\(t("提交时将用填报密钥签名并写出备案包文件至：", "The sealed package, signed with the filer key, will be written to: "))<code>\(HTML.h(dir.path))</code></p>"
        }
        out += "<button type=\"submit\" class=\"primary\"\(errors.isEmpty ? "" : " disabled")>\(t("提交审核", "Submit for review"))</button></form>"
        return page(t("确认提交", "Submit"), active: only == nil ? "/submit" : "", out)
    }

    func errorLink(_ d: Diagnostic, _ loaded: LoadedBundle) -> String {
        for item in loaded.items where loaded.diagnostics(for: item).contains(d) {
            let anchor = d.field.map { "#" + HTML.id($0.key) } ?? ""
            if case .algorithm(let id) = item { return "/algorithm/\(id)/\(EditPage.step(ofKey: d.field?.key ?? ""))\(anchor)" }
            return itemURL(item) + anchor
        }
        return "/"
    }

    /// Every field of one item, as it will be submitted.
    func itemSummary(_ item: ItemRef, _ loaded: LoadedBundle) -> String {
        let fields: [FieldSpec] = switch item {
        case .entity: BundleSchema.entity
        case .product: BundleSchema.product
        case .algorithm: BundleSchema.algorithm
        }
        var out = "<section class=\"item-summary\"><h2>\(HTML.h(item.description))</h2><dl>"
        out += describe(fields, prefix: "", node: loaded.documents[item])
        out += "</dl>"
        if case .algorithm(let id) = item, let text = folder.text(BundlePaths.disclosureFile(id), limit: 256 << 10) {
            out += "<h3>\(t("拟公示内容", "Disclosure"))</h3><div class=\"rendered\">\(Self.renderDisclosure(text, idPrefix: "\(id)-"))</div>"
        }
        return out + "</section>"
    }

    func describe(_ fields: [FieldSpec], prefix: String, node: YAMLValue?) -> String {
        var out = ""
        for f in fields where f.key != "schema" {
            guard let v = node?[f.key] else { continue }
            let name = HTML.h(lang == .zh ? f.zh : f.en)
            switch f.kind {
            case .object(let sub):
                out += "<dt>\(name)</dt><dd><dl>\(describe(sub, prefix: f.key, node: v))</dl></dd>"
            case .objectList(let sub, _):
                out += "<dt>\(name)</dt><dd><ol>" + v.items.map { "<li><dl>\(describe(sub, prefix: f.key, node: $0))</dl></li>" }.joined() + "</ol></dd>"
            case .textList, .choices:
                out += "<dt>\(name)</dt><dd>\(HTML.h(v.items.map { $0.text ?? "" }.joined(separator: "、")))</dd>"
            default:
                out += "<dt>\(name)</dt><dd>\(HTML.h(v.text ?? ""))</dd>"
            }
        }
        return out
    }

    /// POST /submit: the commitment must be the exact text (S701 otherwise, from the same code).
    func submit() -> FormResponse {
        let only = body["item"].flatMap(ItemRef.init)
        let attestation = body["commit"]
        let clock = Clock.fromEnvironment()
        do {
            let events: [LedgerEvent]
            var package: URL?
            if let key = app.filerKey, let dir = app.packageDir {
                let out = Self.packageFile(in: dir, bundle: folder.root.lastPathComponent, now: clock.now)
                events = try Registry(clock: clock).submitPackage(bundle: folder.display, items: only.map { [$0] }, attestation: attestation,
                                                                  actor: app.actor, key: key, out: out)
                package = out
            } else {
                events = try Registry(clock: clock).submit(bundle: folder.display, items: only.map { [$0] }, attestation: attestation,
                                                           actor: app.actor)
            }
            var out = "<h1>\(t("已提交", "Submitted"))</h1><ul class=\"events\">"
            for e in events {
                let what = e.action == .record ? t("已直接登记（未关联算法的产品无需审核）", "recorded directly (a product linked to no algorithm needs no review)")
                    : (e.change == true ? t("已提交变更，待审核", "change submitted for review") : t("已提交，待审核", "submitted for review"))
                out += "<li>\(HTML.h(e.item.description))：\(HTML.h(what))（#\(e.seq)，\(HTML.h(e.time))）</li>"
            }
            out += "</ul>"
            if let package {
                out += "<p class=\"notice\" role=\"status\">\(t("请将此文件交给登记机关：", "Send this file to the registry: "))<code id=\"package-path\">\(HTML.h(package.path))</code></p>"
            } else {
                out += "<p>\(t("提交已记入备案包的台账（.beian/ledger.jsonl）。", "The submission is recorded in the bundle's ledger (.beian/ledger.jsonl)."))</p>"
            }
            out += "<p><a href=\"/status\">\(t("查看备案查询", "See the status"))</a></p>"
            return page(t("已提交", "Submitted"), active: "/submit", out)
        } catch {
            let message = "<div class=\"notice error\" role=\"alert\">" + error.diagnostics.map(FieldControls.diagnosticHTML(lang: lang)).joined() + "</div>"
            var r = submitPage(only: only, message: message)
            r.status = 422
            return r
        }
    }

    /// `<bundle>-<time>.zip` in the package folder, never over an existing file.
    static func packageFile(in dir: URL, bundle: String, now: Int64) -> URL {
        var n = 1
        while true {
            let url = dir.appendingPathComponent("\(bundle)-\(now)\(n == 1 ? "" : "-\(n)").zip")
            if !FileManager.default.fileExists(atPath: url.path) { return url }
            n += 1
        }
    }
}
