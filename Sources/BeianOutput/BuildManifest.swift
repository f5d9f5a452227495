package import BeianStore
import Foundation

/// The record of a build kept inside the site (`.beian-manifest`): for every file, the
/// fingerprint of its bytes and, for pages keyed by their inputs, of those inputs — in groups.
///
/// The next build reads it to keep unchanged files: a page whose input key matches is
/// hard-linked without rendering; a rendered file whose bytes hash the same is hard-linked
/// instead of written. Files come in groups (`PortalBuilder.plan`: the filing pages whose
/// number hashes to one bucket, a run of list pages, the search files of one bucket …), each
/// with a key over its files' input keys. A group whose key is unchanged is kept whole: its
/// files are neither rendered nor looked at one by one, and its records are copied as bytes —
/// so a rebuild after one approval handles a few hundred files of a 210,000-file site.
///
/// Binary and private (`header`); files in the build's plan order, so it is as reproducible
/// as the rest of the site. Unreadable or of another version, it is empty (everything is
/// rendered and compared afresh).
package struct BuildManifest: Sendable {
    package static let fileName = ".beian-manifest"
    package static let header = "beian-portal-manifest 3\n"  // 3: each file's size and SHA-256 (the signed file list)

    package struct Entry: Sendable, Hashable {
        package var content: UInt64
        package var input: UInt64?
        /// The file's size and SHA-256: what the signed head commits to (`SiteFiles`).
        package var size: Int
        package var digest: Digest32

        /// The entry of `bytes`, rendered with inputs `input`.
        package init(bytes: UnsafeRawBufferPointer, input: UInt64?) {
            var hash = Fingerprint()
            hash.add(bytes: bytes)
            self.init(content: hash.state, input: input, size: bytes.count, digest: .of(bytes))
        }

        package init(content: UInt64, input: UInt64?, size: Int, digest: Digest32) {
            self.content = content
            self.input = input
            self.size = size
            self.digest = digest
        }
    }

    /// One group as a previous build recorded it; its files stay encoded until asked for.
    package struct Group: Sendable {
        package var name: String
        /// Nil for a group with a file that has no input key (rendered and compared each build).
        package var key: UInt64?
        /// A hash of the group's paths in order.
        package var paths: UInt64
        /// A hash of the group's paths and contents in order: equal digests, equal files.
        package var digest: UInt64
        package var files: Int
        package var pages: Int
        /// The encoded files (`encode(_:)`): path, content, input.
        package var records: ArraySlice<UInt8>

        /// The group of `files`, in that order.
        package init(name: String, key: UInt64?, files list: [(path: String, entry: Entry)]) {
            var paths = Fingerprint()
            var digest = Fingerprint()
            var pages = 0
            for (path, e) in list {
                paths.add(path)
                digest.add(path)
                digest.add(word: e.content)
                if path.hasSuffix(".html") { pages += 1 }
            }
            self.init(name: name, key: key, paths: paths.state, digest: digest.state, files: list.count, pages: pages,
                      records: BuildManifest.encode(list)[...])
        }

        package init(name: String, key: UInt64?, paths: UInt64, digest: UInt64, files: Int, pages: Int, records: ArraySlice<UInt8>) {
            self.name = name
            self.key = key
            self.paths = paths
            self.digest = digest
            self.files = files
            self.pages = pages
            self.records = records
        }

        /// The group's files, path → entry.
        package func entries() -> [String: Entry] {
            var out: [String: Entry] = [:]
            out.reserveCapacity(files)
            BuildManifest.decode(records) { out[$0] = $1 }
            return out
        }

        /// The group's files in order.
        package func list() -> [(path: String, entry: Entry)] {
            var out: [(path: String, entry: Entry)] = []
            out.reserveCapacity(files)
            BuildManifest.decode(records) { out.append(($0, $1)) }
            return out
        }
    }

    package private(set) var groups: [String: Group] = [:]

    package init() {}

    package init(groups: [Group]) {
        self.groups.reserveCapacity(groups.count)
        for g in groups { self.groups[g.name] = g }
    }

    package var isEmpty: Bool { groups.isEmpty }

    /// Reads the manifest of a previous site; an absent or unreadable one is empty.
    package static func read(siteAt root: String) -> BuildManifest {
        // Read straight into an array (10 MB at 100,000 filings: no copy through `Data`).
        let path = root + "/" + fileName
        var st = stat()
        guard stat(path, &st) == 0, let bytes = POSIX.read(path, at: 0, count: Int(st.st_size)) else { return BuildManifest() }
        return parse(bytes)
    }

    package static func parse(_ bytes: [UInt8]) -> BuildManifest {
        let head = Array(header.utf8)
        guard bytes.count >= head.count, Array(bytes[0..<head.count]) == head else { return BuildManifest() }
        let groups: [Group]? = bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            r.offset = head.count
            guard let count = r.int() else { return nil }
            var out: [Group] = []
            out.reserveCapacity(min(count, 100_000))
            for _ in 0..<count {
                guard let name = r.string(), let hasKey = r.int(), let key = r.word(), let paths = r.word(), let digest = r.word(),
                      let files = r.int(), let pages = r.int(), let range = r.bytes() else { return nil }
                out.append(Group(name: name, key: hasKey == 1 ? key : nil, paths: paths, digest: digest, files: files, pages: pages,
                                 records: bytes[range]))
            }
            return r.atEnd ? out : nil
        }
        return groups.map(BuildManifest.init(groups:)) ?? BuildManifest()
    }

    /// A group's records, encoded.
    package static func encode(_ files: [(path: String, entry: Entry)]) -> [UInt8] {
        var w = ByteWriter()
        w.bytes.reserveCapacity(files.count * 64)
        for (path, e) in files {
            w.string(path)
            w.word(e.content)
            if let input = e.input { w.int(1); w.word(input) } else { w.int(0) }
            w.int(e.size)
            w.word(e.digest.words.0)
            w.word(e.digest.words.1)
            w.word(e.digest.words.2)
            w.word(e.digest.words.3)
        }
        return w.bytes
    }

    private static func decode(_ records: ArraySlice<UInt8>, _ each: (String, Entry) -> Void) {
        records.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            while !r.atEnd {
                guard let path = r.string(), let content = r.word(), let hasInput = r.int() else { return }
                var input: UInt64?
                if hasInput == 1 {
                    guard let i = r.word() else { return }
                    input = i
                }
                guard let size = r.int(), let d0 = r.word(), let d1 = r.word(), let d2 = r.word(), let d3 = r.word() else { return }
                each(path, Entry(content: content, input: input, size: size, digest: Digest32(words: (d0, d1, d2, d3))))
            }
        }
    }

    /// The manifest's bytes: the groups in the order given.
    package static func serialize(_ groups: [Group]) -> [UInt8] {
        var w = ByteWriter()
        // Sized once (10 MB at 100,000 filings): grown by doubling, it was copied and faulted in
        // twice over.
        w.bytes.reserveCapacity(header.utf8.count + groups.reduce(16) { $0 + $1.name.utf8.count + $1.records.count + 80 })
        w.bytes += header.utf8
        w.int(groups.count)
        for g in groups {
            w.string(g.name)
            w.int(g.key == nil ? 0 : 1)
            w.word(g.key ?? 0)
            w.word(g.paths)
            w.word(g.digest)
            w.int(g.files)
            w.int(g.pages)
            w.int(g.records.count)
            w.bytes.append(contentsOf: g.records)
        }
        return w.bytes
    }
}
