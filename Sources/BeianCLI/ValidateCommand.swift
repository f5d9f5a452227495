import ArgumentParser
import BeianBundle
import BeianDiagnostics
import BeianModel
import Foundation

/// `beian validate <bundle>…`: every problem of every bundle, sorted and located.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check filing bundles and report every problem with its file:line:column.")

    @Argument(help: "Bundle folders to check.")
    var bundles: [String]

    @Flag(help: "Accept empty fields (a draft) and print how complete each item is.")
    var draft = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lang = global.language
        let loader = BundleLoader(draft: draft, today: Clock.fromEnvironment().today)
        var all: [Diagnostic] = []
        var drafts: [DraftReport] = []
        var ioFailed = false
        // One bundle at a time: memory stays flat however many bundles are named.
        for path in bundles {
            do {
                let bundle = try loader.load(path)
                if format == .text {
                    Console.out(DiagnosticRenderer.text(bundle.diagnostics, lang: lang))
                }
                all += bundle.diagnostics
                if draft { drafts.append(DraftReport(bundle)) }
            } catch {
                ioFailed = true
                all.append(error.diagnostic)
                if format == .text { Console.out(DiagnosticRenderer.text(error.diagnostic, lang: lang) + "\n") }
            }
        }
        switch format {
        case .json:
            if draft {
                Console.out(DiagnosticRenderer.encodeJSON(ValidateJSON(diagnostics: all.sorted().map { .init($0, lang: lang) }, drafts: drafts)))
            } else {
                Console.out(DiagnosticRenderer.json(all, lang: lang))
            }
        case .text:
            for report in drafts { Console.out(report.text(lang: lang)) }
            Console.out(summary(all, bundles: bundles.count, lang: lang))
        }
        if ioFailed { throw ExitCode.ioFailure }
        if all.hasErrors { throw ExitCode.findings }
    }

    func summary(_ all: [Diagnostic], bundles: Int, lang: Lang) -> String {
        let errors = all.filter { $0.severity == .error }.count
        let warnings = all.count - errors
        if all.isEmpty {
            return lang == .zh ? "✓ \(bundles) 个备案包检查通过\n" : "✓ \(bundles) bundle\(bundles == 1 ? "" : "s") valid\n"
        }
        return lang == .zh
            ? "共 \(errors) 个错误，\(warnings) 个警告（\(bundles) 个备案包）\n"
            : "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(bundles) bundle\(bundles == 1 ? "" : "s")\n"
    }
}

/// `--format json --draft` output: diagnostics plus completeness.
struct ValidateJSON: Encodable {
    var diagnostics: [DiagnosticRenderer.JSONItem]
    var drafts: [DraftReport]
}
