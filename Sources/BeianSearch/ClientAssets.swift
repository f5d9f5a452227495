import BeianModel
import Foundation

/// The browser client (`Client/search.js`, `Client/search.css`, `Client/search-en.json`),
/// compiled into the executable by scripts/embed-resources.
enum ClientAssets {
    /// `search-en.json`, what an English search page (`<html lang="en">`) fetches beside the
    /// manifest: `ui`, the client's strings in English (`Client/search-en.json`, hand-written,
    /// the same keys as the Chinese ones in search.js), and `names`, the facet names in English
    /// from BeianModel — `types`, `roles`, `statuses` in the order the manifest lists them, and
    /// `provinces` by code (every province, and `00`: Unknown), so the file does not depend on
    /// the index. A separate file, so the Chinese page's first query does not fetch English.
    static func english() throws -> String {
        let source = try self.source("search-en", ext: "json")
        guard let ui = try? JSONSerialization.jsonObject(with: Data(source.utf8)) as? [String: Any] else {
            throw SearchIndexError.badClient("Client/search-en.json", "not a JSON object")
        }
        var provinces = Region.englishProvinceNames
        provinces["00"] = "Unknown"
        let names: [String: Any] = [
            "types": AlgorithmType.allCases.map(\.englishName),
            "roles": AlgorithmRole.allCases.map(\.englishName),
            "statuses": PublicStatus.allCases.map(\.englishName),
            "provinces": provinces,
        ]
        let data = try JSONSerialization.data(withJSONObject: ["ui": ui, "names": names],
                                              options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

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
    case badClient(String, String)

    public var description: String {
        switch self {
        case .missingClient(let file):
            "search client file \(file) is not compiled in; add it to Sources/BeianSearch/Client and run scripts/embed-resources"
        case .badClient(let file, let why):
            "search client file \(file) is \(why); fix it in Sources/BeianSearch/Client and run scripts/embed-resources"
        }
    }
}
