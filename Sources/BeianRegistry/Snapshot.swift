public import BeianModel
public import Foundation

/// An approved version of one item, frozen at approval and stored content-addressed.
///
/// It keeps the confidential content for reviewers (it lives in the bundle's `.beian/`, never
/// in `site/`); the portal takes only `publicProducts` and the public fields of the model.
public struct Snapshot: Codable, Sendable, Hashable {
    public var item: String
    public var approvedAt: String
    public var entity: Entity?
    public var product: Product?
    public var algorithm: Algorithm?
    /// Flattened `key path → value` of the item's YAML, for field-by-field diffs.
    public var fields: [String: String]
    public var manifest: [String: String]
    /// For algorithms: the products it applies to, `名称（形态）`, frozen at approval.
    public var publicProducts: [String]?
    /// For algorithms: the hosts of those products' URLs (`Product.publicHost`), frozen at
    /// approval — the only part of a URL that is public; nil when none has one.
    public var publicHosts: [String]?
    /// For imported records: the published row as it stood.
    public var imported: PublicFiling?

    public init(item: String, approvedAt: String, entity: Entity? = nil, product: Product? = nil,
                algorithm: Algorithm? = nil, fields: [String: String], manifest: [String: String],
                publicProducts: [String]? = nil, publicHosts: [String]? = nil, imported: PublicFiling? = nil) {
        self.item = item
        self.approvedAt = approvedAt
        self.entity = entity
        self.product = product
        self.algorithm = algorithm
        self.fields = fields
        self.manifest = manifest
        self.publicProducts = publicProducts
        self.publicHosts = publicHosts
        self.imported = imported
    }

    /// Canonical bytes: sorted keys, so the same snapshot always hashes the same.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return (try? encoder.encode(self)) ?? Data()
    }
}
