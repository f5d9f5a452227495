import BeianStore
public import Foundation
public import BeianDiagnostics
public import BeianModel

/// A bundle read from disk: the typed items, every parsed document, and all findings.
///
/// `validate`, `submit`, `review` and `build` all start from this one loader (STYLE house rule 3).
public struct LoadedBundle: Sendable {
    /// The bundle's folder name.
    public var id: String
    public var root: URL
    /// The bundle path as the user typed it, prefixed to every file in messages.
    public var displayRoot: String
    public var entity: Entity?
    public var products: [Product]
    public var algorithms: [Algorithm]
    public var diagnostics: [Diagnostic]
    /// How complete each item is (drafts).
    public var completeness: [ItemRef: Completeness]
    /// Parsed YAML of each item, for field-by-field review diffs.
    public var documents: [ItemRef: YAMLValue]
    /// Where the files were read from (the folder, links refused, and any stored bytes).
    public var files: BundleFiles

    /// The display path of a file inside the bundle.
    public func display(_ relative: String) -> String { PathText.join(displayRoot, relative) }

    /// Findings that belong to one item's files.
    public func diagnostics(for item: ItemRef) -> [Diagnostic] {
        let prefixes = BundlePaths.files(of: item).map { display($0) }
        return diagnostics.filter { d in prefixes.contains { d.location.path == $0 || d.location.path.hasPrefix($0 + "/") } }
    }

    /// Every item the bundle holds, entity first.
    public var items: [ItemRef] {
        (entity == nil ? [] : [.entity]) + products.map { .product($0.id) } + algorithms.map { .algorithm($0.id) }
    }
}

/// Where each item lives inside a bundle.
public enum BundlePaths {
    public static let entityFile = "entity.yaml"
    public static let productsDir = "products"
    public static let algorithmsDir = "algorithms"
    public static let attachmentsDir = "attachments"
    /// The folder only the tool writes (submissions, ledger, approved snapshots).
    public static let registryDir = ".beian"

    public static func productFile(_ id: String) -> String { "\(productsDir)/\(id).yaml" }
    public static func algorithmFile(_ id: String) -> String { "\(algorithmsDir)/\(id)/algorithm.yaml" }
    public static func disclosureFile(_ id: String) -> String { "\(algorithmsDir)/\(id)/disclosure.md" }

    /// The text files that make up an item (attachments are added by the manifest).
    public static func files(of item: ItemRef) -> [String] {
        switch item {
        case .entity: [entityFile]
        case .product(let id): [productFile(id)]
        case .algorithm(let id): [algorithmFile(id), disclosureFile(id)]
        }
    }
}
