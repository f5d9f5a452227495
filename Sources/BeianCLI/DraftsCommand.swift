import ArgumentParser
import BeianBundle
import BeianDiagnostics
import BeianModel
import BeianRegistry

/// `beian drafts <bundle>`: the 草稿箱 — unfinished items, how complete, what is missing, and
/// complete items never submitted or edited since their last submission or approval.
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
        // What the ledger never mentions is a draft (草稿), complete or not, as `status` says;
        // what changed since it was last submitted or approved is an unsubmitted edit, as
        // `status` marks it.
        let record: BundleRecord
        do { record = try Registry().record(bundle: bundle) } catch {
            throw error.exit(lang: lang, format: json ? .json : .text)
        }
        let neverSubmitted = Set(loaded.items.filter { record.states[$0] == nil })
        let report = DraftReport(loaded, neverSubmitted: neverSubmitted,
                                 edited: Set(record.changedItems()).subtracting(neverSubmitted))
        if json {
            Console.out(DiagnosticRenderer.encodeJSON(report.unfinished))
            return
        }
        let text = report.text(lang: lang, onlyUnfinished: true)
        Console.out(text.isEmpty ? (lang == .zh ? "草稿箱为空：所有事项均已填写完整并已提交\n" : "no drafts: every item is complete and submitted\n") : text)
    }
}
