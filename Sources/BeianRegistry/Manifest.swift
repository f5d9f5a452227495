import BeianDiagnostics
public import BeianModel
public import BeianBundle
import BeianStore
public import Foundation

/// The SHA-256 of every file an item's submission covers: its YAML (and disclosure) plus
/// every attachment it names.
public enum Manifest {
    /// The files an item covers, relative to the bundle: its YAML (and disclosure), then the
    /// attachments its YAML names.
    public static func paths(for item: ItemRef, in bundle: LoadedBundle) -> [String] {
        var paths = BundlePaths.files(of: item)
        switch item {
        case .entity:
            if let e = bundle.entity { paths += [e.certificate.scan, e.commitmentLetter, e.responsibilityReport] }
        case .product: break
        case .algorithm(let id):
            if let a = bundle.algorithms.first(where: { $0.id == id }) { paths.append(a.selfAssessment) }
        }
        var seen: Set<String> = []
        return paths.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The largest file a submission covers (an attachment's limit; text files have smaller ones).
    static let maxFileSize = AttachmentRule.maxSize

    /// The bytes of every file the items cover, read once through `bundle.files` (no link
    /// followed; a stored submission's bytes where the bundle has them). Files that cannot be
    /// read are left out: validation reports them.
    public static func collect(_ items: [ItemRef], in bundle: LoadedBundle) -> [String: Data] {
        var out: [String: Data] = [:]
        for item in items {
            for p in paths(for: item, in: bundle) where out[p] == nil {
                if case .success(let data) = bundle.files.read(p, limit: maxFileSize) { out[p] = data }
            }
        }
        return out
    }

    /// path relative to the bundle → hex SHA-256; files that cannot be read are left out.
    public static func compute(for item: ItemRef, in bundle: LoadedBundle) -> [String: String] {
        of(item, in: bundle, bytes: collect([item], in: bundle))
    }

    /// The manifest of `item` over bytes already read (`collect`).
    public static func of(_ item: ItemRef, in bundle: LoadedBundle, bytes: [String: Data]) -> [String: String] {
        var out: [String: String] = [:]
        for p in paths(for: item, in: bundle) { if let data = bytes[p] { out[p] = SHA256Hash.hex(data) } }
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
