import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianRegistry

extension ReviewCommand {
    /// `beian review revoke BUNDLE ITEM --reason … [--public-note …] --key REVIEWER.key`:
    /// 监管部门注销, the regulator's own cancellation of an approved filing (no filer request).
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel an approved algorithm, product or entity on the regulator's own decision (监管部门注销): signed like any decision.")

        @OptionGroup var target: ItemArguments
        @OptionGroup var signer: ReviewerOptions
        @Option(help: "Why (told to the filer in the receipt; never published).") var reason: String
        @Option(name: .customLong("public-note"), help: "A note the portal shows beside the cancellation (public text).") var publicNote: String?
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            let ref = try target.ref(lang: lang)
            let (reviewer, key) = try signer.resolve(lang: lang, json: json)
            do {
                let e = try Registry().revoke(bundle: target.bundle, item: ref, reviewer: reviewer, reason: reason, publicNote: publicNote,
                                              key: key)
                if json { Console.out(DiagnosticRenderer.encodeJSON(e)); return }
                var line = lang == .zh ? "\(e.item): 已由监管部门注销 (#\(e.seq))" : "\(e.item): cancelled by the regulator (#\(e.seq))"
                if ref == .entity {
                    line += lang == .zh ? "，其全部已通过的产品与算法一并注销" : "; all its approved products and algorithms are cancelled with it"
                }
                Console.out(line + "\n")
            } catch {
                throw error.exit(lang: lang, format: json ? .json : .text)
            }
        }
    }
}
