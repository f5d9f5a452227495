import BeianDiagnostics
public import BeianModel
public import BeianBundle
import BeianStore
import Foundation

/// The SHA-256 of every file an item's submission covers: its YAML (and disclosure) plus
/// every attachment it names.
public enum Manifest {
    /// path relative to the bundle → hex SHA-256; files that cannot be read are left out.
    public static func compute(for item: ItemRef, in bundle: LoadedBundle) -> [String: String] {
        var paths = BundlePaths.files(of: item)
        switch item {
        case .entity:
            if let e = bundle.entity { paths += [e.certificate.scan, e.commitmentLetter, e.responsibilityReport] }
        case .product: break
        case .algorithm(let id):
            if let a = bundle.algorithms.first(where: { $0.id == id }) { paths.append(a.selfAssessment) }
        }
        var out: [String: String] = [:]
        for p in paths where !p.isEmpty {
            let url = bundle.root.appendingPathComponent(p)
            if let hash = try? SHA256Hash.hex(fileAt: url) { out[p] = hash }
        }
        return out
    }

    /// The first file whose content differs from `sealed` (changed, added or removed).
    public static func firstDifference(sealed: [String: String], current: [String: String]) -> String? {
        for path in Set(sealed.keys).union(current.keys).sorted() where sealed[path] != current[path] {
            return path
        }
        return nil
    }
}
