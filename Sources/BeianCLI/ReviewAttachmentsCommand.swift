import ArgumentParser
import BeianBundle
import BeianDiagnostics
import BeianModel
import BeianRegistry
import BeianStore
import Foundation

extension ReviewCommand {
    /// `beian review attachments BUNDLE ITEM --out DIR`: the submitted attachments (and for a
    /// change the approved ones) from the stored objects, side by side (`AttachmentExport`).
    struct Attachments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an item's attachments as submitted (from the stored objects, never the live folder) to DIR/submitted/, and for a change the approved ones to DIR/approved/.")

        @OptionGroup var target: ItemArguments
        @Option(help: "The folder to write into (outside every bundle and registry).") var out: String
        @Flag(help: "Overwrite files in DIR that hold other bytes.") var force = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            let ref = try target.ref(lang: lang)
            let export = AttachmentExport(out: out, force: force)
            let attachments: ReviewAttachments
            do throws(RegistryError) {
                let record = try Registry().record(bundle: target.bundle, view: .submitted)
                guard record.exists(ref) else {
                    throw RegistryError(.findings, [Diagnostic(.unknownItem, at: SourceLocation(path: record.bundle.displayRoot),
                        message: Localized(zh: "备案包中没有 \(ref)", en: "the bundle has no \(ref)"),
                        help: Localized(zh: "已有：\(record.bundle.items.map(\.description).joined(separator: ", "))", en: "this bundle has: \(record.bundle.items.map(\.description).joined(separator: ", "))"))])
                }
                attachments = try ReviewAttachments.of(record, item: ref)
                if !attachments.problems.isEmpty { throw RegistryError(.integrity, attachments.problems) }
            } catch {
                throw error.exit(lang: lang)
            }
            let files = AttachmentExport.files(attachments)
            let problems = export.problems(files)
            if !problems.isEmpty {
                Console.report(problems, lang: lang, format: .text)
                throw ExitCode.findings
            }
            let written: Int
            do { written = try export.write(files) } catch {
                Console.writeFailed(error, at: out, lang: lang)
                throw ExitCode.ioFailure
            }
            for f in files { Console.out(PathText.join(out, f.path) + "\n") }
            Console.out(lang == .zh ? "已写入 \(written) 个文件（\(files.count - written) 个已是相同内容）\n"
                                    : "wrote \(written) file\(written == 1 ? "" : "s") (\(files.count - written) already held the same bytes)\n")
        }
    }
}
