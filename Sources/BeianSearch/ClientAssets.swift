import Foundation

/// The browser client (`Client/search.js`, `Client/search.css`), compiled into the executable
/// by scripts/embed-resources.
enum ClientAssets {
    /// The client file's text, compacted: JavaScript by `JSCompactor`, CSS without indentation
    /// and blank lines.
    static func text(_ name: String, ext: String) throws -> String {
        let source = try self.source(name, ext: ext)
        return ext == "js" ? JSCompactor.compact(source) : compact(source, lineComment: nil)
    }

    /// The client file as shipped, before compacting (what the index's version is keyed by:
    /// the compactor's own changes bump `SearchState.format`).
    static func source(_ name: String, ext: String) throws -> String {
        guard let file = EmbeddedClient.files.first(where: { $0.path == "\(name).\(ext)" }) else {
            throw SearchIndexError.missingClient("Client/\(name).\(ext)")
        }
        return String(decoding: file.data, as: UTF8.self)
    }

    static func compact(_ source: String, lineComment: String?) -> String {
        var lines: [Substring] = []
        for raw in source.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty { continue }
            if let c = lineComment, line.hasPrefix(c) { continue }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Why the index could not be built.
public enum SearchIndexError: Error, CustomStringConvertible {
    case missingClient(String)

    public var description: String {
        switch self {
        case .missingClient(let file):
            "search client file \(file) is not compiled in; add it to Sources/BeianSearch/Client and run scripts/embed-resources"
        }
    }
}
