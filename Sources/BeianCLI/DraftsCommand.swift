import ArgumentParser
import BeianBundle
import BeianDiagnostics
import BeianModel
import BeianRegistry

/// `beian drafts <bundle>`: the 草稿箱 — unfinished items, how complete, what is missing.
struct DraftsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drafts",
        abstract: "List unfinished items of a bundle (草稿箱): how complete each is and what is missing.")

    @Argument(help: "The bundle folder.")
    var bundle: String

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lang = global.language
        if let problem = RegistryFolder.bundleProblem(bundle) {
            Console.report([problem], lang: lang, format: json ? .json : .text)
            throw ExitCode.ioFailure
        }
        let loaded: LoadedBundle
        do {
            loaded = try BundleLoader(draft: true, today: Clock.fromEnvironment().today).load(bundle)
        } catch {
            Console.report([error.diagnostic], lang: lang, format: json ? .json : .text)
            throw ExitCode.ioFailure
        }
        // What the ledger never mentions is a draft (草稿), complete or not, as `status` says.
        let paths = RegistryPaths(bundlePath: bundle)
        let ledger: Ledger
        do { ledger = try Ledger.open(paths.ledger, displayPath: paths.ledgerDisplay) } catch {
            Console.report([error], lang: lang, format: json ? .json : .text)
            throw ExitCode.ioFailure
        }
        let states = ItemState.replay(ledger.events)
        let report = DraftReport(loaded, neverSubmitted: Set(loaded.items.filter { states[$0] == nil }))
        if json {
            Console.out(DiagnosticRenderer.encodeJSON(report.unfinished))
            return
        }
        let text = report.text(lang: lang, onlyUnfinished: true)
        Console.out(text.isEmpty ? (lang == .zh ? "草稿箱为空：所有事项均已填写完整并已提交\n" : "no drafts: every item is complete and submitted\n") : text)
    }
}
