public import BeianDiagnostics
import BeianModel
import Foundation

/// R301: every `applies_to` entry names an existing product, and the path or function it
/// names exists in that product (a function given with a path must be under that path).
///
/// Why: the seed's step three links an algorithm to products that must already be filed.
/// Fix: add the product with `beian add product`, or correct the id.
public enum AppliesToRule {
    public static func check(_ bundle: LoadedBundle) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let products = Dictionary(bundle.products.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for algorithm in bundle.algorithms {
            guard let doc = bundle.documents[.algorithm(algorithm.id)] else { continue }
            for (i, entry) in (doc["applies_to"]?.items ?? []).enumerated() {
                let key = "applies_to[\(i + 1)]"
                guard let productID = entry["product"]?.text, !productID.isEmpty else { continue }
                guard let product = products[productID] else {
                    // A product file that exists but could not be read already has its own
                    // diagnostic (B004, Y101 …); "does not exist" would be wrong.
                    if IdentifierRule.isValid(productID),
                       bundle.files.exists(BundlePaths.productFile(productID)) {
                        continue
                    }
                    let known = products.keys.sorted()
                    out.append(Diagnostic(
                        .danglingReference, at: entry["product"]!.location, field: FieldRef(key: "\(key).product", zh: "产品", en: "product"),
                        message: Localized(zh: "产品“\(productID)”不存在", en: "product '\(productID)' does not exist"),
                        help: known.isEmpty
                            ? Localized(zh: "先用 beian add product 添加产品", en: "add the product first with beian add product")
                            : Localized(zh: "已有产品：\(known.joined(separator: ", "))", en: "products in this bundle: \(known.joined(separator: ", "))")))
                    continue
                }
                var scope = product.paths
                if let pathID = entry["path"]?.text, !pathID.isEmpty {
                    scope = product.paths.filter { $0.id == pathID }
                    if scope.isEmpty {
                        out.append(Diagnostic(
                            .danglingReference, at: entry["path"]!.location, field: FieldRef(key: "\(key).path", zh: "功能访问路径", en: "access path"),
                            message: Localized(zh: "产品“\(productID)”没有路径“\(pathID)”", en: "product '\(productID)' has no path '\(pathID)'"),
                            help: Localized(zh: "可选路径：\(product.paths.map(\.id).joined(separator: ", "))", en: "its paths: \(product.paths.map(\.id).joined(separator: ", "))")))
                        continue
                    }
                }
                if let functionID = entry["function"]?.text, !functionID.isEmpty,
                   !scope.contains(where: { $0.functions.contains { $0.id == functionID } }) {
                    let available = scope.flatMap { $0.functions.map(\.id) }
                    out.append(Diagnostic(
                        .danglingReference, at: entry["function"]!.location, field: FieldRef(key: "\(key).function", zh: "功能", en: "function"),
                        message: Localized(zh: "找不到功能“\(functionID)”", en: "function '\(functionID)' not found"),
                        help: Localized(zh: "可选功能：\(available.joined(separator: ", "))", en: "functions there: \(available.joined(separator: ", "))")))
                }
            }
        }
        return out
    }
}
