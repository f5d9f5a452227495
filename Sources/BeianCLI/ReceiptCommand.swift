import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianRegistry
import BeianStore
import BeianTrust
import Foundation

/// `beian receipt issue | import` (SPEC §7): the registry signs a receipt for every decision;
/// the filer imports them into its own bundle and sees the outcome offline.
struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Issue signed receipts (回执) for decisions, or import them into a filer's bundle.",
        subcommands: [Issue.self, Import.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a receipt, signed by the registry key, for every decision of the bundles (same decision, same bytes).")

        @Argument(help: "Bundle folders in the registry.") var bundles: [String]
        @Option(help: "The registry's private key file.") var key: String
        @Option(help: "The folder to write the receipts into.") var out: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            let key = try signingKey(self.key, lang: lang)
            var written = 0
            do {
                for bundle in bundles {
                    for r in try Registry().receipts(bundle: bundle, key: key) {
                        let name = Receipt.fileName(bundle: r.bundle, seq: r.seq, item: r.item.description)
                        let url = URL(fileURLWithPath: out).appendingPathComponent(name)
                        if (try? Data(contentsOf: url)) == r.fileData { continue }
                        try AtomicFile.write(r.fileData, to: url)
                        written += 1
                    }
                }
            } catch let error as RegistryError {
                throw error.exit(lang: lang)
            } catch {
                Console.writeFailed(error, at: out, lang: lang)
                throw ExitCode.ioFailure
            }
            let shown = out.hasSuffix("/") ? out : out + "/"
            Console.out(lang == .zh ? "已写入 \(written) 份回执到 \(shown)\n" : "wrote \(written) receipt\(written == 1 ? "" : "s") to \(shown)\n")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check receipts against the pinned registry key and record their decisions in the bundle.")

        @Argument(help: "The filer's bundle folder.") var bundle: String
        @Argument(help: "Receipt files.") var receipts: [String]
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            var files: [(String, Data)] = []
            for path in receipts {
                guard let data = FileManager.default.contents(atPath: path) else {
                    Console.report([Diagnostic(.receiptRefused, at: SourceLocation(path: path),
                                               message: Localized(zh: "无法读取回执", en: "cannot read the receipt"),
                                               help: Localized(zh: "检查路径", en: "check the path"))], lang: lang, format: .text)
                    throw ExitCode.ioFailure
                }
                files.append((path, data))
            }
            do {
                let (imported, skipped) = try Registry().importReceipts(bundle: bundle, receipts: files)
                for imported in imported {
                    let r = imported.receipt
                    let outcome: String
                    switch r.decision {
                    case .reject: outcome = lang == .zh ? "未通过：\(r.reason ?? "")" : "rejected: \(r.reason ?? "")"
                    case .cancel: outcome = lang == .zh ? "已注销" : "cancelled"
                    case .approve: outcome = (lang == .zh ? "已通过" : "approved") + (r.number.map { lang == .zh ? "，备案编号 \($0)" : ", filing number \($0)" } ?? "")
                            + (r.item == .item(.entity) ? (r.entityID.map { lang == .zh ? "，主体标识 \($0)" : ", entity id \($0)" } ?? "") : "")
                    }
                    Console.out("\(r.item): \(outcome) (\(r.time))\n")
                    // What the digest says about what was decided.
                    switch imported.match {
                    case .earlier:
                        Console.out(lang == .zh ? "  注意：此决定针对 \(r.item) 较早的一次提交；最近一次提交仍在审核中\n"
                                                : "  note: this decision is on an earlier submission of \(r.item); the latest one still awaits review\n")
                    case .notSent:
                        Console.out(lang == .zh ? "  注意：此决定针对的提交（摘要 \(r.submission?.prefix(16) ?? "")）不在此备案包的记录中：请核对\n"
                                                : "  note: the submission this decides (digest \(r.submission?.prefix(16) ?? "")) is not in this bundle's records: check it\n")
                    case .latest, .unnamed: break
                    }
                }
                if skipped > 0 {
                    Console.out(lang == .zh ? "\(skipped) 份回执此前已导入，或已被同一事项更新的决定取代\n"
                                            : "\(skipped) receipt\(skipped == 1 ? "" : "s") already imported, or superseded by a newer decision on the same item\n")
                }
            } catch {
                throw error.exit(lang: lang)
            }
        }
    }
}
