import ArgumentParser
import BeianDiagnostics
import BeianModel
import BeianRegistry
import BeianTrust
import Foundation

/// `beian registry init | trust`: the registry's key and the reviewers it trusts (SPEC §7).
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Set up a registry: its key and the reviewer keys whose decisions it accepts.",
        subcommands: [Init.self, Trust.self, Pin.self, Reindex.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Initialize a registry: from now on every decision must be signed by a trusted reviewer key.",
            discussion: "The registry vouches (signed with its key) for every bundle's ledger as it stands, so earlier unsigned decisions stay valid; later ones are not.")

        @OptionGroup var registryOption: RegistryOption
        var registry: String { registryOption.path }
        @Option(help: "The registry's private key file (beian key new … --kind registry).") var key: String
        @Option(help: "A trusted reviewer's public key, as beian key show prints it (repeatable).") var reviewer: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            try requireRegistryFolder(registry, lang: lang)
            let (key, reviewers) = try RegistryCommand.keys(key, reviewer, lang: lang)
            do {
                let (config, adopted) = try RegistryConfig.initialize(registry: URL(fileURLWithPath: registry), display: registry, key: key,
                                                                      reviewers: reviewers, clock: Clock.fromEnvironment())
                Console.out(lang == .zh
                    ? "已初始化登记簿 \(registry)：登记簿公钥 \(config.registryKey)，受信任审核员 \(config.reviewers.count) 名，已确认 \(adopted) 个备案包的现有台账\n"
                    : "initialized registry \(registry): registry key \(config.registryKey), \(config.reviewers.count) trusted reviewer\(config.reviewers.count == 1 ? "" : "s"), vouched for the ledgers of \(adopted) bundle\(adopted == 1 ? "" : "s")\n")
            } catch {
                throw error.exit(lang: lang)
            }
        }
    }

    struct Trust: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add trusted reviewer keys to an initialized registry (signed with the registry key).")

        @OptionGroup var registryOption: RegistryOption
        var registry: String { registryOption.path }
        @Option(help: "The registry's private key file.") var key: String
        @Option(help: "A reviewer's public key, as beian key show prints it (repeatable).") var reviewer: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            try requireRegistryFolder(registry, lang: lang)
            let (key, reviewers) = try RegistryCommand.keys(key, reviewer, lang: lang)
            do {
                let config = try RegistryConfig.trust(registry: URL(fileURLWithPath: registry), display: registry, key: key, reviewers: reviewers)
                Console.out(lang == .zh ? "登记簿 \(registry) 现信任 \(config.reviewers.count) 名审核员\n" : "registry \(registry) now trusts \(config.reviewers.count) reviewer\(config.reviewers.count == 1 ? "" : "s")\n")
            } catch {
                throw error.exit(lang: lang)
            }
        }
    }

    struct Pin: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pin, in a filer's bundle, the registry public key whose receipts it accepts (get it from the regulator's own channel).")

        @Argument(help: "The filer's bundle folder.") var bundle: String
        @Argument(help: "The registry's public key (name+keyid+base64).") var key: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            guard let v = VerifierKey(key) else {
                throw ValidationError(lang == .zh ? "不是公钥（应为 名称+指纹+base64）：\(key)" : "not a public key (name+keyid+base64): \(key)")
            }
            do { try Registry().pin(bundle: bundle, key: v) } catch { throw error.exit(lang: lang) }
            Console.out(lang == .zh ? "\(bundle)：已固定登记簿公钥 \(v.name)（指纹 \(v.keyID)）\n" : "\(bundle): pinned registry key \(v.name) (fingerprint \(v.keyID))\n")
        }
    }

    struct Reindex: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the registry's index (.beian-registry/index.sqlite) from the ledgers.",
            discussion: "The index is a cache: every command catches it up by itself, and deleting it is always safe. Run this after beian verify reports L613.")

        @OptionGroup var registryOption: RegistryOption
        var registry: String { registryOption.path }
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let lang = global.language
            try requireRegistryFolder(registry, lang: lang)
            let n: Int
            do { n = try RegistryIndexStore.reindex(root: URL(fileURLWithPath: registry), display: registry, clock: Clock.fromEnvironment()) } catch { throw error.exit(lang: lang) }
            Console.out(lang == .zh ? "已从台账重建登记簿 \(registry) 的索引：\(n) 个备案包\n" : "rebuilt the index of registry \(registry) from its ledgers: \(n) bundle\(n == 1 ? "" : "s")\n")
        }
    }

    /// The registry's private key and the reviewers' public keys, or the located reason why not.
    static func keys(_ file: String, _ reviewers: [String], lang: Lang) throws -> (SigningKey, [VerifierKey]) {
        var problems: [Diagnostic] = []
        var parsed: [VerifierKey] = []
        for (i, text) in reviewers.enumerated() {
            if let v = VerifierKey(text) { parsed.append(v); continue }
            problems.append(Diagnostic(.verifierKeyInvalid, at: SourceLocation(path: "--reviewer[\(i + 1)]"),
                message: Localized(zh: "“\(text)”不是公钥（应为 名称+指纹+base64）", en: "'\(text)' is not a public key (name+keyid+base64)"),
                help: Localized(zh: "照 beian key show 打印的公钥原样复制", en: "copy the key exactly as beian key show prints it")))
        }
        let key: SigningKey?
        switch KeyFile.read(file) {
        case .success(let k): key = k
        case .failure(let d): problems.append(d); key = nil
        }
        guard let key, problems.isEmpty else {
            Console.report(problems.sorted(), lang: lang, format: .text)
            throw ExitCode.ioFailure
        }
        return (key, parsed)
    }
}
