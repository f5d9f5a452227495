public import BeianModel

/// What a printable document is filled from: plain model values, as the shared loader built
/// them. A draft's empty fields are "" and print as lines to write on.
public struct TemplateInput: Sendable {
    public var entity: Entity
    public var products: [Product]
    public var algorithms: [Algorithm]

    public init(entity: Entity, products: [Product] = [], algorithms: [Algorithm] = []) {
        self.entity = entity
        self.products = products
        self.algorithms = algorithms
    }

    /// Algorithm ids in the bundle, sorted, for messages that list the choices.
    public var algorithmIDs: [String] { algorithms.map(\.id).sorted() }
}

/// Why a document could not be printed.
public enum TemplateError: Error, Sendable, Equatable {
    /// The kind is about one algorithm and none was named.
    case algorithmRequired(TemplateKind)
    /// No algorithm with this id in the input.
    case unknownAlgorithm(String)
    /// A template compiled into beian does not parse or render (a broken build).
    case templatesUnreadable(String)
}
