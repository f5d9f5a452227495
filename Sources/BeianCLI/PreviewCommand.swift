import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianOutput
import BeianPortal
import BeianSite
import Foundation

/// `beian preview BUNDLE`: the public pages of the filer's own draft, as the portal would
/// render them once approved, marked as a preview, into a folder or served locally.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render the public pages of a draft bundle (filing pages, entity page), marked 预览 · 未备案, into a folder or on a local server.")

    @Argument(help: "The bundle folder (with entity.yaml).")
    var bundle: String

    @Option(help: "Write the preview here: an absent or empty folder, or an earlier preview.")
    var out: String?

    @Flag(help: "Serve the preview on 127.0.0.1 instead of writing it (Ctrl-C to stop).")
    var serve = false

    @Option(help: "The port for --serve (0: any free port).")
    var port = 8080

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (out == nil) != !serve else { throw ValidationError("give exactly one of --out DIR and --serve") }
    }

    func run() async throws {
        let lang = global.language
        let preview = DraftPreview(bundle: bundle, today: Clock.fromEnvironment().today)
        let result = preview.filings()
        if case .failure(let invalid) = result { Console.reportToStderr(invalid.diagnostics, lang: lang) }
        if let out {
            guard case .success(let filings) = result else { throw ExitCode.findings }
            do { try await preview.render(filings, to: URL(fileURLWithPath: out)) } catch let error as PortalOutputRefused {
                Console.reportToStderr(error.diagnostics, lang: lang)  // O951: not a folder a preview may replace
                throw ExitCode.ioFailure
            } catch {
                Console.writeFailed(error, at: out, lang: lang)
                throw ExitCode.ioFailure
            }
            Console.out(lang == .zh ? "已生成预览 \(out)/：\(filings.count) 个算法（未备案）\n" : "preview written to \(out)/: \(filings.count) algorithms (not filed)\n")
            return
        }
        guard let serverType = LocalServers.provided else {
            Console.err("this beian was built without its HTTP server (BeianServe)\n")
            throw ExitCode.ioFailure
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("beian-preview-\(getpid())-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let site = work.appendingPathComponent("site")
        var problems: [Diagnostic] = []
        switch result {
        case .success(let filings):
            do { try await preview.render(filings, to: site) } catch {
                Console.writeFailed(error, at: site.path, lang: lang)
                throw ExitCode.ioFailure
            }
        case .failure(let invalid):
            // An invalid draft: its diagnostics over an empty site.
            try? FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
            problems = invalid.diagnostics
        }
        let server = serverType.init(root: site, host: "127.0.0.1", port: port, liveReload: !problems.isEmpty)
        if !problems.isEmpty { server.publish(problems: problems, lang: lang) }
        if let failure = await server.serve(whileRunning: { port in
            Console.out(lang == .zh ? "正在提供预览 http://127.0.0.1:\(port)/（Ctrl-C 停止）\n" : "serving the preview at http://127.0.0.1:\(port)/ (Ctrl-C to stop)\n")
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
        }) {
            Console.reportToStderr([failure], lang: lang)
            throw ExitCode.ioFailure
        }
    }
}
