import BeianModel

/// Everything one template can print: the entity, the algorithm it is about (if any), and
/// the bundle's algorithms in brief. Mustache reads it by reflection.
struct DocumentSheet {
    var title: String
    var entity: EntitySheet
    var algorithm: AlgorithmSheet?
    var disclosure: DisclosureSheet?
    /// Every algorithm of the bundle, for the responsibility report's overview.
    var algorithms: [AlgorithmSheet]
    var hasAlgorithms: Bool
    /// True when any algorithm is 生成合成类: adds the labelling duties (深度合成标识).
    var hasGenerative: Bool

    init(kind: TemplateKind, input: TemplateInput, algorithm: Algorithm?) {
        title = kind.title
        entity = EntitySheet(input.entity)
        self.algorithm = algorithm.map { AlgorithmSheet($0, products: input.products) }
        disclosure = kind == .disclosure ? algorithm.map { DisclosureSheet(markdown: $0.disclosure) } : nil
        algorithms = input.algorithms.sorted { $0.id < $1.id }.map { AlgorithmSheet($0, products: input.products) }
        hasAlgorithms = !algorithms.isEmpty
        hasGenerative = (algorithm.map { [$0] } ?? input.algorithms).contains { $0.algorithmType == .generative }
    }
}
