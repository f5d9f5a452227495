public import ArgumentParser
import BeianBundle
import BeianDiagnostics
import BeianModel
import BeianStore
import BeianTemplates
import Foundation

/// `beian template <kind> --bundle <dir> [--algorithm <id>] [--out FILE]`: prints one of the
/// attachment templates as A4 HTML, pre-filled from the bundle, to sign, stamp and scan.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Print a pre-filled attachment template (A4 HTML) to sign, stamp (盖章) and scan.",
        discussion: """
        Kinds:
          commitment-letter       《算法备案承诺书》 (entity)
          responsibility-report   《落实算法安全主体责任基本情况》 (entity)
          self-assessment         《算法安全自评估报告》 (one algorithm: --algorithm)
          disclosure              《拟公示内容》 (one algorithm: --algorithm)
        Open the page in a browser and print it on A4 paper, or save it as PDF.
        """)

    @Argument(help: ArgumentHelp("Which document.", valueName: "kind"))
    var kind: TemplateKind

    @Option(help: "The bundle folder.")
    var bundle: String

    @Option(help: "The algorithm id (algorithms/<id>/); required for self-assessment and disclosure.")
    var algorithm: String?

    @Option(help: "Write the page to this file (atomically) instead of stdout.")
    var out: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        let lang = global.language
        if kind.needsAlgorithm, algorithm == nil {
            throw ValidationError(lang == .zh
                ? "\(kind.rawValue)（《\(kind.title)》）针对单个算法，请用 --algorithm <算法标识> 指定"
                : "\(kind.rawValue) is about one algorithm: name it with --algorithm <id>")
        }
        if !kind.needsAlgorithm, algorithm != nil {
            throw ValidationError(lang == .zh
                ? "\(kind.rawValue)（《\(kind.title)》）针对备案主体，不接受 --algorithm"
                : "\(kind.rawValue) is about the entity and takes no --algorithm")
        }
    }

    func run() throws {
        let lang = global.language
        let loaded: LoadedBundle
        do {
            loaded = try BundleLoader(draft: true, today: Clock.fromEnvironment().today).load(bundle)
        } catch {
            fail([error.diagnostic], lang: lang)
            throw ExitCode.ioFailure
        }
        guard let entity = loaded.entity else {
            fail([Diagnostic(.bundleNotFound, at: SourceLocation(path: bundle),
                message: Localized(zh: "“\(bundle)”不是备案包（缺少 entity.yaml）", en: "'\(bundle)' is not a bundle (no entity.yaml)"),
                help: Localized(zh: "先用 beian init 创建备案包", en: "create the bundle first with beian init"))], lang: lang)
            throw ExitCode.ioFailure
        }
        let input = TemplateInput(entity: entity, products: loaded.products, algorithms: loaded.algorithms)
        let html: String
        do {
            html = try TemplateRenderer.render(kind, input, algorithm: algorithm)
        } catch .unknownAlgorithm(let id) {
            let known = input.algorithmIDs
            fail([Diagnostic(.unknownItem, at: SourceLocation(path: "<command line>"),
                field: FieldRef(key: "--algorithm", zh: "算法标识", en: "algorithm id"),
                message: Localized(zh: "备案包中没有算法“\(id)”", en: "the bundle has no algorithm '\(id)'"),
                help: known.isEmpty
                    ? Localized(zh: "先用 beian add algorithm 添加算法", en: "add one first with beian add algorithm")
                    : Localized(zh: "可选算法：\(known.joined(separator: ", "))", en: "algorithms in this bundle: \(known.joined(separator: ", "))"))],
                 lang: lang)
            throw ExitCode.findings
        } catch .algorithmRequired {
            throw ValidationError(lang == .zh ? "请用 --algorithm 指定算法" : "name the algorithm with --algorithm")
        } catch .templatesUnreadable(let what) {
            Console.err(lang == .zh ? "无法读取随 beian 安装的模板（\(what)）；请重新安装 beian\n"
                                    : "cannot read the templates installed with beian (\(what)); reinstall beian\n")
            throw ExitCode.ioFailure
        }
        let errors = loaded.diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            Console.err(lang == .zh
                ? "提示：备案包尚有 \(errors) 个问题（beian validate \(bundle) 查看），未填写的内容在模板中留空\n"
                : "note: the bundle has \(errors) problem\(errors == 1 ? "" : "s") (see beian validate \(bundle)); unfilled fields are left blank\n")
        }
        guard let out else {
            Console.out(html)
            return
        }
        do {
            try AtomicFile.write(html, to: URL(fileURLWithPath: out))
        } catch {
            Console.writeFailed(error, at: out, lang: lang)
            throw ExitCode.ioFailure
        }
        Console.err(lang == .zh ? "已生成《\(kind.title)》：\(out)\n" : "wrote \(kind.rawValue) to \(out)\n")
    }

    /// Problems go to stderr: stdout may be the page itself.
    func fail(_ diagnostics: [Diagnostic], lang: Lang) {
        Console.err(DiagnosticRenderer.text(diagnostics, lang: lang))
    }
}

extension TemplateKind: ExpressibleByArgument {}
