/// A public field of a filing that an approved change can change: the `PublicFiling`
/// allow-list's filer-visible fields, and nothing else (never a credit code, a person, a
/// private attribute). Declaration order is the order changes are listed in.
public enum PublicField: String, Sendable, Codable, CaseIterable, Hashable {
    case algorithmName, type, role, products, purpose, disclosure, entityName, region

    /// True for the fields whose change lists items removed and added rather than one old and
    /// one new value: `products` (one item per product) and `disclosure` (one per line).
    public var isList: Bool { self == .products || self == .disclosure }
}

/// How one public field changed in an approved change.
///
/// - A one-value field (`algorithmName`, `type`, `role`, `purpose`, `entityName`, `region`):
///   `old` and `new` hold one value each — the type and role by their published names, the
///   region by its six-digit code.
/// - `products`: `old` the products no longer listed, `new` those newly listed (a product kept
///   is in neither), each in list order.
/// - `disclosure` (拟公示内容, long Markdown): a line diff — `old` the lines removed, `new` the
///   lines added, each in document order; blank lines are left out. The whole text is not
///   repeated: the current one is on the page.
public struct PublicChange: Sendable, Codable, Hashable {
    public var field: PublicField
    public var old: [String]
    public var new: [String]

    public init(field: PublicField, old: [String], new: [String]) {
        self.field = field
        self.old = old
        self.new = new
    }

    /// A one-value field's change; nil when the value is unchanged.
    public static func value(_ field: PublicField, _ old: String, _ new: String) -> PublicChange? {
        old == new ? nil : PublicChange(field: field, old: [old], new: [new])
    }

    /// A list's change (items removed, items added); nil when the list is unchanged.
    public static func list(_ field: PublicField, _ old: [String], _ new: [String]) -> PublicChange? {
        guard old != new else { return nil }
        let (removed, added) = LineDiff.diff(old, new)
        return PublicChange(field: field, old: removed, new: added)
    }

    /// The disclosure's change as a line diff; nil when the text is unchanged.
    public static func lines(_ field: PublicField, _ old: String, _ new: String) -> PublicChange? {
        guard old != new else { return nil }
        func lines(_ s: String) -> [String] {
            s.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        }
        let (removed, added) = LineDiff.diff(lines(old), lines(new))
        let blank: (String) -> Bool = { $0.allSatisfy(\.isWhitespace) }
        return PublicChange(field: field, old: removed.filter { !blank($0) }, new: added.filter { !blank($0) })
    }

    /// The public fields that differ between two versions of a filing, in `PublicField` order
    /// (only those in `fields`).
    public static func between(_ a: PublicFiling, _ b: PublicFiling, fields: [PublicField] = PublicField.allCases) -> [PublicChange] {
        fields.compactMap { field in
            switch field {
            case .algorithmName: value(field, a.algorithmName, b.algorithmName)
            case .type: value(field, a.type.rawValue, b.type.rawValue)
            case .role: value(field, a.role.rawValue, b.role.rawValue)
            case .products: list(field, a.products, b.products)
            case .purpose: value(field, a.purpose, b.purpose)
            case .disclosure: lines(field, a.disclosure, b.disclosure)
            case .entityName: value(field, a.entityName, b.entityName)
            case .region: value(field, a.region, b.region)
            }
        }
    }
}

/// The items removed from and added to a list, by longest common subsequence (what `diff`
/// shows), each in order.
enum LineDiff {
    /// Above this many cells (after the common head and tail are set aside) the middle is
    /// reported as all removed and all added: a hostile 100,000-line text costs no quadratic time.
    static let limit = 4_000_000

    static func diff(_ a: [String], _ b: [String]) -> (removed: [String], added: [String]) {
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let x = Array(a[head..<(a.count - tail)]), y = Array(b[head..<(b.count - tail)])
        if x.isEmpty || y.isEmpty || x.count * y.count > limit { return (x, y) }
        // lengths[i][j]: LCS of x[i...] and y[j...], in one flat array.
        let w = y.count + 1
        var lengths = [Int32](repeating: 0, count: (x.count + 1) * w)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                lengths[i * w + j] = x[i] == y[j] ? lengths[(i + 1) * w + j + 1] + 1 : max(lengths[(i + 1) * w + j], lengths[i * w + j + 1])
            }
        }
        var removed: [String] = [], added: [String] = []
        var (i, j) = (0, 0)
        while i < x.count, j < y.count {
            if x[i] == y[j] { i += 1; j += 1 }
            else if lengths[(i + 1) * w + j] >= lengths[i * w + j + 1] { removed.append(x[i]); i += 1 }
            else { added.append(y[j]); j += 1 }
        }
        removed += x[i...]
        added += y[j...]
        return (removed, added)
    }
}
