/// How commands address one item of a bundle: `entity`, `product:<id>` or `algorithm:<id>`.
public enum ItemRef: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    case entity
    case product(String)
    case algorithm(String)

    /// Parses the command-line form; nil for anything else.
    public init?(_ text: String) {
        if text == "entity" { self = .entity; return }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        switch parts[0] {
        case "product": self = .product(parts[1])
        case "algorithm": self = .algorithm(parts[1])
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .entity: "entity"
        case .product(let id): "product:\(id)"
        case .algorithm(let id): "algorithm:\(id)"
        }
    }

    /// Entity first, then products, then algorithms, each by id.
    public static func < (a: ItemRef, b: ItemRef) -> Bool {
        func rank(_ r: ItemRef) -> (Int, String) {
            switch r {
            case .entity: (0, "")
            case .product(let id): (1, id)
            case .algorithm(let id): (2, id)
            }
        }
        return rank(a) < rank(b)
    }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let r = ItemRef(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad item \(s)"))
        }
        self = r
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
