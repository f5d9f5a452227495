import ArgumentParser
import BeianDiagnostics
import BeianPortal
import BeianStore
import BeianTrust
import Foundation

/// `beian verify-site SITE --registry-key KEY`: checks a copy of the portal (a CDN's, a
/// mirror's, a download) against the registry's signed head, with nothing but the site and
/// the key (SPEC §8). Exit 0 when every record, page and row of open data matches; exit 2
/// naming each difference by URL, file:line and field.
struct VerifySiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-site",
        abstract: "Check a built portal (or a mirror's copy) against the registry's signed head: records, filing pages, badges, filings.csv, filings.json.")

    @Argument(help: "The site folder (what beian build wrote, or a downloaded copy of it).")
    var site: String

    @Option(name: .customLong("registry-key"),
            help: "The registry's public key (name+keyid+base64), or a file holding it, as you got it from outside the site — from the regulator's own channel. The copy on the site is never trusted by itself.")
    var registryKey: String

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let lang = global.language
        let key = try RegistryKeyArgument.verifierKey(registryKey, lang: lang, json: json)
        guard case .folder = NoFollow.kind(root: URL(fileURLWithPath: site), "") else {
            Console.report([Diagnostic(.siteHeadInvalid, at: SourceLocation(path: site),
                                       message: Localized(zh: "站点目录“\(site)”不存在或不是目录", en: "the site folder '\(site)' does not exist or is not a folder"),
                                       help: Localized(zh: "给出 beian build 生成的站点目录", en: "name the folder beian build wrote"))],
                           lang: lang, format: json ? .json : .text)
            throw ExitCode.ioFailure
        }
        let report = await SiteVerifier(site: URL(fileURLWithPath: site), key: key, renderMarkdown: BuildCommand.renderDisclosure).verify()
        if json {
            struct Out: Encodable {
                var ok: Bool; var origin: String?; var records: Int; var root: String?; var time: String?
                var pages: Int; var csvRows: Int; var jsonRows: Int; var diagnostics: [DiagnosticRenderer.JSONItem]
            }
            Console.out(DiagnosticRenderer.encodeJSON(Out(ok: report.diagnostics.isEmpty, origin: report.head?.origin, records: report.head?.size ?? 0,
                                                          root: report.head?.root.base64EncodedString(), time: report.head?.time,
                                                          pages: report.pages, csvRows: report.csvRows, jsonRows: report.jsonRows,
                                                          diagnostics: report.diagnostics.map { DiagnosticRenderer.JSONItem($0, lang: lang) })))
        } else {
            if !report.diagnostics.isEmpty { Console.out(DiagnosticRenderer.text(report.diagnostics, lang: lang)) }
            if let head = report.head {
                let n = report.diagnostics.count
                Console.out(lang == .zh
                    ? (n == 0 ? "✓ " : "✗ ") + "\(site)：签名摘要有效（\(head.origin)，\(head.size) 条记录，\(head.time ?? "无时间")）；\(report.records) 条记录、\(report.pages) 个备案页面与摘要一致，filings.csv \(report.csvRows) 行、filings.json \(report.jsonRows) 行已核对" + (n == 0 ? "\n" : "；发现 \(n) 处不符\n")
                    : (n == 0 ? "✓ " : "✗ ") + "\(site): signed head valid (\(head.origin), \(head.size) records, \(head.time ?? "no time")); \(report.records) records and \(report.pages) filing pages match, \(report.csvRows) rows of filings.csv and \(report.jsonRows) of filings.json checked" + (n == 0 ? "\n" : "; \(n) difference\(n == 1 ? "" : "s") found\n"))
            }
        }
        if !report.diagnostics.isEmpty { throw ExitCode.ioFailure }
    }
}
