import ArgumentParser
import BeianBundle
import BeianDiagnostics
import BeianModel
import BeianStore
import BeianTrust
import Foundation

/// `beian init <dir>`: scaffolds a new bundle whose every key carries a Chinese comment.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new filing bundle (entity.yaml, products/, algorithms/, attachments/).")

    @Argument(help: "Folder to create; its name becomes the bundle id.")
    var directory: String

    @Option(help: "主体名称 — the entity name, as on its licence.")
    var name: String

    @Option(name: .customLong("credit-code"), help: "统一社会信用代码 — 18 characters.")
    var creditCode: String

    @Option(help: "注册地 — six-digit GB/T 2260 code, e.g. 110108.")
    var region: String

    @Option(name: .customLong("registry-key"), help: "The registry's public key (from the regulator's own channel): receipts are checked against it (SPEC §7).")
    var registryKey: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let lang = global.language
        let url = URL(fileURLWithPath: directory)
        var problems: [Diagnostic] = []
        let arg = SourceLocation(path: "<command line>")
        let pinned = registryKey.flatMap(VerifierKey.init)
        if let registryKey, pinned == nil {
            problems.append(Diagnostic(.verifierKeyInvalid, at: arg, field: FieldRef(key: "registry-key", zh: "登记簿公钥", en: "registry key"),
                message: Localized(zh: "“\(registryKey)”不是公钥（应为 名称+指纹+base64）", en: "'\(registryKey)' is not a public key (name+keyid+base64)"),
                help: Localized(zh: "照登记机关公布的公钥原样复制", en: "copy the key exactly as the regulator publishes it")))
        }
        if !IdentifierRule.isValid(url.lastPathComponent) {
            problems.append(Diagnostic(.invalidItemID, at: arg, field: FieldRef(key: "directory", zh: "备案包目录", en: "bundle folder"),
                message: Localized(zh: "目录名“\(url.lastPathComponent)”不能作为标识", en: "folder name '\(url.lastPathComponent)' cannot be an id"),
                help: Localized(zh: "用小写字母、数字和连字符命名，如 xingchen-tech", en: "name it with lowercase letters, digits and hyphens, e.g. xingchen-tech")))
        }
        let c = { (spec: FieldSpec) in FieldContext(spec: spec, keyPath: spec.key, location: arg, today: Clock.fromEnvironment().today) }
        let specs = Dictionary(BundleSchema.entity.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        problems += TextSafetyRule.check(name, multiline: false, c(specs["name"]!))
        problems += LengthRule.check(name, min: 2, max: 100, c(specs["name"]!))
        if let d = CreditCodeRule.check(creditCode, c(specs["credit_code"]!)) { problems.append(d) }
        if let d = RegionRule.check(region, c(specs["region"]!)) { problems.append(d) }
        if FileManager.default.fileExists(atPath: url.path),
           !((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? ["x"]).isEmpty {
            problems.append(Diagnostic(.unreadable, at: SourceLocation(path: directory),
                message: Localized(zh: "“\(directory)”已存在且不为空", en: "'\(directory)' exists and is not empty"),
                help: Localized(zh: "换一个目录名，或在已有备案包中用 beian add", en: "pick another folder, or use beian add in the existing bundle")))
        }
        if !problems.isEmpty {
            Console.report(problems, lang: lang, format: .text)
            throw ExitCode.findings
        }
        let entity = Scaffold.entityFile(values: ["name": name, "credit_code": creditCode.uppercased(), "region": region,
                                            "certificate.number": creditCode.uppercased(), "certificate.type": "营业执照"])
        do {
            try AtomicFile.write(entity, to: url.appendingPathComponent("entity.yaml"))
            try AtomicFile.write(Scaffold.attachmentsReadme, to: url.appendingPathComponent("attachments/README.txt"))
            try FileManager.default.createDirectory(at: url.appendingPathComponent("products"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: url.appendingPathComponent("algorithms"), withIntermediateDirectories: true)
            if let pinned { try AtomicFile.write(pinned.description + "\n", to: url.appendingPathComponent(".beian/registry.pub")) }
        } catch {
            Console.writeFailed(error, at: directory, lang: lang)
            throw ExitCode.ioFailure
        }
        Console.out(lang == .zh
            ? "已创建备案包 \(directory)\n下一步：填写 entity.yaml，用 beian add product|algorithm 添加产品和算法，用 beian validate --draft \(directory) 查看进度。\n"
            : "created bundle \(directory)\nnext: fill in entity.yaml, add items with beian add product|algorithm, check progress with beian validate --draft \(directory)\n")
    }
}
