import BeianBundle

/// One editing page: the entity, a product, or one of an algorithm's four steps (the seed
/// manual's 基础属性 / 详细属性 / 产品及功能 / 确认提交).
enum EditPage: Equatable {
    case entity
    case product(String)
    case algorithm(String, step: Int)

    /// From the path segments `entity`, `product/<id>`, `algorithm/<id>/<1-4>`; ids must be
    /// identifiers and the item must exist (nothing else is reachable).
    init?(_ segments: [String], folder: BundleFolder) {
        switch (segments.first, segments.count) {
        case ("entity"?, 1):
            self = .entity
        case ("product"?, 2) where IdentifierRule.isValid(segments[1]):
            self = .product(segments[1])
        case ("algorithm"?, 3) where IdentifierRule.isValid(segments[1]):
            guard let step = Int(segments[2]), (1...4).contains(step) else { return nil }
            self = .algorithm(segments[1], step: step)
        default:
            return nil
        }
        guard folder.exists(file) else { return nil }
    }

    /// The YAML file the page edits.
    var file: String {
        switch self {
        case .entity: BundlePaths.entityFile
        case .product(let id): BundlePaths.productFile(id)
        case .algorithm(let id, _): BundlePaths.algorithmFile(id)
        }
    }

    var url: String {
        switch self {
        case .entity: "/entity"
        case .product(let id): "/product/\(id)"
        case .algorithm(let id, let step): "/algorithm/\(id)/\(step)"
        }
    }

    var schema: [FieldSpec] {
        switch self {
        case .entity: BundleSchema.entity
        case .product: BundleSchema.product
        case .algorithm: BundleSchema.algorithm
        }
    }

    /// The top-level keys this page shows (the algorithm's by step, as in the manual).
    func keys(supporter: Bool) -> [String] {
        switch self {
        case .entity: BundleSchema.entity.map(\.key).filter { $0 != "schema" }
        case .product: BundleSchema.product.map(\.key)
        case .algorithm(_, 1): ["name", "type", "role", "domains", "domains_other", "scenarios", "purpose", "launched_on", "attachments"]
        case .algorithm(_, 2): supporter ? ["technical_service", "details"] : ["details"]
        case .algorithm(_, 3): ["applies_to"]
        case .algorithm: []
        }
    }

    /// The schema fields shown.
    func fields(supporter: Bool) -> [FieldSpec] {
        let keys = keys(supporter: supporter)
        return keys.compactMap { k in schema.first { $0.key == k } }
    }

    /// The step that owns a top-level key of an algorithm (for errors that block a step).
    static func step(ofKey key: String) -> Int {
        let top = String(key.prefix { $0 != "." && $0 != "[" })
        switch top {
        case "details", "technical_service": return 2
        case "applies_to": return 3
        default: return 1
        }
    }
}
