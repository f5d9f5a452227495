import ArgumentParser
import Foundation
import BeianDiagnostics

/// Where commands write: stdout for results, stderr for problems with the command itself.
///
/// The one door to the terminal: everything printed passes `TextSafety.escapedForTerminal`,
/// so a filer's ESC, BEL, NUL, bidi override or zero-width space in a name, a purpose or a
/// disclosure shows as `\u001B` (JSON's own escape, so JSON output keeps its value) instead of
/// being obeyed by the reviewer's terminal. Commands never write to the handles themselves.
enum Console {
    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data(TextSafety.escapedForTerminal(s).utf8))
    }

    static func err(_ s: String) {
        FileHandle.standardError.write(Data(TextSafety.escapedForTerminal(s).utf8))
    }

    /// Prints diagnostics as text to stderr, for commands whose stdout is a report.
    static func reportToStderr(_ diagnostics: [Diagnostic], lang: Lang) {
        err(DiagnosticRenderer.text(diagnostics, lang: lang))
    }

    /// Reports a write that failed (disk full, permissions, a folder in the way) as a
    /// diagnostic on stderr: O951 at `path`, the system's reason as its message.
    static func writeFailed(_ error: any Error, at path: String, lang: Lang) {
        writeFailed(text: "\(error)", at: path, lang: lang)
    }

    /// As `writeFailed(_:at:lang:)`, for a reason already put in words.
    static func writeFailed(text: String, at path: String, lang: Lang) {
        reportToStderr([Diagnostic(.outputRefused, at: SourceLocation(path: path), message: Localized(zh: text, en: text),
                                   help: Localized(zh: "检查该位置的空间与权限", en: "check the free space and permissions there"))], lang: lang)
    }

    /// Prints diagnostics in the chosen format to stdout.
    static func report(_ diagnostics: [Diagnostic], lang: Lang, format: OutputFormat) {
        switch format {
        case .text: out(DiagnosticRenderer.text(diagnostics, lang: lang))
        case .json: out(DiagnosticRenderer.json(diagnostics, lang: lang))
        }
    }
}

extension ExitCode {
    /// Exit codes are API (SPEC §1): 1 findings, 2 I/O or integrity failure (64 usage is ArgumentParser's).
    static let findings = ExitCode(1)
    static let ioFailure = ExitCode(2)
}
