public import BeianDiagnostics
public import BeianTrust
public import Foundation
import BeianBundle
import BeianModel
import BeianStore

/// `beian form`: the filer's forms over one bundle folder (SPEC §12), as plain request →
/// response (BeianServe puts it behind Hummingbird on 127.0.0.1).
///
/// Nothing is cached between requests: every page reads the bundle's files afresh, so an edit
/// made by hand while the form is open shows on the next page, and the YAML files stay the
/// only state. Every read and write goes through `BundleFolder` (names checked, no links
/// followed, nothing outside the bundle); every change passes `FormGuard` first.
public final class FormApp: Sendable {
    public let folder: BundleFolder
    public let guard_: FormGuard
    /// With a filer key, a submission also writes the sealed package into `packageDir`.
    public let filerKey: SigningKey?
    public let packageDir: URL?
    public let actor: String
    public let defaultLang: Lang?

    /// Largest request body (an upload with its form): above the 20 MiB attachment limit.
    public static let maxBody = 24 << 20

    public init(bundle: String, guard: FormGuard, filerKey: SigningKey? = nil, packageDir: URL? = nil, actor: String, lang: Lang? = nil) {
        folder = BundleFolder(bundle)
        guard_ = `guard`
        self.filerKey = filerKey
        self.packageDir = packageDir
        self.actor = actor
        defaultLang = lang
    }

    /// The link that starts the session (printed by `beian form`).
    public var startURL: String { "\(guard_.origin)/start?t=\(guard_.token)" }

    /// The answer to one request.
    public func respond(_ request: FormRequest) -> FormResponse {
        let lang = language(request)
        var body: FormBody?
        if request.method == "POST" {
            body = FormBody.parse(request.body, contentType: request.headers["content-type"])
        }
        if let why = guard_.refusal(request, bodyToken: body?["_token"]) {
            return refused(why, lang: lang)
        }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map { String($0).removingPercentEncoding ?? "" }
        let ctx = FormContext(app: self, request: request, lang: lang, body: body ?? FormBody())
        if request.method == "POST" && body == nil {
            return ctx.errorPage(status: 400, Localized(zh: "无法读取提交的表单", en: "cannot read the posted form"))
        }
        switch (request.method, segments.first ?? "") {
        case ("GET", "start"):
            guard let t = request.query["t"], FormGuard.equal(t, guard_.token) else { return refused(Localized(zh: "链接无效", en: "invalid link"), lang: lang) }
            return .redirect("/", extra: [("Set-Cookie", "\(FormGuard.cookieName)=\(guard_.token); Path=/; HttpOnly; SameSite=Strict")])
        case ("GET", "assets"):
            return FormAssets.response(segments.dropFirst().joined(separator: "/"))
        case ("GET", ""): return ctx.home()
        case ("GET", "drafts"): return ctx.drafts()
        case ("GET", "status"): return ctx.status()
        case ("POST", "receipts"): return ctx.importReceipts()
        case ("GET", "submit"): return ctx.submitPage(only: nil)
        case ("POST", "submit"): return ctx.submit()
        case ("POST", "new-product"): return ctx.newProduct()
        case ("POST", "new-algorithm"): return ctx.newAlgorithm()
        case (_, "check"):
            guard request.method == "POST", let page = EditPage(Array(segments.dropFirst()), folder: folder) else { return ctx.notFound() }
            return ctx.check(page)
        case ("GET", "template"):
            return ctx.template(Array(segments.dropFirst()))
        default:
            guard let page = EditPage(segments, folder: folder) else { return ctx.notFound() }
            if request.method == "POST" { return ctx.save(page) }
            if request.method == "GET" { return ctx.edit(page) }
            return ctx.notFound()
        }
    }

    /// `?lang=`, then the `beian-lang` cookie, then Accept-Language, then `--lang`, then zh.
    func language(_ request: FormRequest) -> Lang {
        if let q = request.query["lang"], let l = Lang(rawValue: q) { return l }
        if let c = request.cookie("beian-lang"), let l = Lang(rawValue: c) { return l }
        if let accept = request.headers["accept-language"]?.lowercased() {
            let first = accept.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if first.hasPrefix("en") { return .en }
            if first.hasPrefix("zh") { return .zh }
        }
        return defaultLang ?? .zh
    }

    func refused(_ why: Localized, lang: Lang) -> FormResponse {
        let d = Diagnostic(.formRequestRefused, at: SourceLocation(path: "beian form"), message: why,
                           help: Localized(zh: "只从 beian form 打印的链接打开的页面提交；不要从其他网站或其他主机名访问",
                                           en: "submit only from pages opened through the link beian form printed, never from another site or host name"))
        return .html(FormLayout.bare(title: "403", lang: lang, body: "<h1>403</h1>" + FieldControls.diagnosticHTML(lang: lang)(d)), status: 403)
    }
}

/// The bundle folder, reached only through checked relative paths: each name a plain file or
/// folder name (no `..`, no hidden names but `.beian`'s, no separators), no symbolic link
/// anywhere on the way (`NoFollow`), nothing outside the folder.
public struct BundleFolder: Sendable {
    /// As typed by the filer (prefixed to file names in diagnostics).
    public let display: String
    public let root: URL

    public init(_ path: String) {
        let trimmed = PathText.typed(path)
        display = trimmed
        root = URL(fileURLWithPath: trimmed).standardizedFileURL
    }

    /// True when `relative` is made of plain names (`a/b.yaml`), none hidden or special.
    public static func isConfined(_ relative: String) -> Bool {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty else { return false }
        return parts.allSatisfy { p in
            !p.isEmpty && p != "." && p != ".." && !p.hasPrefix(".") && !p.contains("\\")
                && p.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
        }
    }

    /// The text of a file of the bundle; nil when missing, a link, outside, or not UTF-8.
    public func text(_ relative: String, limit: Int = 1 << 20) -> String? {
        guard Self.isConfined(relative), case .success(let data) = NoFollow.read(root: root, relative, limit: limit) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// Writes a file of the bundle atomically; refuses names outside it and folders that are
    /// links (the folder is made when missing).
    public func write(_ data: Data, to relative: String) throws(FormWriteError) {
        guard Self.isConfined(relative) else { throw FormWriteError(path: relative) }
        let parent = (relative as NSString).deletingLastPathComponent
        if !parent.isEmpty {
            switch NoFollow.kind(root: root, parent) {
            case .folder: break
            case .missing:
                guard NoFollow.kind(root: root, (parent as NSString).deletingLastPathComponent).isFolderOrRoot else { throw FormWriteError(path: relative) }
                do { try FileManager.default.createDirectory(at: root.appendingPathComponent(parent), withIntermediateDirectories: false) } catch { throw FormWriteError(path: relative) }
            default: throw FormWriteError(path: relative)
            }
        }
        switch NoFollow.kind(root: root, relative) {
        case .file, .missing: break
        default: throw FormWriteError(path: relative)
        }
        do { try AtomicFile.write(data, to: root.appendingPathComponent(relative)) } catch { throw FormWriteError(path: relative) }
    }

    public func exists(_ relative: String) -> Bool {
        Self.isConfined(relative) && NoFollow.kind(root: root, relative) != .missing
    }
}

extension NoFollow.Kind {
    var isFolderOrRoot: Bool { self == .folder }
}

/// A write the form refused (a name outside the bundle, a link on the way) or could not do.
public struct FormWriteError: Error, Sendable {
    public var path: String
}
