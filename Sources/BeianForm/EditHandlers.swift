import BeianBundle
import BeianDiagnostics
import BeianMarkdown
import BeianModel
import BeianStore
import Foundation

/// The editing pages: show (GET), save (POST), and check as the filer types (POST /check).
extension FormContext {
    /// What a page's posted form turns the files into (nothing written yet).
    struct Draft {
        var yaml: String
        var original: String
        var disclosure: String?
        var originalDisclosure: String?
        var uploads: [(String, Data)] = []
    }

    func isSupporter(_ doc: YAMLValue?) -> Bool { doc?["role"]?.text == "服务技术支持者" }

    /// Applies the posted page to the page's files in memory.
    func draft(_ page: EditPage, structural: Bool) throws(DraftFailure) -> Draft {
        guard let text = folder.text(page.file) else { throw .diagnostic(pathRefused(page.file)) }
        var editor = YAMLEditor(text)
        guard let doc = editor.document else { throw .diagnostic(editRefused(.unparsable, file: page.file)) }
        var draft = Draft(yaml: text, original: text)
        let fields = page.fields(supporter: isSupporter(doc))
        do {
            try FormEdits(body: body).apply(fields, prefix: "", doc: doc, to: &editor)
            if case .algorithm(let id, 3) = page, body.has("_assoc") {
                let products = productTree()
                let old = Association.current(doc)
                let new = Association.fromTicks(body.all("assoc"), products: products) + Association.unknown(old, products: products)
                if new != old && Association.coverage(new, products: products) != Association.coverage(old, products: products) { try editor.setBlock(new.flatMap(\.lines), at: YAMLPath(segments: [.key("applies_to")])) }
                _ = id
            }
            if structural, let action = body["_action"] {
                _ = try FormEdits.structural(action, fields: fields, editor: &editor)
            }
        } catch {
            throw .diagnostic(editRefused(error, file: page.file))
        }
        if case .algorithm(let id, 1) = page, let posted = body["_disclosure"] {
            let file = BundlePaths.disclosureFile(id)
            let old = folder.text(file, limit: 256 << 10)
            draft.originalDisclosure = old
            if posted != old?.replacingOccurrences(of: "\r\n", with: "\n") { draft.disclosure = posted }
        }
        for upload in body.files where upload.field.hasPrefix("upload:") && !upload.data.isEmpty {
            let kp = String(upload.field.dropFirst(7))
            guard case .attachment? = FormEdits.spec(at: kp, in: fields)?.kind, let path = YAMLPath(kp) else { continue }
            guard upload.data.count <= AttachmentRule.maxSize, let kind = AttachmentRule.kind(of: upload.data) else {
                throw .diagnostic(Self.diagnostic(.formUploadRefused, upload.filename,
                    Localized(zh: "“\(upload.filename)”不是 PDF、PNG 或 JPEG，或超过 20 MiB", en: "'\(upload.filename)' is not a PDF, PNG or JPEG, or is over 20 MiB"),
                    Localized(zh: "扫描为 PDF、PNG 或 JPEG，不超过 20 MiB", en: "scan it to PDF, PNG or JPEG under 20 MiB")))
            }
            let name = "\(BundlePaths.attachmentsDir)/\(Self.attachmentName(upload.filename, field: kp, page: page, kind: kind))"
            do { try editor.setScalar(name, at: path, kind: .attachment) } catch { throw .diagnostic(editRefused(error, file: page.file)) }
            draft.uploads.append((name, upload.data))
        }
        draft.yaml = editor.text
        return draft
    }

    enum DraftFailure: Error { case diagnostic(Diagnostic) }

