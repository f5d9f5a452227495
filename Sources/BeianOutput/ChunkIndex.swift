import Foundation

/// Where each chunk of records sits inside the open-data files of a build
/// (`.beian-chunks`): path, chunk number, the chunk's input key, byte offset and length.
///
/// The next build copies an unchanged chunk's bytes from the live file instead of making
/// them again, so one approval does not regenerate a 100,000-record `filings.json`.
package struct ChunkIndex: Sendable {
    package static let fileName = ".beian-chunks"
    package static let header = "beian-portal-chunks 1"

    package struct Chunk: Sendable, Hashable {
        package var key: UInt64
        package var offset: Int
        package var length: Int
    }

    /// Path → chunks in order.
    private(set) var files: [String: [Chunk]] = [:]

    package init(files: [String: [Chunk]] = [:]) { self.files = files }

    package subscript(path: String) -> [Chunk] {
        get { files[path] ?? [] }
        set { files[path] = newValue }
    }

    package static func read(siteAt root: String) -> ChunkIndex {
        guard let text = try? String(contentsOfFile: root + "/" + fileName, encoding: .utf8) else { return ChunkIndex() }
        var lines = text.split(separator: "\n")
        guard lines.first == Substring(header) else { return ChunkIndex() }
        lines.removeFirst()
        var files: [String: [Chunk]] = [:]
        for line in lines {
            let p = line.split(separator: "\t")
            guard p.count == 5, let n = Int(p[1]), let key = UInt64(p[2], radix: 16), let offset = Int(p[3]),
                  let length = Int(p[4]), n == files[String(p[0]), default: []].count
            else { return ChunkIndex() }
            files[String(p[0]), default: []].append(Chunk(key: key, offset: offset, length: length))
        }
        return ChunkIndex(files: files)
    }

    package func serialized() -> [UInt8] {
        var out = ChunkIndex.header + "\n"
        for path in files.keys.sorted() {
            for (n, c) in files[path]!.enumerated() {
                out += "\(path)\t\(n)\t\(String(c.key, radix: 16))\t\(c.offset)\t\(c.length)\n"
            }
        }
        return Array(out.utf8)
    }
}
