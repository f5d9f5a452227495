import ArgumentParser
import BeianBundle
import BeianDiagnostics
import BeianModel
import BeianStore
import Foundation

/// `beian add product|algorithm <bundle> <id>`: scaffolds one more item.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a product (products/<id>.yaml) or an algorithm (algorithms/<id>/) to a bundle.")

    enum Kind: String, ExpressibleByArgument, CaseIterable { case product, algorithm }

    @Argument(help: "What to add: product or algorithm.")
    var kind: Kind

    @Argument(help: "The bundle folder.")
    var bundle: String

    @Argument(help: "The new item's id: lowercase letters, digits and hyphens.")
    var id: String

    @Option(help: "The item's name (产品名称 / 算法名称).")
    var name: String?

    @Option(help: "An algorithm's role: 服务提供者 (provider, default: links products under applies_to) or 服务技术支持者 (supporter: fills technical_service). The scaffold carries only that role's block.")
    var role: String = AlgorithmRole.provider.rawValue

    /// The role named by `--role` (Chinese or English).
    var algorithmRole: AlgorithmRole? {
        switch role.lowercased() {
        case "provider", "service-provider": .provider
        case "supporter", "technical-supporter": .technicalSupporter
        default: AlgorithmRole(rawValue: role)
        }
    }

    func validate() throws {
        guard algorithmRole != nil else {
            throw ValidationError("unknown role '\(role)': use 服务提供者 (provider) or 服务技术支持者 (supporter)")
        }
    }

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lang = global.language
        let root = URL(fileURLWithPath: bundle)
        let arg = SourceLocation(path: "<command line>")
        var problems: [Diagnostic] = []
        if !FileManager.default.fileExists(atPath: root.appendingPathComponent(BundlePaths.entityFile).path) {
            Console.report([Diagnostic(.bundleNotFound, at: SourceLocation(path: bundle),
                message: Localized(zh: "“\(bundle)”不是备案包（缺少 entity.yaml）", en: "'\(bundle)' is not a bundle (no entity.yaml)"),
                help: Localized(zh: "先用 beian init 创建备案包", en: "create the bundle first with beian init"))], lang: lang, format: .text)
            throw ExitCode.ioFailure
        }
        if !IdentifierRule.isValid(id) {
            problems.append(Diagnostic(.invalidItemID, at: arg,
                message: Localized(zh: "“\(id)”不能作为标识", en: "'\(id)' cannot be used as an id"),
                help: Localized(zh: "只用小写字母、数字和连字符，如 home-feed", en: "use lowercase letters, digits and hyphens, e.g. home-feed")))
        }
        let target = kind == .product ? root.appendingPathComponent(BundlePaths.productFile(id))
                                      : root.appendingPathComponent("\(BundlePaths.algorithmsDir)/\(id)")
        if FileManager.default.fileExists(atPath: target.path) {
            problems.append(Diagnostic(.duplicateID, at: SourceLocation(path: bundle + "/" + (kind == .product ? BundlePaths.productFile(id) : "\(BundlePaths.algorithmsDir)/\(id)")),
                message: Localized(zh: "“\(id)”已经存在", en: "'\(id)' already exists"),
                help: Localized(zh: "换一个标识，或直接编辑已有文件", en: "pick another id, or edit the existing file")))
        }
        if !problems.isEmpty {
            Console.report(problems, lang: lang, format: .text)
            throw ExitCode.findings
        }
        do {
            switch kind {
            case .product:
                let text = Scaffold.productFile(id: id, name: name ?? "")
                try AtomicFile.write(text, to: target)
            case .algorithm:
                let text = Scaffold.algorithmFile(id: id, name: name ?? "", provider: algorithmRole != .technicalSupporter)
                try AtomicFile.write(Scaffold.disclosure(name: name ?? ""), to: target.appendingPathComponent("disclosure.md"))
                try AtomicFile.write(text, to: target.appendingPathComponent("algorithm.yaml"))
            }
        } catch {
            Console.writeFailed(error, at: target.path, lang: lang)
            throw ExitCode.ioFailure
        }
        Console.out(lang == .zh ? "已添加 \(kind.rawValue):\(id)\n" : "added \(kind.rawValue):\(id)\n")
    }
}
