import ArgumentParser
import BeianDiagnostics

/// `beian explain [CODE]`: what a diagnostic code means; with no code, the whole table.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a diagnostic code, or list them all.")

    @Argument(help: "A code such as F210; omit to list every code.")
    var code: String?

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    struct Row: Encodable { var code: String; var zh: String; var en: String }

    func run() throws {
        let lang = global.language
        var codes = DiagnosticCode.allCases
        if let code {
            guard let c = DiagnosticCode(rawValue: code.uppercased()) else {
                Console.err(lang == .zh ? "未知的代码 \(code)；运行 beian explain 查看全部\n" : "unknown code \(code); run beian explain to list them\n")
                throw ExitCode.findings
            }
            codes = [c]
        }
        if json {
            Console.out(DiagnosticRenderer.encodeJSON(codes.map { Row(code: $0.rawValue, zh: $0.summary.zh, en: $0.summary.en) }))
        } else {
            Console.out(codes.map { "\($0.rawValue)  \($0.summary(lang))\n" }.joined())
        }
    }
}
