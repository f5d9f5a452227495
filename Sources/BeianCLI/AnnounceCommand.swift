public import ArgumentParser
import BeianAnnounce
import BeianContent
import BeianDiagnostics
public import BeianModel
import BeianPortal
import BeianRegistry
import BeianStore
import Foundation

/// `beian announce`: announcements the operator edits and publishes (SPEC §10).
struct AnnounceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "announce",
        abstract: "Write announcements for the operator to edit and publish.",
        subcommands: [AnnounceBatchCommand.self])
}

extension BatchList: ExpressibleByArgument {}

/// `beian announce batch --from DATE --to DATE`: 《关于发布第N批…算法备案信息的公告》 with the
/// filings approved in the period, as Markdown in `content/announcements/` and CSV in
/// `content/files/` (docs/announcements.md). The logic is `BatchAnnouncement` / `BatchWriter`.
struct AnnounceBatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Write the batch announcement 《关于发布第N批…算法备案信息的公告》 (Markdown + CSV) for the filings approved in a period.",
        discussion: """
            Lists every filing whose approval date lies in the period (both ends included), one \
            announcement per list CAC publishes: `algorithm` (境内互联网信息服务算法, columns with \
            算法类别) and `deep-synthesis` (深度合成服务算法: the 生成合成类 filings, columns with 角色). \
            Without --list, each list with filings in the period gets its own announcement. An \
            imported filing is approved on the first day of its published list's month, so \
            `--from 2025-05 --to 2025-05` gives the 2025-05 lists. A filing cancelled since is \
            listed with 已注销 in 备注.

            Writes content/announcements/<date>-<list>-batch-<N>.md (front matter with \
            `batch: {list, number, from, to}`) and content/files/<same>.csv (UTF-8 with BOM, \
            formula-looking cells neutralised), which `beian build` publishes as /files/<same>.csv \
            and the announcement links to. N is one more than the most batches of that list \
            published before --from: the highest `batch.number` among the announcements whose \
            period starts earlier, or the number of imported lists (months) before --from, \
            whichever is higher. A period already announced is written to the same file again \
            (refused without --force), keeping its N.

            Exit codes: 0 written; 1 no filing in the period (C803), a content error, or a file \
            exists (O951, unless --force); 2 I/O failure (missing registry or content folder); \
            64 a bad date (F206) or option.
            """)

    @Option(help: "First day of the period: YYYY-MM-DD, or YYYY-MM for the month's first day.")
    var from: String

    @Option(help: "Last day of the period: YYYY-MM-DD, or YYYY-MM for the month's last day.")
    var to: String

    @Option(help: "Only this list: algorithm or deep-synthesis (default: each list with filings in the period).")
    var list: BatchList?

    @Option(help: "The announcement's publication date, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH's day).")
    var date: String?

    @OptionGroup var registryOption: RegistryOption

    @Option(help: "The operator's content folder (announcements/, files/, site.yaml).")
    var content = "content"

    @Flag(help: "Overwrite an announcement or CSV of the same name (edits made to it are lost).")
    var force = false

    @Flag(name: .customLong("dry-run"), help: "Print the announcements' Markdown to stdout and write nothing.")
    var dryRun = false

    @Flag(help: "Print what was written as JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    struct Written: Encodable {
        var list: String
        var number: Int
        var title: String
        var filings: Int
        var cancelled: Int
        var announcement: String
        var csv: String
    }

    func run() async throws {
        let lang = global.language
        let bundles = registryOption.path
        let parsed = BatchPeriod.parse(from: from, to: to)
        var dateProblems = parsed.problems
        var published = Clock.fromEnvironment().today
        if let date {
            if let d = CalendarDate(date) { published = d } else {
                dateProblems.append(Diagnostic(
                    .invalidDate, at: SourceLocation(path: "--date"),
                    message: Localized(zh: "--date \(date)：不是有效的 YYYY-MM-DD 日期", en: "--date \(date): not a valid YYYY-MM-DD date"),
                    help: Localized(zh: "写成 YYYY-MM-DD，如 2025-06-05", en: "write YYYY-MM-DD, e.g. 2025-06-05")))
            }
        }
        guard dateProblems.isEmpty, let period = parsed.period else {
            Console.reportToStderr(dateProblems, lang: lang)
            throw ExitCode.validationFailure
        }
        try requireRegistryFolder(bundles, lang: lang, json: json)

        // The content first: an announcement with an error may be the one holding the last N.
        let siteContent: SiteContent
        do { siteContent = try ContentLoader(today: Clock.fromEnvironment().today).load(content) } catch {
            Console.reportToStderr([error.diagnostic], lang: lang)
            throw ExitCode.ioFailure
        }
        let contentErrors = siteContent.diagnostics.filter { $0.severity == .error }
        guard contentErrors.isEmpty else {
            Console.reportToStderr(contentErrors, lang: lang)
            throw ExitCode.findings
        }
        let view: PublicView
        do { view = try await PublicRegistry.view(in: bundles, tasks: ProcessInfo.processInfo.activeProcessorCount) } catch {
            throw error.exit(lang: lang)
        }
        let lists = list.map { [$0] } ?? BatchList.allCases
        let batches = BatchAnnouncement.plan(filings: view.filings, from: period.lowerBound, to: period.upperBound, lists: lists,
                                             published: siteContent.announcements.compactMap(\.batch),
                                             existing: Dictionary(siteContent.announcements.compactMap { a in a.batch.map { ($0, a.slug) } },
                                                                  uniquingKeysWith: min),
                                             date: published)
        guard !batches.isEmpty else {
            Console.reportToStderr([BatchAnnouncement.emptyPeriod(period, lists: lists, registry: bundles, total: view.filings.count)], lang: lang)
            throw ExitCode.findings
        }
        let basePath = BasePath(baseURL: siteContent.site?.baseURL ?? "").path
        let files = BatchWriter.files(batches, basePath: basePath)
        if dryRun {
            Console.out(batches.map { $0.markdown(basePath: basePath) }.joined(separator: "\n"))
            return
        }
        let writer = BatchWriter(content: URL(fileURLWithPath: content), contentDisplay: content, force: force,
                                 markdownLimit: ContentLoader.maxMarkdownSize)
        let refused = writer.problems(files)
        guard refused.isEmpty else {
            Console.reportToStderr(refused, lang: lang)
            throw ExitCode.findings
        }
        do { try writer.write(files) } catch {
            Console.writeFailed(error, at: content, lang: lang)
            throw ExitCode.ioFailure
        }
        let written = batches.map {
            Written(list: $0.mark.list.rawValue, number: $0.mark.number, title: $0.title, filings: $0.filings.count,
                    cancelled: $0.filings.filter { $0.status == .cancelled }.count,
                    announcement: writer.display($0.markdownPath), csv: writer.display($0.csvPath))
        }
        if json {
            Console.out(DiagnosticRenderer.encodeJSON(written))
            return
        }
        for w in written {
            Console.out(lang == .zh
                ? "已写入《\(w.title)》：\(w.filings) 个备案\(w.cancelled > 0 ? "（\(w.cancelled) 个已注销）" : "")\n  \(w.announcement)\n  \(w.csv)\n"
                : "wrote batch \(w.number) of the \(w.list) list: \(w.filings) filings\(w.cancelled > 0 ? " (\(w.cancelled) cancelled)" : "")\n  \(w.announcement)\n  \(w.csv)\n")
        }
        Console.out(lang == .zh ? "编辑后运行 beian build 发布。\n" : "edit them, then run beian build to publish.\n")
    }
}
