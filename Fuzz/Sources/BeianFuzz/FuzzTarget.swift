public import Foundation

/// The fuzzing targets: each takes any bytes and must neither crash nor break its invariants
/// (a broken invariant is a `fatalError`, which libFuzzer reports as a crash).
///
/// `beian-fuzz` runs one of them under libFuzzer (`scripts/fuzz`); `BeianFuzzTests` replays
/// `Fuzz/regressions/<target>/` and `Fuzz/corpus/<target>/` through the same functions.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A bundle document: the bytes as `entity.yaml`, `products/p.yaml` and
    /// `algorithms/a/algorithm.yaml` of a bundle folder, loaded and validated by `BundleLoader`.
    case bundle
    /// Markdown: rendered by `MarkdownRenderer` (cmark-gfm and the transforms), cut into an
    /// excerpt, and checked as a disclosure (`DisclosureRule`).
    case markdown
    /// A sealed package (SPEC §7): the bytes as the zip `beian review receive` reads
    /// (`ZipReader`), its limits and name rules, written again and read back.
    case package

    /// Runs one input; returns normally when the target held up.
    public func run(_ data: Data) {
        switch self {
        case .bundle: BundleFuzzer.shared.run(data)
        case .markdown: MarkdownFuzzer.run(data)
        case .package: PackageFuzzer.run(data)
        }
    }
}

/// A broken invariant: stops the process so libFuzzer keeps the input.
func violated(_ what: String, _ detail: @autoclosure () -> String = "") -> Never {
    fatalError("fuzz invariant broken: \(what)\n\(detail())")
}
