/// 产品及功能信息: one product with its access paths and the functions under each.
public struct Product: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    public var form: String
    public var url: String
    public var status: String
    public var audience: String
    public var realNameRequired: Bool?
    public var priorPermits: [String]
    public var paths: [AccessPath]

    public init(id: String, name: String = "", form: String = "", url: String = "", status: String = "",
                audience: String = "", realNameRequired: Bool? = nil, priorPermits: [String] = [], paths: [AccessPath] = []) {
        self.id = id
        self.name = name
        self.form = form
        self.url = url
        self.status = status
        self.audience = audience
        self.realNameRequired = realNameRequired
        self.priorPermits = priorPermits
        self.paths = paths
    }

    /// `名称（形态）`, as the published lists print a product.
    public var publicLabel: String { form.isEmpty ? name : "\(name)（\(form)）" }
}

/// 功能访问路径: ordered navigation steps and the functions reached through them.
public struct AccessPath: Sendable, Codable, Hashable {
    public var id: String
    public var steps: [String]
    public var functions: [ProductFunction]
    public init(id: String, steps: [String] = [], functions: [ProductFunction] = []) {
        self.id = id
        self.steps = steps
        self.functions = functions
    }
}

/// One function of a product.
public struct ProductFunction: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public init(id: String, name: String = "", description: String = "") {
        self.id = id
        self.name = name
        self.description = description
    }
}
