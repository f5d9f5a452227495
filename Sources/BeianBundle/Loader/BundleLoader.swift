import BeianStore
public import Foundation
public import BeianDiagnostics
public import BeianModel

/// Reads a bundle folder into a `LoadedBundle`, running every check of SPEC §2.4.
public struct BundleLoader: Sendable {
    public var draft: Bool
    public var today: CalendarDate
    /// Keep the bytes of every file read in full — the YAML, each disclosure, and each
    /// attachment, read whole instead of by its first bytes — in `files.overlay`: a submission
    /// then stores and seals exactly the bytes validated here, each file read and parsed once.
    public var keepingBytes: Bool

    public init(draft: Bool = false, today: CalendarDate, keepingBytes: Bool = false) {
        self.draft = draft
        self.today = today
        self.keepingBytes = keepingBytes
    }

    /// Thrown only when the bundle folder itself cannot be read (exit 2), never for its content.
    public struct Unreadable: Error, Sendable {
        public var diagnostic: Diagnostic
    }

    /// Loads and validates the bundle at `path` (as typed by the user).
    ///
    /// `overlay` gives files as bytes that stand in for the folder's (relative path → bytes):
    /// a submission's stored bytes, so that what is validated and approved is exactly what was
    /// submitted. Every other file is read through `BundleFiles`, which follows no link.
    public func load(_ path: String, overlay: [String: Data] = [:]) throws(Unreadable) -> LoadedBundle {
        let trimmed = PathText.typed(path)
        let root = URL(fileURLWithPath: trimmed).standardizedFileURL
        let files = BundleFiles(root: root, displayRoot: trimmed, overlay: overlay)
        switch files.kind("") {
        case .folder: break
        case .link: throw Unreadable(diagnostic: files.linkRefused(""))
        default:
            throw Unreadable(diagnostic: Diagnostic(
                .bundleNotFound, at: SourceLocation(path: trimmed, line: 1, column: 1),
                message: Localized(zh: "找不到备案包目录“\(trimmed)”", en: "no bundle folder at '\(trimmed)'"),
                help: Localized(zh: "检查路径；新建备案包用 beian init \(trimmed)", en: "check the path; create a bundle with beian init \(trimmed)")))
        }
        var bundle = LoadedBundle(id: root.lastPathComponent, root: root, displayRoot: trimmed, entity: nil, products: [],
                                  algorithms: [], diagnostics: [], completeness: [:], documents: [:], files: files)
        let checker = SchemaChecker(draft: draft, today: today)
        var attachments: [AttachmentRef] = []

        // 主体信息
        if let doc = readYAML(BundlePaths.entityFile, in: &bundle, required: true) {
            let result = checker.check(doc, fields: BundleSchema.entity)
            record(result, item: .entity, doc: doc, in: &bundle, attachments: &attachments)
            bundle.entity = ModelBuilder.entity(id: bundle.id, from: doc)
        }
        // 产品及功能信息
        for name in listing(BundlePaths.productsDir, in: &bundle) {
            let relative = "\(BundlePaths.productsDir)/\(name)"
            guard name.hasSuffix(".yaml") else {
                bundle.diagnostics.append(stray(relative, in: bundle, expected: Localized(zh: "products/ 下只放 <产品标识>.yaml", en: "products/ holds only <product-id>.yaml files")))
                continue
            }
            let id = String(name.dropLast(5))
            guard checkID(id, relative: relative, in: &bundle) else { continue }
            guard let doc = readYAML(relative, in: &bundle, required: true) else { continue }
            let result = checker.check(doc, fields: BundleSchema.product)
            record(result, item: .product(id), doc: doc, in: &bundle, attachments: &attachments)
            bundle.products.append(ModelBuilder.product(id: id, from: doc))
        }
        // 算法信息
        for name in listing(BundlePaths.algorithmsDir, in: &bundle) {
            let relative = "\(BundlePaths.algorithmsDir)/\(name)"
            let kind = files.kind(relative)
            if case .link(let at) = kind {
                bundle.diagnostics.append(files.linkRefused(at))
                continue
            }
            guard kind == .folder else {
                bundle.diagnostics.append(stray(relative, in: bundle, expected: Localized(zh: "algorithms/ 下每个算法一个目录", en: "algorithms/ holds one folder per algorithm")))
                continue
            }
            guard checkID(name, relative: relative, in: &bundle) else { continue }
            guard let doc = readYAML(BundlePaths.algorithmFile(name), in: &bundle, required: true) else { continue }
            let result = checker.check(doc, fields: BundleSchema.algorithm)
            record(result, item: .algorithm(name), doc: doc, in: &bundle, attachments: &attachments)
            var algorithm = ModelBuilder.algorithm(id: name, from: doc)
            let disclosurePath = BundlePaths.disclosureFile(name)
            if let text = readText(disclosurePath, in: &bundle, limit: DisclosureRule.maxSize) {
                algorithm.disclosure = text
                let (diags, completeness) = DisclosureRule.check(text, path: bundle.display(disclosurePath), draft: draft)
                bundle.diagnostics += diags
                bundle.diagnostics += TextSafetyRule.check(disclosure: text, path: bundle.display(disclosurePath))
                bundle.completeness[.algorithm(name), default: Completeness()] = bundle.completeness[.algorithm(name), default: Completeness()] + completeness
            }
            bundle.algorithms.append(algorithm)
        }
        bundle.diagnostics += UniqueIDRule.check(bundle)
        bundle.diagnostics += AppliesToRule.check(bundle)
        bundle.diagnostics += RoleRule.check(bundle, draft: draft)
        bundle.diagnostics += OtherChoiceRule.check(bundle, draft: draft)
        if keepingBytes { keepAttachments(attachments, in: &bundle) }
        bundle.diagnostics += AttachmentRule.check(attachments, files: bundle.files)
        bundle.diagnostics.sort()
        return bundle
    }

