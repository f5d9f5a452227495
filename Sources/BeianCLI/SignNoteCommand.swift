import ArgumentParser
import BeianDiagnostics
import BeianStore
import BeianTrust
import Foundation

/// `beian sign-note FILE --key KEY --out NOTE`: signs a text file as a C2SP signed note with a
/// release key — what scripts/release does to a release's SHA256SUMS (docs/release.md, SPEC §14).
/// Only a `release` key signs here: a registry's or reviewer's key signs only what its own
/// commands make, so a note signed here can never pass for a checkpoint or a receipt.
struct SignNoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-note",
        abstract: "Sign a text file (e.g. a release's SHA256SUMS) as a C2SP signed note with a release key.")

    @Argument(help: "The text to sign: complete, non-blank UTF-8 lines (e.g. SHA256SUMS).")
    var file: String

    @Option(help: "The release key's private key file (beian key new FILE --kind release).")
    var key: String

    @Option(help: "Where to write the signed note (replaced atomically), e.g. SHA256SUMS.note.")
    var out: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lang = global.language
        let signing = try signingKey(key, lang: lang)
        guard signing.kind == .release else {
            throw refuse(at: key, Localized(zh: "“\(key)”是\(signing.kind.rawValue)密钥，不是发布密钥", en: "'\(key)' is a \(signing.kind.rawValue) key, not a release key"),
                         help: Localized(zh: "用 beian key new FILE --kind release 生成的发布密钥签名", en: "sign with a key made by beian key new FILE --kind release"), lang: lang)
        }
        let bytes: Data
        switch NoFollow.read(root: URL(fileURLWithPath: file), "", limit: 1 << 20) {
        case .success(let data): bytes = data
        case .failure(let failure):
            throw refuse(at: file, Localized(zh: "无法读取“\(file)”（\(failure)）", en: "cannot read '\(file)' (\(failure))"),
                         help: Localized(zh: "给出要签署的普通文件", en: "name the regular file to sign"), lang: lang)
        }
        if let reason = SignedNote.unsignableReason(bytes) {
            throw refuse(at: file, Localized(zh: "“\(file)”不能作为签名文本：\(reason.zh)", en: "'\(file)' cannot be a signed note's text: \(reason.en)"),
                         help: Localized(zh: "给出由完整的非空行组成的文本，例如 SHA256SUMS", en: "give text of complete, non-blank lines, e.g. a SHA256SUMS file"), lang: lang)
        }
        let note = SignedNote.sign(String(decoding: bytes, as: UTF8.self), with: signing)
        do {
            try AtomicFile.write(Data(note.utf8), to: URL(fileURLWithPath: out))
        } catch {
            throw refuse(at: out, Localized(zh: "无法写入“\(out)”（\(error)）", en: "cannot write '\(out)' (\(error))"),
                         help: Localized(zh: "检查输出位置", en: "check the output location"), lang: lang)
        }
        let v = signing.verifierKey
        Console.err(lang == .zh ? "已签署：\(out)（\(v.name)，指纹 \(v.keyID)）\n" : "signed: \(out) (\(v.name), fingerprint \(v.keyID))\n")
    }

    /// Prints K967 and returns the exit to throw (2: nothing is written).
    func refuse(at path: String, _ message: Localized, help: Localized, lang: Lang) -> ExitCode {
        Console.reportToStderr([Diagnostic(.noteRefused, at: SourceLocation(path: path), message: message, help: help)], lang: lang)
        return .ioFailure
    }
}
