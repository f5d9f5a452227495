import ArgumentParser
import BeianDiagnostics
import BeianImport
import BeianModel
import BeianRegistry
import Foundation

/// `beian import <lists.csv> [--cancellations <csv>] --registry <dir>`: CAC's published lists
/// become approved records through the real ledger (SPEC §3.3).
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import CAC's published filing lists (CSV) into approved records, one bundle per entity.")

    @Argument(help: "The filing lists CSV (columns 算法名称, 算法类别 or 角色, 主体名称, 应用产品, 主要用途, 备案编号, 备注).")
    var lists: String

    @Option(help: "Cancellation notices CSV (notice_date, notice_title, 备案编号, …).")
    var cancellations: String?

    @OptionGroup var registryOption: RegistryOption
    var bundles: String { registryOption.path }

    @Option(help: "The registry's private key: required once the registry is initialized (it vouches for what is imported).")
    var key: String?

    @Flag(help: "Print JSON (the report and the row diagnostics).")
    var json = false

    @OptionGroup var global: GlobalOptions

    struct Output: Encodable {
        var report: Importer.Report
        var diagnostics: [DiagnosticRenderer.JSONItem]
    }

    func run() async throws {
        let lang = global.language
        // A first import creates the registry folder (once the lists are read); every other
        // command keeps refusing a missing registry (O953): `requireRegistryFolder`.
        let first = RegistryFolder.isMissing(bundles)
        if !first { try requireRegistryFolder(bundles, lang: lang, json: json) }
        let (rows, problems) = ListReader.filings(URL(fileURLWithPath: lists), display: lists)
        var diagnostics = problems
        var cancelRows: [CancellationRow] = []
        if let cancellations {
            let (c, p) = ListReader.cancellations(URL(fileURLWithPath: cancellations), display: cancellations)
            cancelRows = c
            diagnostics += p
        }
        // Both files are read whole before anything is planned: a list that cannot be read, or
        // any cell over its limit in either file (CellLimits), imports nothing.
        let refused = diagnostics.filter { $0.severity == .error }
        if !refused.isEmpty {
            Console.report(diagnostics, lang: lang, format: json ? .json : .text)
            // A cell over its limit is a finding (exit 1); a file that cannot be read as CSV, an I/O failure.
            throw refused.allSatisfy { $0.code == .importRow && $0.field != nil } ? ExitCode.findings : ExitCode.ioFailure
        }
        let plan = ImportPlan.make(rows: rows, listDisplay: lists, cancellations: cancelRows, cancellationsDisplay: cancellations ?? "")
        diagnostics += plan.diagnostics
        if first, let problem = RegistryFolder.create(bundles) {
            Console.report([problem], lang: lang, format: json ? .json : .text)
            throw ExitCode.ioFailure
        }
        var importer = Importer(registry: URL(fileURLWithPath: bundles), registryDisplay: bundles, clock: Clock.fromEnvironment())
        importer.key = try key.map { try signingKey($0, lang: lang, json: json) }
        let report: Importer.Report
        do { report = try await importer.write(plan, tasks: ProcessInfo.processInfo.activeProcessorCount) } catch {
            throw error.exit(lang: lang)
        }
        if json {
            Console.out(DiagnosticRenderer.encodeJSON(Output(report: report, diagnostics: diagnostics.sorted().map { .init($0, lang: lang) })))
            return
        }
        Console.out(DiagnosticRenderer.text(diagnostics, lang: lang))
        Console.out(lang == .zh
            ? "已读取 \(plan.rowsRead) 行：\(report.filings) 个备案、\(report.entities) 个主体、\(report.cancelled) 个已注销；写入 \(report.bundlesWritten) 个备案包，\(report.bundlesUnchanged) 个未变，\(report.bundlesAppended) 个追加\n"
            : "read \(plan.rowsRead) rows: \(report.filings) filings, \(report.entities) entities, \(report.cancelled) cancelled; bundles written \(report.bundlesWritten), unchanged \(report.bundlesUnchanged), appended \(report.bundlesAppended)\n")
    }
}
