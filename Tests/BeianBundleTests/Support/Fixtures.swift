import BeianBundle
import BeianDiagnostics
import BeianModel
import Foundation
import Testing

/// The fixture bundles under `Fixtures/`, read from the source tree so goldens can be re-recorded
/// in place, and helpers to copy, change and validate them in a temporary folder.
enum Fixtures {
    /// `Tests/BeianBundleTests/Fixtures` in the source tree.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The day every test validates on (what `SOURCE_DATE_EPOCH=1780000000` gives in China).
    static let today = CalendarDate("2026-05-29")!

    /// Loads and validates `path` as `beian validate` does (without `--draft` unless asked).
    static func load(_ path: String, draft: Bool = false) -> (bundle: LoadedBundle?, diagnostics: [Diagnostic]) {
        do {
            let bundle = try BundleLoader(draft: draft, today: today).load(path)
            return (bundle, bundle.diagnostics)
        } catch {
            return (nil, [error.diagnostic])
        }
    }

    /// The text `validate` prints for the bundle at `path` (English, without the summary line).
    static func report(_ path: String) -> String {
        DiagnosticRenderer.text(load(path).diagnostics, lang: .en)
    }
}

/// A scratch folder removed when the body returns; bundles are copied in as `<name>/`.
struct Scratch: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("beian-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Copies fixture `fixture` to `<scratch>/<name>` and returns its path.
    @discardableResult
    func copy(_ fixture: String, as name: String? = nil) throws -> URL {
        let target = url.appendingPathComponent(name ?? fixture)
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent(fixture), to: target)
        return target
    }

    /// Writes `text` to `relative` inside the scratch folder (creating folders).
    func write(_ text: String, to relative: String) throws {
        try write(Data(text.utf8), to: relative)
    }

    func write(_ data: Data, to relative: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// Replaces the one occurrence of `old` in a text file by `new`; fails the test if absent.
    func edit(_ relative: String, replacing old: String, with new: String,
              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let file = url.appendingPathComponent(relative)
        let text = try String(contentsOf: file, encoding: .utf8)
        let parts = text.components(separatedBy: old)
        try #require(parts.count == 2, "expected one '\(old)' in \(relative)", sourceLocation: sourceLocation)
        try Data(parts.joined(separator: new).utf8).write(to: file)
    }

    /// Validates `<scratch>/<name>` and renders the diagnostics with paths relative to the scratch folder.
    func report(_ name: String) -> String {
        Fixtures.report(url.appendingPathComponent(name).path).replacingOccurrences(of: url.path + "/", with: "")
    }

    func load(_ name: String, draft: Bool = false) -> (bundle: LoadedBundle?, diagnostics: [Diagnostic]) {
        Fixtures.load(url.appendingPathComponent(name).path, draft: draft)
    }

    /// `path` relative to the scratch folder, as diagnostics show it.
    func relative(_ location: BeianDiagnostics.SourceLocation) -> String {
        location.description.replacingOccurrences(of: url.path + "/", with: "")
    }
}
