public import Foundation

/// The files of a folder of the package's sources, for the tests that check a generated file
/// (scripts/embed-resources) against the folder it was made from.
public enum SourceFolder {
    /// The package root, from this file's place in `Tests/Support/`.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Relative path → bytes of every non-hidden regular file under `relative` (from the
    /// package root), as scripts/embed-resources lists them.
    public static func files(_ relative: String) -> [String: Data] {
        let base = packageRoot.appendingPathComponent(relative).path
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: base) else { return out }
        while let rel = walker.nextObject() as? String {
            if (rel as NSString).lastPathComponent.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            var isDir: ObjCBool = false
            let full = base + "/" + rel
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }

    /// Why the compiled-in files differ from the folder's (an empty list when they agree).
    public static func staleness(embedded: [(path: String, data: Data)], folder relative: String) -> [String] {
        let onDisk = files(relative)
        var problems: [String] = []
        if onDisk.isEmpty { problems.append("\(relative) is empty or missing") }
        let compiled = Dictionary(embedded.map { ($0.path, $0.data) }, uniquingKeysWith: { a, _ in a })
        for (path, data) in onDisk.sorted(by: { $0.key < $1.key }) {
            if compiled[path] == nil { problems.append("\(relative)/\(path) is not compiled in") }
            else if compiled[path] != data { problems.append("\(relative)/\(path) differs from its compiled-in copy") }
        }
        for path in compiled.keys.sorted() where onDisk[path] == nil {
            problems.append("\(relative)/\(path) is compiled in but no longer in the folder")
        }
        if !problems.isEmpty { problems.append("run scripts/embed-resources and commit the generated files") }
        return problems
    }
}
