import ArgumentParser
import BeianDiagnostics
import BeianStore
import BeianTrust
import Foundation

/// `--registry-key` of `verify` and `verify-site` (and `--key` of `verify-note`, which reports
/// a bad key on stderr, its stdout being the signed text): the registry's public key as the user got it
/// from outside the registry or the site — the key itself (`name+keyid+base64`) or a file whose
/// first line is the key (`registry.pub`, as `beian key show` prints it). Read here only, so
/// both commands take the same forms and refuse the same way.
enum RegistryKeyArgument {
    /// The key itself, or the first line of a file holding it (never read through a link, at
    /// most 4 KiB).
    static func parse(_ text: String) -> VerifierKey? {
        if let key = VerifierKey(text) { return key }
        guard case .success(let data) = NoFollow.read(root: URL(fileURLWithPath: text), "", limit: 4_096) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.flatMap { VerifierKey(String($0)) }
    }

    /// The key `text` gives; K965 (exit 2) when it is neither a key nor a file holding one.
    static func verifierKey(_ text: String, lang: Lang, json: Bool) throws -> VerifierKey {
        if let key = parse(text) { return key }
        Console.report([Diagnostic(.verifierKeyInvalid, at: SourceLocation(path: text),
                                   field: FieldRef(key: "registry-key", zh: "登记簿公钥", en: "registry key"),
                                   message: Localized(zh: "“\(text)”不是公钥，也不是存有公钥的文件（应为 名称+指纹+base64）",
                                                      en: "'\(text)' is neither a public key nor a file holding one (name+keyid+base64)"),
                                   help: Localized(zh: "给出登记机关公布的公钥，例如 beian key show 的输出", en: "give the key the regulator publishes, e.g. as beian key show prints it"))],
                       lang: lang, format: json ? .json : .text)
        throw ExitCode.ioFailure
    }
}
