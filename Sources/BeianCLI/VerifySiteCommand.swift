import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianPortal
import BeianSite
import BeianStore
import BeianTransparency
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

    @Option(help: "Check one filing (its 21-digit id) from its pages, record, badge and proof, the signed list's shards that name them and a few of the log's tiles — not the rest of the site.")
    var filing: String?

    @Option(help: "An earlier checkpoint you trusted (a file): the site's log must extend it (a consistency proof from the site's tiles).")
    var since: String?

    @Option(name: .customLong("max-age"), help: "Refuse a head signed longer ago than this: 90m, 36h, 7d, 3600s.")
    var maxAge: String?

    @Option(name: .customLong("witness"), help: "A witness's public key (name+keyid+base64, or a file holding it) whose cosignature the checkpoint must carry; repeatable.")
    var witnesses: [String] = []

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
        var verifier = SiteVerifier(site: URL(fileURLWithPath: site), key: key, renderMarkdown: Disclosure.html)
        verifier.options = try options(lang: lang)
        let report = if let filing { await verifier.verifyFiling(filing) } else { await verifier.verify() }
        if json {
            struct Out: Encodable {
                var ok: Bool; var origin: String?; var records: Int; var root: String?; var time: String?
                var pages: Int; var csvRows: Int; var jsonRows: Int; var files: Int; var diagnostics: [DiagnosticRenderer.JSONItem]
            }
            Console.out(DiagnosticRenderer.encodeJSON(Out(ok: report.diagnostics.isEmpty, origin: report.head?.origin, records: report.head?.size ?? 0,
                                                          root: report.head?.root.base64EncodedString(), time: report.head?.time,
                                                          pages: report.pages, csvRows: report.csvRows, jsonRows: report.jsonRows, files: report.files,
                                                          diagnostics: report.diagnostics.map { DiagnosticRenderer.JSONItem($0, lang: lang) })))
        } else {
            if !report.diagnostics.isEmpty { Console.out(DiagnosticRenderer.text(report.diagnostics, lang: lang)) }
            if let head = report.head, let filing {
                let n = report.diagnostics.count
                Console.out(lang == .zh
                    ? (n == 0 ? "✓ " : "✗ ") + "\(site)：签名摘要有效（\(head.origin)，日志 \(head.size) 条，\(head.time ?? "无时间")）；备案 \(filing) 的 \(report.files) 个文件与签名清单一致，记录在日志中" + (n == 0 ? "\n" : "；发现 \(n) 处不符\n")
                    : (n == 0 ? "✓ " : "✗ ") + "\(site): signed head valid (\(head.origin), log of \(head.size), \(head.time ?? "no time")); filing \(filing): \(report.files) files as signed, its record in the log" + (n == 0 ? "\n" : "; \(n) difference\(n == 1 ? "" : "s") found\n"))
            } else if let head = report.head {
                let n = report.diagnostics.count
                Console.out(lang == .zh
                    ? (n == 0 ? "✓ " : "✗ ") + "\(site)：签名摘要有效（\(head.origin)，日志 \(head.size) 条，\(head.time ?? "无时间")）；\(report.files) 个文件与签名清单一致，\(report.records) 条记录、\(report.pages) 个备案页面与摘要一致，filings.csv \(report.csvRows) 行、filings.json \(report.jsonRows) 行已核对" + (n == 0 ? "\n" : "；发现 \(n) 处不符\n")
                    : (n == 0 ? "✓ " : "✗ ") + "\(site): signed head valid (\(head.origin), log of \(head.size), \(head.time ?? "no time")); \(report.files) files as signed, \(report.records) records and \(report.pages) filing pages match, \(report.csvRows) rows of filings.csv and \(report.jsonRows) of filings.json checked" + (n == 0 ? "\n" : "; \(n) difference\(n == 1 ? "" : "s") found\n"))
            }
        }
        if !report.diagnostics.isEmpty { throw ExitCode.ioFailure }
    }

    /// `--since`, `--max-age`, `--witness`, read and checked before the site is.
    func options(lang: Lang) throws -> SiteVerifier.Options {
        var o = SiteVerifier.Options()
        o.now = Clock.fromEnvironment().now
        var problems: [Diagnostic] = []
        func bad(_ field: String, _ zh: String, _ en: String, _ helpZh: String, _ helpEn: String, at: String) {
            problems.append(Diagnostic(.verifierKeyInvalid, at: SourceLocation(path: at), field: FieldRef(key: field, zh: field, en: field),
                                       message: Localized(zh: zh, en: en), help: Localized(zh: helpZh, en: helpEn)))
        }
        if let since {
            let url = URL(fileURLWithPath: since)
            if case .success(let data) = NoFollow.read(root: url.deletingLastPathComponent(), url.lastPathComponent, limit: 1 << 20) {
                o.since = (since, String(decoding: data, as: UTF8.self))
            } else {
                bad("since", "无法读取检查点文件", "the checkpoint file cannot be read", "给出先前保存的 transparency/checkpoint 副本", "give a copy of transparency/checkpoint you kept", at: since)
            }
        }
        if let maxAge {
            if let seconds = Self.duration(maxAge) { o.maxAge = seconds } else {
                bad("max-age", "“\(maxAge)”不是时长", "'\(maxAge)' is not a duration", "写成 90m、36h、7d 或 3600s", "write 90m, 36h, 7d or 3600s", at: "--max-age")
            }
        }
        for w in witnesses {
            var text = w
            if CosignatureKey(w) == nil {
                let url = URL(fileURLWithPath: w)
                if case .success(let data) = NoFollow.read(root: url.deletingLastPathComponent(), url.lastPathComponent, limit: 4_096) {
                    text = String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
                }
            }
            if let key = CosignatureKey(text.trimmingCharacters(in: .whitespaces)) { o.witnesses.append(key) } else {
                bad("witness", "“\(w)”不是见证方公钥（name+keyid+base64，类型 0x04）", "'\(w)' is not a witness key (name+keyid+base64, type 0x04)",
                    "给出 beian key show 对见证方密钥打印的公钥", "give the public key beian key show prints for the witness key", at: w)
            }
        }
        guard problems.isEmpty else {
            Console.report(problems, lang: lang, format: json ? .json : .text)
            throw ExitCode.validationFailure
        }
        return o
    }

    /// `90m`, `36h`, `7d`, `3600s` in seconds.
    static func duration(_ text: String) -> Int64? {
        guard let unit = text.last, let n = Int64(text.dropLast()), n >= 0 else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        default: return nil
        }
    }
}