    func record(_ result: SchemaResult, item: ItemRef, doc: YAMLValue, in bundle: inout LoadedBundle,
                attachments: inout [AttachmentRef]) {
        bundle.diagnostics += result.diagnostics
        bundle.completeness[item, default: Completeness()] = bundle.completeness[item, default: Completeness()] + result.completeness
        bundle.documents[item] = doc
        attachments += result.attachments
    }

    /// Sorted names in a folder of the bundle (empty when the folder does not exist; a link
    /// in its place is reported and not followed).
    func listing(_ relative: String, in bundle: inout LoadedBundle) -> [String] {
        if case .link(let at) = bundle.files.kind(relative) {
            bundle.diagnostics.append(bundle.files.linkRefused(at))
            return []
        }
        return bundle.files.list(relative)
    }

    func checkID(_ id: String, relative: String, in bundle: inout LoadedBundle) -> Bool {
        if IdentifierRule.isValid(id) { return true }
        bundle.diagnostics.append(Diagnostic(
            .invalidItemID, at: SourceLocation(path: bundle.display(relative)),
            message: Localized(zh: "“\(id)”不能作为标识", en: "'\(id)' cannot be used as an id"),
            help: Localized(zh: "改名为小写字母、数字和连字符，如 news-feed", en: "rename it to lowercase letters, digits and hyphens, e.g. news-feed")))
        return false
    }

    func stray(_ relative: String, in bundle: LoadedBundle, expected: Localized) -> Diagnostic {
        Diagnostic(.strayFile, at: SourceLocation(path: bundle.display(relative)), severity: .warning,
                   message: Localized(zh: "无法识别的文件，已忽略", en: "file not recognised, ignored"), help: expected)
    }

    func readYAML(_ relative: String, in bundle: inout LoadedBundle, required: Bool) -> YAMLValue? {
        let display = bundle.display(relative)
        guard bundle.files.exists(relative) else {
            if required { bundle.diagnostics.append(missingFile(relative, display: display)) }
            return nil
        }
        switch bundle.files.read(relative, limit: YAMLReader.maxFileSize) {
        case .failure(let d): bundle.diagnostics.append(d); return nil
        case .success(let data):
            if keepingBytes { bundle.files.overlay[relative] = data }
            let (value, diags) = YAMLReader.read(data, path: display)
            bundle.diagnostics += diags
            return value
        }
    }

    func readText(_ relative: String, in bundle: inout LoadedBundle, limit: Int) -> String? {
        let display = bundle.display(relative)
        guard bundle.files.exists(relative) else {
            bundle.diagnostics.append(missingFile(relative, display: display))
            return nil
        }
        switch bundle.files.read(relative, limit: limit) {
        case .failure(let d): bundle.diagnostics.append(d); return nil
        case .success(let data):
            if keepingBytes { bundle.files.overlay[relative] = data }
            switch TextFile.decodeUTF8(data, path: display) {
            case .failure(let d): bundle.diagnostics.append(d); return nil
            case .success(let s): return s
            }
        }
    }

    /// Reads each attachment whole, once, into `files.overlay` (`keepingBytes`), before the
    /// attachment rule checks it: the bytes checked are the bytes kept. A path that escapes
    /// `attachments/`, or a file that cannot be read whole, is left to the rule to report.
    func keepAttachments(_ attachments: [AttachmentRef], in bundle: inout LoadedBundle) {
        for path in Set(attachments.map(\.path)).sorted() where AttachmentRule.pathProblem(path) == nil {
            if case .success(let data) = bundle.files.read(path, limit: AttachmentRule.maxSize) { bundle.files.overlay[path] = data }
        }
    }

    func missingFile(_ relative: String, display: String) -> Diagnostic {
        let isDisclosure = relative.hasSuffix("disclosure.md")
        let isEntity = relative == BundlePaths.entityFile
        let help: Localized = isEntity
            ? Localized(zh: "用 beian init 生成 entity.yaml", en: "create entity.yaml with beian init")
            : isDisclosure
            ? Localized(zh: "在算法目录中写 disclosure.md（拟公示内容）；beian add algorithm 会生成模板",
                        en: "write disclosure.md (the public disclosure) in the algorithm folder; beian add algorithm writes a template")
            : Localized(zh: "用 beian add 生成该文件", en: "create the file with beian add")
        return Diagnostic(.missingFile, at: SourceLocation(path: display),
                          message: Localized(zh: "缺少文件 \(relative)", en: "file \(relative) is missing"), help: help)
    }
}
