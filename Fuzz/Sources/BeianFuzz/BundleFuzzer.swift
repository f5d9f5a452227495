import BeianBundle
import BeianDiagnostics
import BeianModel
import Foundation

/// Loads the input as every YAML document of a bundle through the real `BundleLoader`, so the
/// size and UTF-8 checks, the YAML reader (alias refusal, duplicate keys), the schema and format
/// rules, the model builder and the cross-file rules (attachments, roles, ids) all see it.
///
/// Invariants: loading a bundle's content never throws; every diagnostic names a file of the
/// bundle at a 1-based line and column within that file; every diagnostic prints as its two
/// lines, whatever line breaks the file's keys and values hold.
final class BundleFuzzer: @unchecked Sendable {
    static let shared = BundleFuzzer()

    /// The scratch bundle, rewritten for every input (one per process, removed at exit).
    let root: URL
    let files = ["entity.yaml", "products/p.yaml", "algorithms/a/algorithm.yaml"]
    let today = CalendarDate(year: 2026, month: 6, day: 1)!
    let lock = NSLock()

    init() {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("beian-fuzz-\(getpid())-\(UUID().uuidString)")
        root = scratch.appendingPathComponent("bundle")
        Self.scratchToRemove = scratch.path
        _ = Self.cleanup
        for folder in ["products", "algorithms/a", "attachments"] {
            try? FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        // A disclosure, so the algorithm is otherwise complete.
        try? Data("# 算法基本原理\n\n说明。\n".utf8).write(to: root.appendingPathComponent("algorithms/a/disclosure.md"))
    }

    func run(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        for file in files {
            do { try data.write(to: root.appendingPathComponent(file)) } catch { violated("cannot write the scratch bundle", "\(error)") }
        }
        // Draft and full validation differ (missing fields, completeness); the input's length
        // picks one, so both are reached.
        let loader = BundleLoader(draft: data.count % 2 == 1, today: today)
        let bundle: LoadedBundle
        do { bundle = try loader.load(root.path) } catch { violated("the bundle folder exists, yet load threw", "\(error.diagnostic)") }

        let shape = FileShape(data)
        for d in bundle.diagnostics {
            let loc = d.location
            guard loc.path.hasPrefix(root.path + "/") || loc.path == root.path else {
                violated("a diagnostic names a path outside the bundle", "\(d)")
            }
            guard loc.line >= 1, loc.column >= 1 else { violated("a position is not 1-based", "\(d)") }
            let relative = String(loc.path.dropFirst(root.path.count + 1))
            if files.contains(relative), let problem = shape.problem(line: loc.line, column: loc.column) {
                violated(problem, "\(d)")
            }
        }
        // Each diagnostic prints as exactly two lines (the problem, then its help): a line break
        // in a filer's key or value must not start a line of its own (a forged "✓ valid").
        let breaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
        for d in bundle.diagnostics {
            for lang in [Lang.zh, .en] {
                let text = DiagnosticRenderer.text(d, lang: lang)
                guard text.unicodeScalars.filter({ breaks.contains($0) }).map(\.value) == [0x0A] else {
                    violated("a diagnostic's text is not exactly two lines", text)
                }
            }
        }
        _ = DiagnosticRenderer.json(bundle.diagnostics, lang: .en)
    }

    static let cleanup: Void = {
        atexit {
            if let root = BundleFuzzer.scratchToRemove { try? FileManager.default.removeItem(atPath: root) }
        }
    }()
    nonisolated(unsafe) static var scratchToRemove: String?
}

/// Where positions may point in a file: 1-based lines and columns, columns in Unicode scalars.
struct FileShape {
    /// The length of each line in scalars, when the file breaks lines with "\n" only.
    var lines: [Int]?
    /// The most lines any reading of the line breaks gives ("\r", NEL, LS and PS count too, as
    /// libyaml counts them), and the longest line.
    var maxLines: Int
    var longest: Int

    init(_ data: Data) {
        let scalars = String(decoding: data, as: UTF8.self).unicodeScalars
        let byNewline = scalars.split(separator: "\n", omittingEmptySubsequences: false).map(\.count)
        let others: Set<Unicode.Scalar> = ["\r", "\u{85}", "\u{2028}", "\u{2029}"]
        let unusual = scalars.contains { others.contains($0) }
        lines = unusual ? nil : byNewline
        maxLines = byNewline.count + scalars.filter { others.contains($0) }.count
        longest = byNewline.max() ?? 0
    }

    /// Why `line:column` cannot be a place in this file (one past the end of a line is allowed,
    /// and the line after the last: the end of the file), or nil.
    func problem(line: Int, column: Int) -> String? {
        if line == 1 && column == 1 { return nil }
        guard line <= maxLines + 1 else { return "a diagnostic points past the end of the file (\(maxLines) lines)" }
        if let lines, line <= lines.count {
            return column <= lines[line - 1] + 1 ? nil
                : "a diagnostic points past the end of its line (\(lines[line - 1]) characters)"
        }
        return column <= longest + 1 ? nil : "a diagnostic's column is past the longest line (\(longest) characters)"
    }
}
