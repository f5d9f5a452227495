import BeianStore
import Foundation

/// What the previous `beian build` read from each Markdown file of `content/` that had no
/// problem, so a rebuild parses and renders again only the files that changed
/// (`.site.content-cache` beside the site).
///
/// An entry is used when the file's `FileSignature` (inode, size, modification and
/// status-change times) is the one recorded, under the same header: cache format, the day the
/// checks run on (a date may become "in the future" on another day), how the folder was named
/// and the Markdown options. A file with any diagnostic is never cached, so its messages come
/// back every time. Unreadable or of another header: no cache. Deleting it is always safe.
struct ContentCache: Codable, Equatable {
    /// Bump whenever loading or rendering gives other values for the same file.
    static let format = "beian-content-cache 1"

    struct Entry<Value: Codable & Equatable>: Codable, Equatable {
        var signature: String
        var value: Value
    }

    var header: String
    var announcements: [String: Entry<Announcement>] = [:]
    var pages: [String: Entry<Page>] = [:]

    init(header: String) { self.header = header }

    static func read(_ url: URL, header: String) -> ContentCache? {
        guard let data = try? Data(contentsOf: url),
              let cache = try? JSONDecoder().decode(ContentCache.self, from: data), cache.header == header else { return nil }
        return cache
    }

    func write(_ url: URL) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // A cache that cannot be written costs the next build time, nothing else.
        if let data = try? encoder.encode(self) { try? AtomicFile.write(data, to: url, durable: false) }
    }
}
