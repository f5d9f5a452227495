public import ArgumentParser
public import BeianDiagnostics
import Foundation

/// Flags every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Message language: zh or en (default: from LANG).")
    var lang: Lang?

    /// The language to speak: `--lang`, else the environment.
    var language: Lang { lang ?? Lang.fromEnvironment(ProcessInfo.processInfo.environment) }
}

extension Lang: ExpressibleByArgument {}

/// Output formats of list-like commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
