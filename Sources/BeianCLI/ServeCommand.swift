import ArgumentParser
import BeianDiagnostics
import BeianSite
import Foundation

/// `beian serve`: builds the portal into a private folder, serves it on 127.0.0.1, rebuilds
/// when the registry or the content changes and reloads the open pages (SPEC §9).
///
/// The build is `build`'s own (BeianSite's `SitePipeline`, incremental, with its caches beside the private
/// output); the reload script and the error overlay are added by the server to the pages it
/// sends and never written to disk. A failed rebuild shows its diagnostics over every page
/// while the last good site stays served.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the portal, serve it locally, rebuild on every change and reload open pages.")

    @OptionGroup var registryOption: RegistryOption
    var bundles: String { registryOption.path }

    @Option(help: "The operator's content folder (site.yaml, announcements/, pages/, theme/).")
    var content = "content"

    @Option(help: "The address to listen on (only this machine by default).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(name: .customLong("poll-interval"), help: "Milliseconds between two looks at the content folder for changes (the registry, larger, is looked at less often when a look takes long).")
    var pollInterval = 200

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard (20...10_000).contains(pollInterval) else { throw ValidationError("--poll-interval must be 20…10000 ms") }
    }

    func run() async throws {
        let lang = global.language
        guard let serverType = LocalServers.provided else {
            Console.err("this beian was built without its HTTP server (BeianServe)\n")
            throw ExitCode.ioFailure
        }
        // A private output: `site/` is never touched, nothing is left behind in the project.
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("beian-serve-\(getpid())-\(UUID().uuidString.prefix(8))")
        do { try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true) } catch {
            Console.writeFailed(text: error.localizedDescription, at: work.path, lang: lang)
            throw ExitCode.ioFailure
        }
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("site")
        let server = serverType.init(root: out, host: host, port: port, liveReload: true)
        let loop = RebuildLoop(bundles: bundles, content: content, out: out.path, host: host, lang: lang,
                               pollInterval: .milliseconds(pollInterval), server: server)
        if let failure = await server.serve(whileRunning: { port in await loop.run(port: port) }) {
            Console.reportToStderr([failure], lang: lang)
            throw ExitCode.ioFailure
        }
        Console.err(lang == .zh ? "已停止\n" : "stopped\n")
    }
}

/// Builds, then rebuilds on each change of the inputs, publishing each outcome to the server.
struct RebuildLoop: Sendable {
    var bundles: String
    var content: String
    var out: String
    var host: String
    var lang: Lang
    var pollInterval: Duration
    var server: any LocalSiteServer

    func run(port: Int) async {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let base = "http://\(shownHost):\(port)/"
        let content = InputWatcher(roots: [self.content])
        let registry = InputWatcher(roots: [bundles], registry: true)
        var seen = (content.fingerprint(), registry.fingerprint())
        await build(base: base, first: true)
        Console.out(lang == .zh ? "正在提供 \(base)（Ctrl-C 停止）\n" : "serving \(base) (Ctrl-C to stop)\n")
        // The registry (thousands of files) is looked at less often when one look takes long.
        var registryEvery = 1, tick = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            tick += 1
            let contentNow = content.fingerprint()
            var registryNow = seen.1
            if tick % registryEvery == 0 {
                let started = ContinuousClock.now
                registryNow = registry.fingerprint()
                let took = started.duration(to: .now)
                registryEvery = max(1, Int((took * 4) / pollInterval))
            }
            guard (contentNow, registryNow) != seen else { continue }
            // Debounce: an editor or `git checkout` writes several files; wait until a look
            // finds nothing new (at most half a second).
            var settled = (contentNow, registryNow)
            for _ in 0..<10 {
                try? await Task.sleep(for: .milliseconds(50))
                let again = (content.fingerprint(), settled.1 == seen.1 ? settled.1 : registry.fingerprint())
                if again == settled { break }
                settled = again
            }
            seen = settled
            if Task.isCancelled { break }
            await build(base: base, first: false)
        }
    }

    /// One build; its outcome goes to the terminal and to the open pages.
    private func build(base: String, first: Bool) async {
        let started = ContinuousClock.now
        let pipeline = SitePipeline(bundles: bundles, content: content, out: out, allowEmpty: true, baseURL: base)
        let result = await pipeline.run()
        let seconds = String(format: "%.2f", started.duration(to: .now).seconds)
        switch result {
        case .success(let built):
            if !built.warnings.isEmpty { Console.reportToStderr(built.warnings, lang: lang) }
            Console.out(lang == .zh
                ? "\(first ? "已生成" : "已重新生成")：\(built.filings) 个备案，写入 \(built.report.written) 个文件，用时 \(seconds) 秒\n"
                : "\(first ? "built" : "rebuilt"): \(built.filings) filings, \(built.report.written) files written in \(seconds) s\n")
            server.publish(problems: [], lang: lang)
        case .failure(let failed):
            var problems = failed.diagnostics
            if let text = failed.text {
                problems.append(Diagnostic(.outputRefused, at: SourceLocation(path: out),
                                           message: Localized(zh: text, en: text),
                                           help: Localized(zh: "检查临时目录的空间与权限", en: "check the temporary folder's space and permissions")))
            }
            Console.reportToStderr(problems, lang: lang)
            Console.err(lang == .zh ? "构建失败，继续提供上一次成功构建的站点\n" : "build failed; still serving the last good build\n")
            server.publish(problems: problems, lang: lang)
        }
    }
}
