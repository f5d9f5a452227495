import BeianModel

/// One `applies_to` entry resolved against the products: which product, how much of it, and
/// the functions it reaches (SPEC §2.3: a whole product, one access path, or one function).
struct ApplicationSheet {
    /// `名称（形态）`, or the id when the product is not in the bundle (a draft).
    var product: String
    var url: String?
    var audience: String?
    /// 全部功能 / 功能访问路径 / 指定功能.
    var scope: String
    var functions: [FunctionSheet]

    /// A function with the navigation that reaches it.
    struct FunctionSheet {
        var name: String
        /// `打开App → 首页 → 推荐`.
        var path: String?
        var description: String?
    }

    init(_ entry: AppliesTo, products: [Product]) {
        guard let product = products.first(where: { $0.id == entry.product }) else {
            self.product = "\(entry.product)（备案包中未找到该产品）"
            scope = "—"
            functions = []
            return
        }
        self.product = product.publicLabel
        url = Fill.text(product.url)
        audience = Fill.text(product.audience)
        let pathID = Fill.text(entry.path), functionID = Fill.text(entry.function)
        let paths = pathID.map { id in product.paths.filter { $0.id == id } } ?? product.paths
        var reached: [FunctionSheet] = []
        for path in paths {
            let steps = Fill.text(path.steps.joined(separator: " → "))
            for f in path.functions where functionID == nil || f.id == functionID {
                reached.append(FunctionSheet(name: Fill.text(f.name) ?? f.id, path: steps, description: Fill.text(f.description)))
            }
        }
        functions = reached
        switch (pathID, functionID) {
        case (nil, nil): scope = "全部功能"
        case (_, .some): scope = "指定功能"
        case (.some, nil): scope = "功能访问路径下全部功能"
        }
    }
}
