import ArgumentParser
import BeianDiagnostics
import BeianStore
import BeianTrust
import Foundation

/// `beian verify-note NOTE --key KEY`: checks a C2SP signed note (e.g. a release's
/// SHA256SUMS.note) against a public key given from outside it, and prints the signed text on
/// stdout — only the text, so that `beian verify-note SHA256SUMS.note --key KEY | sha256sum -c`
/// checks the signature and the files in one line (docs/release.md). Exit 2 (K966) and nothing
/// on stdout when the note does not verify.
struct VerifyNoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-note",
        abstract: "Check a C2SP signed note (e.g. a release's SHA256SUMS.note) against a public key; print the signed text.")

    @Argument(help: "The signed note.")
    var file: String

    @Option(help: "The signer's public key (name+keyid+base64), or a file holding it, as you got it from outside the download.")
    var key: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lang = global.language
        guard let verifier = RegistryKeyArgument.parse(key) else {
            Console.reportToStderr([Diagnostic(.verifierKeyInvalid, at: SourceLocation(path: key), field: FieldRef(key: "key", zh: "公钥", en: "public key"),
                                               message: Localized(zh: "“\(key)”不是公钥，也不是存有公钥的文件（应为 名称+指纹+base64）",
                                                                  en: "'\(key)' is neither a public key nor a file holding one (name+keyid+base64)"),
                                               help: Localized(zh: "给出签署方公布的公钥，例如 docs/release.md 所列的发布公钥", en: "give the key its signer publishes, e.g. the release key docs/release.md lists"))],
                                   lang: lang)
            throw ExitCode.ioFailure
        }
        let opened: Result<String, SignedNote.Problem>
        switch NoFollow.read(root: URL(fileURLWithPath: file), "", limit: 1 << 20) {
        case .success(let data):
            opened = String(data: data, encoding: .utf8).map { SignedNote.open($0, verifiedBy: verifier) } ?? .failure(.malformed("not UTF-8"))
        case .failure(let failure):
            opened = .failure(.malformed("\(failure)"))
        }
        switch opened {
        case .success(let text):
            Console.out(text)
            Console.err(lang == .zh ? "✓ \(file)：\(verifier.name)（指纹 \(verifier.keyID)）的签名有效\n"
                                    : "✓ \(file): valid signature by \(verifier.name) (fingerprint \(verifier.keyID))\n")
        case .failure(let problem):
            let why: Localized = switch problem {
            case .malformed(let detail): Localized(zh: "不是 C2SP 签名文本（\(detail)）", en: "not a C2SP signed note (\(detail))")
            case .noSignatureByKey: Localized(zh: "没有 \(verifier.name)（指纹 \(verifier.keyID)）的签名", en: "no signature by \(verifier.name) (fingerprint \(verifier.keyID))")
            case .badSignature: Localized(zh: "\(verifier.name) 的签名与正文不符：文件在签名后被改动", en: "the signature by \(verifier.name) does not match the text: the file was changed after signing")
            }
            Console.reportToStderr([Diagnostic(.noteInvalid, at: SourceLocation(path: file), message: why,
                                               help: Localized(zh: "从项目自己的发布页重新获取；确认公钥来自下载之外", en: "get the note again from the project's own release page; check the key came from outside the download"))],
                                   lang: lang)
            throw ExitCode.ioFailure
        }
    }
}
