import BeianStore
import Foundation

/// The new site being assembled in a staging folder beside the output, with the previous
/// site (if any) to hard-link unchanged files from.
///
/// Every file of a build goes through `emit`, so "unchanged files are not rewritten" holds
/// for pages, feeds, open data and assets alike.
struct OutputTree: Sendable {
    /// The staging folder (becomes the site at the swap).
    let root: String
    /// The previous site, if one exists.
    let previous: String?
    let previousManifest: BuildManifest

    /// What happened to one file.
    struct Emitted: Sendable {
        enum Outcome: Sendable { case written, kept, keptWithoutRendering }
        let path: String
        let entry: BuildManifest.Entry
        let outcome: Outcome
    }

    /// Produces the file `path`: kept from the previous build when its inputs (`inputKey`) or
    /// its bytes are unchanged, written otherwise.
    func emit(_ path: String, inputKey: Fingerprint? = nil, render: () throws -> [UInt8]) throws -> Emitted {
        let old = previousManifest[path]
        if let key = inputKey?.state, let old, old.input == key, try keep(path) {
            return Emitted(path: path, entry: old, outcome: .keptWithoutRendering)
        }
        let bytes = try render()
        var hash = Fingerprint()
        bytes.withUnsafeBytes { hash.add(bytes: $0) }
        let entry = BuildManifest.Entry(content: hash.state, input: inputKey?.state)
        if let old, old.content == hash.state, try keep(path) {
            return Emitted(path: path, entry: entry, outcome: .kept)
        }
        try bytes.withUnsafeBytes { buffer in try POSIX.writeNew(buffer, to: root + "/" + path) }
        return Emitted(path: path, entry: entry, outcome: .written)
    }

    /// Produces a large file by streaming it (`filings.json`, `filings.csv`): written to the
    /// staging folder as it is produced, then swapped for a link to the previous copy if the
    /// bytes turned out the same.
    func emitStreaming(_ path: String, produce: (inout StreamWriter) throws -> Void) throws -> Emitted {
        let full = root + "/" + path
        var writer = try StreamWriter(path: full)
        do {
            try produce(&writer)
        } catch {
            writer.abandon()
            throw error
        }
        let hash = try writer.finish()
        let entry = BuildManifest.Entry(content: hash.state, input: nil)
        if let old = previousManifest[path], old.content == hash.state, let previous {
            unlink(full)
            if try POSIX.hardLink(previous + "/" + path, full) {
                return Emitted(path: path, entry: entry, outcome: .kept)
            }
            // The old copy vanished: fall through and write it again.
            writer = try StreamWriter(path: full)
            try produce(&writer)
            _ = try writer.finish()
        }
        return Emitted(path: path, entry: entry, outcome: .written)
    }

    /// Hard-links the previous build's copy of `path` into the new tree.
    private func keep(_ path: String) throws -> Bool {
        guard let previous else { return false }
        return try POSIX.hardLink(previous + "/" + path, root + "/" + path)
    }
}

/// A buffered writer for one large new file that fingerprints its bytes as it goes.
struct StreamWriter: ~Copyable {
    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private var hash = Fingerprint()
    private static let chunk = 1 << 20

    init(path: String) throws {
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try POSIX.makeDirectories((path as NSString).deletingLastPathComponent)
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw POSIX.failure(path, "cannot create") }
        self.fd = fd
        self.path = path
        buffer.reserveCapacity(StreamWriter.chunk + 65_536)
    }

    mutating func write(_ s: String) throws {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= StreamWriter.chunk { try flush() }
    }

    mutating func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= StreamWriter.chunk { try flush() }
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let path = self.path, fd = self.fd
        try buffer.withUnsafeBytes { raw in
            hash.add(bytes: raw)
            try POSIX.writeAll(fd, raw, path: path)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file; returns the fingerprint of everything written.
    consuming func finish() throws -> Fingerprint {
        try flush()
        close(fd)
        return hash
    }

    /// Closes and deletes the partial file.
    consuming func abandon() {
        close(fd)
        unlink(path)
    }
}
