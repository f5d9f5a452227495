import ArgumentParser
import BeianBundle
import BeianDiagnostics
import BeianForm
import BeianModel
import BeianRegistry
import BeianStore
import BeianTrust
import Foundation

/// `beian form BUNDLE` / `beian form --new DIR`: the filer's forms in a browser, on this
/// machine only (SPEC §12). The library is BeianForm; this parses, starts and prints the link.
struct FormCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
        abstract: "Fill in a bundle in web forms in your browser (on 127.0.0.1 only): no YAML to edit.",
        discussion: "Prints one link; opening it starts the session (a cookie). The YAML files stay the source of truth: saving keeps comments and key order, and hand edits show on the next page. Nothing is published.")

    @Argument(help: "The bundle folder to edit.")
    var bundle: String?

    @Option(name: .customLong("new"), help: "Create a new, empty bundle in this folder first (its name becomes the bundle id).")
    var newBundle: String?

    @Option(help: "The port on 127.0.0.1 (0: any free port).")
    var port = 0

    @Option(help: "The filer's private key file: submitting also writes the sealed package (with --out).")
    var key: String?

    @Option(help: "The folder the sealed packages are written to (with --key).")
    var out: String?

    @Option(help: "Who submits (default: $USER).")
    var by: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard (bundle == nil) != (newBundle == nil) else { throw ValidationError("give a bundle folder, or --new DIR (not both)") }
        if (key == nil) != (out == nil) { throw ValidationError("--key and --out go together (a package signed with the filer key)") }
    }

    func run() async throws {
        let lang = global.language
        guard let serverType = LocalFormServers.provided else {
            Console.err("this beian was built without its HTTP server (BeianServe)\n")
            throw ExitCode.ioFailure
        }
        let path = try newBundle.map { try Self.create($0, lang: lang) } ?? bundle!
        if let problem = RegistryFolder.bundleProblem(path) {
            Console.reportToStderr([problem], lang: lang)
            throw ExitCode.ioFailure
        }
        // The form edits a bundle that exists (its entity.yaml a plain file); `--new` makes one.
        guard case .file = NoFollow.kind(root: URL(fileURLWithPath: path), BundlePaths.entityFile) else {
            Console.reportToStderr([Diagnostic(.bundleNotFound, at: SourceLocation(path: path),
                message: Localized(zh: "“\(path)”不是备案包（缺少 entity.yaml）", en: "'\(path)' is not a bundle (no entity.yaml)"),
                help: Localized(zh: "检查路径；新建备案包用 beian form --new \(path)", en: "check the path; start a new bundle with beian form --new \(path)"))], lang: lang)
            throw ExitCode.ioFailure
        }
        var signing: SigningKey?
        var packageDir: URL?
        if let key, let out {
            signing = try signingKey(key, lang: lang)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: out, isDirectory: &isDir), isDir.boolValue else {
                Console.reportToStderr([Diagnostic(.outputRefused, at: SourceLocation(path: out), field: FieldRef(key: "out", zh: "输出目录", en: "output folder"),
                                                   message: Localized(zh: "“\(out)”不是已有的目录", en: "'\(out)' is not an existing folder"),
                                                   help: Localized(zh: "给出已有的目录，提交包写入其中", en: "name an existing folder for the packages"))], lang: lang)
                throw ExitCode.ioFailure
            }
            packageDir = URL(fileURLWithPath: out).standardizedFileURL
        }
        let app = FormApp(bundle: path, guard: FormGuard(), filerKey: signing, packageDir: packageDir, actor: by ?? defaultActor(), lang: global.lang)
        let server = serverType.init(app: app, port: port)
        let failure = await server.serve { _ in
            Console.out(lang == .zh ? "表单：\(app.startURL)\n在本机浏览器中打开上面的链接（仅本次会话有效）；按 Ctrl-C 停止。\n"
                                    : "form: \(app.startURL)\nOpen the link above in a browser on this machine (valid for this session only); Ctrl-C stops.\n")
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
        }
        if let failure {
            Console.reportToStderr([failure], lang: lang)
            throw ExitCode.ioFailure
        }
        Console.err(lang == .zh ? "已停止\n" : "stopped\n")
    }

    /// `--new DIR`: the files `beian init` writes, with every value left for the form.
    static func create(_ directory: String, lang: Lang) throws -> String {
        let url = URL(fileURLWithPath: directory)
        guard IdentifierRule.isValid(url.lastPathComponent) else {
            Console.reportToStderr([Diagnostic(.invalidItemID, at: SourceLocation(path: directory),
                message: Localized(zh: "目录名“\(url.lastPathComponent)”不能作为标识", en: "folder name '\(url.lastPathComponent)' cannot be an id"),
                help: Localized(zh: "用小写字母、数字和连字符命名，如 xingchen-tech", en: "name it with lowercase letters, digits and hyphens, e.g. xingchen-tech"))], lang: lang)
            throw ExitCode.findings
        }
        if FileManager.default.fileExists(atPath: url.path),
           !((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? ["x"]).isEmpty {
            Console.reportToStderr([Diagnostic(.unreadable, at: SourceLocation(path: directory),
                message: Localized(zh: "“\(directory)”已存在且不为空", en: "'\(directory)' exists and is not empty"),
                help: Localized(zh: "换一个目录名，或用 beian form \(directory) 编辑已有备案包", en: "pick another folder, or edit the existing bundle with beian form \(directory)"))], lang: lang)
            throw ExitCode.findings
        }
        do {
            try AtomicFile.write(Scaffold.entityFile(values: ["certificate.type": "营业执照"]), to: url.appendingPathComponent(BundlePaths.entityFile))
            try AtomicFile.write(Scaffold.attachmentsReadme, to: url.appendingPathComponent("attachments/README.txt"))
            try FileManager.default.createDirectory(at: url.appendingPathComponent(BundlePaths.productsDir), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: url.appendingPathComponent(BundlePaths.algorithmsDir), withIntermediateDirectories: true)
        } catch {
            Console.writeFailed(error, at: directory, lang: lang)
            throw ExitCode.ioFailure
        }
        return directory
    }
}
