import BeianStore
import BeianBundle
public import BeianDiagnostics
import BeianModel
import Foundation

/// The approved entity of another bundle of the same registry, as its ledger says.
public struct RegisteredEntity: Sendable, Hashable {
    /// The other bundle's folder, as paths are shown (the registry folder as given, then its name).
    public var bundle: String
    public var name: String
    public var creditCode: String
}

/// One entity per registry: the checks `submit` and `review approve` run on an entity, and the
/// warning `review show` gives (docs/registry.md, "One name, one entity").
///
/// Names are compared by `NameKey`: equal keys (the same name once NFKC, white space, invisible
/// characters and Latin case are set aside) or an equal credit code are refused (S710); equal
/// confusable skeletons with different keys are only flagged to the reviewer (S711), since two
/// real companies can differ by one Latin letter. Other bundles are read through their ledgers
/// and approved snapshots only, never through their live files; a bundle whose ledger or
/// snapshot cannot be read is skipped here (`beian verify` reports it).
extension BundleRecord {
    /// The approved entities of every other bundle in the registry folder.
    ///
    /// With the registry's index, only the entities that share the name key, skeleton or credit
    /// code of `name` and `creditCode` (this bundle's entity's by default): the only ones a
    /// finding can name (`RegistryIndexStore`).
    public func otherApprovedEntities(name: String? = nil, creditCode: String? = nil) -> [RegisteredEntity] {
        let name = name ?? bundle.entity?.name ?? "", creditCode = creditCode ?? bundle.entity?.creditCode ?? ""
        if let index = try? openIndex(),
           let found = try? index.entities(matching: name, creditCode: creditCode, except: paths.bundle.lastPathComponent) {
            return found
        }
        let registry = paths.registryDisplay
        let me = bundle.root.standardizedFileURL.path
        // An entity is approved only with an entity id, which `entities.jsonl` records (reviews
        // and imports alike): only those bundles need reading (none while the file does not
        // exist). A bundle approved elsewhere and copied in has none; `beian verify` catches it.
        let withIDs: Set<String>? = (try? Ledger.open(paths.entitiesLedger, displayPath: "", canonicalForm: false)).map { Set(EntityIDs.assigned($0).values) }
        var out: [RegisteredEntity] = []
        let candidates = withIDs.map { $0.sorted().map { PathText.join(registry, $0) } } ?? RegistryIndex.bundlePaths(in: registry)
        for path in candidates {
            let root = URL(fileURLWithPath: path).standardizedFileURL
            guard root.path != me else { continue }
            let paths = RegistryPaths(bundle: root, bundleDisplay: path)
            guard let ledger = try? Ledger.open(paths.ledger, displayPath: paths.ledgerDisplay, canonicalForm: false),
                  let hash = ItemState.replay(ledger.events)[.entity]?.lastApproval?.snapshot,
                  let entity = try? SnapshotReader(paths: paths).read(hash).entity else { continue }
            out.append(RegisteredEntity(bundle: path, name: entity.name, creditCode: entity.creditCode))
        }
        return out
    }

    /// S710 errors and S711 warnings for this bundle's entity against `others`.
    public func entityNameFindings(against others: [RegisteredEntity]? = nil) -> [Diagnostic] {
        guard let entity = bundle.entity, !entity.name.isEmpty else { return [] }
        let others = others ?? otherApprovedEntities()
        let doc = bundle.documents[.entity]
        let nameAt = doc?["name"]?.location ?? SourceLocation(path: entityFile)
        let codeAt = doc?["credit_code"]?.location ?? SourceLocation(path: entityFile)
        let nameField = FieldRef(key: "name", zh: "主体名称", en: "entity name")
        let key = NameKey.key(entity.name), skeleton = NameKey.skeleton(entity.name)
        let code = entity.creditCode.trimmingSpacesAndNewlines.uppercased()
        var out: [Diagnostic] = []
        for other in others {
            let shown = TextSafety.escapedForTerminal(other.name), mine = TextSafety.escapedForTerminal(entity.name)
            if NameKey.key(other.name) == key {
                out.append(Diagnostic(.duplicateEntity, at: nameAt, field: nameField,
                    message: Localized(zh: "主体名称“\(mine)”与备案包 \(other.bundle) 已备案的主体“\(shown)”相同（忽略全角半角、空白和不可见字符后）",
                                       en: "entity name “\(mine)” is the approved entity “\(shown)” of bundle \(other.bundle) (compared without width, white space and invisible characters)"),
                    help: Localized(zh: "同一主体只能有一个备案包：在 \(other.bundle) 中办理变更；如非同一主体，按证件填写准确名称",
                                    en: "one entity has one bundle: file changes in \(other.bundle); if it is another entity, write its exact name from the certificate")))
            } else if NameKey.skeleton(other.name) == skeleton {
                out.append(Diagnostic(.lookalikeEntity, at: nameAt, field: nameField, severity: .warning,
                    message: Localized(zh: "主体名称“\(mine)”与备案包 \(other.bundle) 已备案的主体“\(shown)”形近（如拉丁字母与西里尔字母混用）",
                                       en: "entity name “\(mine)” looks like the approved entity “\(shown)” of bundle \(other.bundle) (e.g. Cyrillic letters for Latin ones)"),
                    help: Localized(zh: "核对证件扫描件上的名称；仿冒其他主体名称的应予退回",
                                    en: "check the name on the certificate scan; reject a name that imitates another entity's")))
            }
            if !code.isEmpty, other.creditCode.trimmingSpacesAndNewlines.uppercased() == code {
                out.append(Diagnostic(.duplicateEntity, at: codeAt, field: FieldRef(key: "credit_code", zh: "统一社会信用代码", en: "unified social credit code"),
                    message: Localized(zh: "统一社会信用代码 \(code) 已由备案包 \(other.bundle)（“\(shown)”）备案",
                                       en: "credit code \(code) is already filed by bundle \(other.bundle) (“\(shown)”)"),
                    help: Localized(zh: "同一主体只能有一个备案包：在 \(other.bundle) 中办理变更；否则核对信用代码",
                                    en: "one entity has one bundle: file changes in \(other.bundle); otherwise check the credit code")))
            }
        }
        return out.sorted()
    }

    /// Refuses (S710) when this bundle's entity is already filed by another bundle: called by
    /// `submit` and `approve` for the entity item.
    func refuseDuplicateEntity() throws(RegistryError) {
        let errors = entityNameFindings().filter { $0.severity == .error }
        if !errors.isEmpty { throw RegistryError(.findings, errors) }
    }
}
