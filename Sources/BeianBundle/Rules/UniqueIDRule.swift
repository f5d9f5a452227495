public import BeianDiagnostics
import BeianModel

/// F214: path ids are unique within a product, function ids unique within a product.
///
/// Why: `applies_to` names a path or function by id; a repeated id makes the link ambiguous.
/// Fix: rename one of the two.
public enum UniqueIDRule {
    public static func check(_ bundle: LoadedBundle) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for product in bundle.products {
            guard let doc = bundle.documents[.product(product.id)] else { continue }
            var paths: [String: SourceLocation] = [:]
            var functions: [String: SourceLocation] = [:]
            for (i, p) in (doc["paths"]?.items ?? []).enumerated() {
                if let id = p["id"]?.text, !id.isEmpty, let loc = p["id"]?.location {
                    if let first = paths[id] {
                        out.append(duplicate(id, at: loc, first: first, key: "paths[\(i + 1)].id", zh: "路径标识", en: "path id"))
                    } else { paths[id] = loc }
                }
                for (j, f) in (p["functions"]?.items ?? []).enumerated() {
                    guard let id = f["id"]?.text, !id.isEmpty, let loc = f["id"]?.location else { continue }
                    if let first = functions[id] {
                        out.append(duplicate(id, at: loc, first: first, key: "paths[\(i + 1)].functions[\(j + 1)].id", zh: "功能标识", en: "function id"))
                    } else { functions[id] = loc }
                }
            }
        }
        return out
    }

    static func duplicate(_ id: String, at loc: SourceLocation, first: SourceLocation, key: String, zh: String, en: String) -> Diagnostic {
        Diagnostic(.duplicateID, at: loc, field: FieldRef(key: key, zh: zh, en: en),
                   message: Localized(zh: "标识“\(id)”与第 \(first.line) 行重复", en: "id '\(id)' is already used on line \(first.line)"),
                   help: Localized(zh: "同一产品内的路径和功能标识不能重复；改用另一个标识", en: "ids of paths and functions must be unique within a product; pick another"))
    }
}
