public import ArgumentParser

/// The `beian` command: one executable for filers, reviewers and portal operators.
public struct BeianCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "beian",
        abstract: "Algorithm filing (算法备案) toolkit: validate bundles, review submissions, build the public portal.",
        discussion: """
        Exit codes: 0 ok · 1 findings (invalid bundle, refused action) · 2 I/O or integrity failure · 64 usage.
        Messages follow --lang zh|en (default: Chinese when LANG starts with zh).
        """,
        version: BeianVersion.line,
        subcommands: [
            ValidateCommand.self, InitCommand.self, AddCommand.self, DraftsCommand.self, FormCommand.self,
            SubmitCommand.self, StatusCommand.self, LogCommand.self, CancelCommand.self, ReviewCommand.self, VerifyCommand.self, ImportCommand.self,
            RegistryCommand.self, ReceiptCommand.self,
            KeyCommand.self, WitnessCommand.self, ExplainCommand.self, TemplateCommand.self, BuildCommand.self, VerifySiteCommand.self, ServeCommand.self, PreviewCommand.self, AnnounceCommand.self,
            SignNoteCommand.self, VerifyNoteCommand.self,
        ]
    )

    public init() {}
}

extension BeianCommand {
    /// The process entry point: parses, runs the (possibly async) command, exits with its code.
    ///
    /// Spelled out because from `main.swift` the compiler picks ParsableCommand's synchronous
    /// `main()`, which refuses an async command tree.
    public static func runMain() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
