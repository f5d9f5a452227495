public import ArgumentParser
import BeianDiagnostics
public import BeianTrust
import Foundation

/// `beian key new FILE --name NAME --kind KIND` and `beian key show FILE` (SPEC §7).
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Make and show Ed25519 keys for filers, reviewers, the registry and witnesses.",
        subcommands: [New.self, Show.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new private key file (mode 0600; never over an existing file, never inside a bundle or registry).")

        @Argument(help: "The private key file to write.") var file: String
        @Option(help: "The holder's name as others will see it (no spaces or '+'), e.g. 王审 or xingchen-filer.") var name: String
        @Option(help: "Who holds it: filer, reviewer, registry or witness (cosigns the registry's checkpoints).") var kind: SigningKey.Kind = .filer
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            guard VerifierKey.isValidName(name) else {
                throw ValidationError(lang == .zh ? "名称不能为空，不能含空白或“+”：\(name)" : "the name must be non-empty, without spaces or '+': \(name)")
            }
            let key = SigningKey(name: name, kind: kind)
            if case .failure(let d) = KeyFile.write(key, to: file) {
                Console.report([d], lang: lang, format: json ? .json : .text)
                throw ExitCode.ioFailure
            }
            KeyCommand.print(key, file: file, json: json, lang: lang)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a key file's public key and short fingerprint (key id).")

        @Argument(help: "The private key file.") var file: String
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            KeyCommand.print(try signingKey(file, lang: lang, json: json), file: file, json: json, lang: lang)
        }
    }

    static func print(_ key: SigningKey, file: String, json: Bool, lang: Lang) {
        // A witness's public key is its cosignature key (type 0x04), every other kind's a
        // signed-note verifier key (type 0x01).
        if json {
            struct Out: Encodable { var file: String; var name: String; var kind: String; var keyID: String; var publicKey: String }
            Console.out(DiagnosticRenderer.encodeJSON(Out(file: file, name: key.name, kind: key.kind.rawValue, keyID: key.fingerprint, publicKey: key.publicKeyText)))
            return
        }
        Console.out(lang == .zh
            ? "\(file)：\(key.kind.rawValue) 密钥“\(key.name)”，指纹 \(key.fingerprint)\n公钥：\(key.publicKeyText)\n"
            : "\(file): \(key.kind.rawValue) key '\(key.name)', fingerprint \(key.fingerprint)\npublic key: \(key.publicKeyText)\n")
    }
}

extension SigningKey.Kind: ExpressibleByArgument {}