    /// A safe file name for an upload: its own name's letters, digits, `-` `_` `.`, or one
    /// made from the field; the extension from the file's first bytes.
    static func attachmentName(_ filename: String, field: String, page: EditPage, kind: String) -> String {
        let ext = kind == "PDF" ? "pdf" : kind == "PNG" ? "png" : "jpg"
        var stem = (filename as NSString).deletingPathExtension.lowercased().unicodeScalars
            .map { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" ? String($0) : "-" }.joined()
        while stem.hasPrefix("-") || stem.hasPrefix("_") { stem.removeFirst() }
        if stem.count < 2 || stem.count > 80 {
            let owner: String = switch page {
            case .entity: "entity"
            case .product(let id): id
            case .algorithm(let id, _): id
            }
            stem = owner + "-" + field.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-")
        }
        return stem + "." + ext
    }

    func pathRefused(_ file: String) -> Diagnostic {
        Self.diagnostic(.formPathRefused, file, Localized(zh: "无法读取“\(file)”", en: "cannot read '\(file)'"),
                        Localized(zh: "该文件须是备案包内的普通文件（不是符号链接）", en: "it must be a plain file inside the bundle (not a link)"))
    }

    /// The products, paths and functions of the bundle as files hold them (for step 3).
    func productTree() -> [(id: String, paths: [(id: String, functions: [String])])] {
        let names = NoFollowList.yamlNames(folder, BundlePaths.productsDir)
        return names.compactMap { id in
            guard let text = folder.text(BundlePaths.productFile(id)), let doc = YAMLEditor(text).document else { return (id, []) }
            return (id, doc["paths"]?.items.map { p in (p["id"]?.text ?? "", p["functions"]?.items.map { $0["id"]?.text ?? "" } ?? []) } ?? [])
        }
    }

    // MARK: - POST: save

    /// What the page's files held when it was shown: a save over files changed since (a hand
    /// edit while the form was open) is refused rather than writing the page's older values
    /// over the edit.
    func baseStamp(_ page: EditPage) -> String {
        var data = Data((folder.text(page.file) ?? "").utf8)
        if case .algorithm(let id, 1) = page { data += Data(("\u{0}" + (folder.text(BundlePaths.disclosureFile(id), limit: 256 << 10) ?? "")).utf8) }
        return String(SHA256Hash.hex(data).prefix(32))
    }

    func save(_ page: EditPage) -> FormResponse {
        if let base = body["_base"], base != baseStamp(page) {
            let banner = "<p class=\"notice error\" role=\"alert\">" + t("文件在此页打开后已被修改（例如手工编辑）：下面是文件的最新内容，刚才提交的修改没有保存，请重新填写。",
                                                                              "The file changed after this page was opened (a hand edit, say): below is what it holds now; the changes just sent were not saved, please make them again.") + "</p>"
            return edit(page, banner: banner, status: 409)
        }
        let draft: Draft
        do { draft = try self.draft(page, structural: true) } catch {
            guard case .diagnostic(let d) = error else { return notFound() }
            return edit(page, banner: FieldControls.diagnosticHTML(lang: lang)(d), status: 422)
        }
        do {
            for (name, data) in draft.uploads { try folder.write(data, to: name) }
            if draft.yaml != draft.original { try folder.write(Data(draft.yaml.utf8), to: page.file) }
            if case .algorithm(let id, _) = page, let text = draft.disclosure {
                try folder.write(Data(text.utf8), to: BundlePaths.disclosureFile(id))
            }
        } catch {
            return edit(page, banner: FieldControls.diagnosticHTML(lang: lang)(pathRefused(error.path)), status: 422)
        }
        let action = body["_action"] ?? "save"
        if action.hasPrefix("more:") {
            return .redirect(page.url + "?more=" + (String(action.dropFirst(5)).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        if action == "next" {
            let loaded = load()
            let errors = stepErrors(page, loaded)
            if errors.isEmpty, case .algorithm(let id, let step) = page { return .redirect("/algorithm/\(id)/\(step + 1)") }
            if errors.isEmpty { return .redirect(page.url + "?saved=1") }
            return .redirect(page.url + "?blocked=1")
        }
        return .redirect(page.url + "?saved=1")
    }

    /// The errors that keep a step from being confirmed.
    func stepErrors(_ page: EditPage, _ loaded: LoadedBundle?) -> [Diagnostic] {
        guard let loaded else { return [] }
        let file = loaded.display(page.file)
        return loaded.diagnostics.filter { d in
            guard d.severity == .error else { return false }
            switch page {
            case .algorithm(let id, let step):
                if d.location.path == loaded.display(BundlePaths.disclosureFile(id)) { return step == 1 }
                guard d.location.path == file else { return false }
                return EditPage.step(ofKey: d.field?.key ?? "") == step
            default:
                return d.location.path == file
            }
        }
    }

    // MARK: - POST /check: validation as the filer types

    struct CheckAnswer: Encodable {
        struct Item: Encodable { var code: String; var severity: String; var message: String; var help: String }
        var fields: [String: [Item]]
        var other: [Item]
        var blocking: Int
        var preview: String?
    }

    func check(_ page: EditPage) -> FormResponse {
        let draft: Draft
        do { draft = try self.draft(page, structural: false) } catch {
            guard case .diagnostic(let d) = error else { return notFound() }
            return .json(encode(CheckAnswer(fields: [:], other: [item(d)], blocking: 1, preview: nil)))
        }
        var overlay = [page.file: Data(draft.yaml.utf8)]
        if case .algorithm(let id, _) = page, let text = draft.disclosure { overlay[BundlePaths.disclosureFile(id)] = Data(text.utf8) }
        let loaded = load(overlay: overlay)
        let shown = Set(fieldKeys(page, supporter: isSupporter(YAMLEditor(draft.yaml).document)))
        var fields: [String: [CheckAnswer.Item]] = [:]
        var other: [CheckAnswer.Item] = []
        for d in stepProblems(page, loaded) {
            if let key = d.field?.key, shown.contains(key) { fields[key, default: []].append(item(d)) } else { other.append(item(d)) }
        }
        var preview: String?
        if case .algorithm(_, 1) = page, let text = body["_disclosure"] { preview = Self.renderDisclosure(text) }
        return .json(encode(CheckAnswer(fields: fields, other: other, blocking: stepErrors(page, loaded).count, preview: preview)))
    }

    /// Every diagnostic a step shows (errors and warnings).
    func stepProblems(_ page: EditPage, _ loaded: LoadedBundle?) -> [Diagnostic] {
        guard let loaded else { return [] }
        let file = loaded.display(page.file)
        return loaded.diagnostics.filter { d in
            switch page {
            case .algorithm(let id, let step):
                if d.location.path == loaded.display(BundlePaths.disclosureFile(id)) { return step == 1 }
                return d.location.path == file && EditPage.step(ofKey: d.field?.key ?? "") == step
            default:
                return d.location.path == file
            }
        }.sorted()
    }

    /// The key paths that have a diagnostics box on the page.
    func fieldKeys(_ page: EditPage, supporter: Bool) -> [String] {
        guard let text = folder.text(page.file), let doc = YAMLEditor(text).document else { return [] }
        var out: [String] = []
        func walk(_ fields: [FieldSpec], _ prefix: String, _ node: YAMLValue?) {
            for f in fields {
                let kp = prefix.isEmpty ? f.key : "\(prefix).\(f.key)"
                out.append(kp)
                switch f.kind {
                case .object(let sub): walk(sub, kp, node?[f.key])
                case .objectList(let sub, _):
                    for (i, item) in (node?[f.key]?.items ?? []).enumerated() { walk(sub, "\(kp)[\(i + 1)]", item) }
                case .textList, .choices:
                    out += (0..<max(1, node?[f.key]?.items.count ?? 0) + 3).map { "\(kp)[\($0 + 1)]" }
                default: break
                }
            }
        }
        walk(page.fields(supporter: supporter), "", doc)
        return out
    }

    func item(_ d: Diagnostic) -> CheckAnswer.Item {
        CheckAnswer.Item(code: d.code.rawValue, severity: d.severity.rawValue, message: d.message(lang), help: d.help(lang))
    }

    func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The disclosure as the portal renders it (the same renderer and options as `build`).
    /// `idPrefix` keeps the headings' ids apart from the page's (and from another
    /// disclosure's on the same page).
    static func renderDisclosure(_ markdown: String, idPrefix: String = "preview-") -> String {
        MarkdownRenderer.html(markdown, options: MarkdownOptions(headingLevels: .startingAt(2), idPrefix: idPrefix))
    }
}

/// Names of `*.yaml` files and of folders, read without following links.
enum NoFollowList {
    static func yamlNames(_ folder: BundleFolder, _ dir: String) -> [String] {
        names(folder, dir).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.filter(IdentifierRule.isValid)
    }

    static func names(_ folder: BundleFolder, _ dir: String) -> [String] {
        guard BundleFolder.isConfined(dir) else { return [] }
        return NoFollow.list(root: folder.root, dir).sorted()
    }
}
