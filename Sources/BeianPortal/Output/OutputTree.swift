import BeianStore
import Foundation

/// The new site being assembled in a staging folder beside the output.
///
/// The staging folder is either new and empty, or the site of the build before the previous
/// one, recycled (`.site.prev`), whose manifest (`base`) says what each file holds. For each
/// file of the new site, `emit` does the least work that makes the staging copy right:
/// nothing if the recycled copy already is; a hard link to the live site's copy if that one
/// is; otherwise it renders and writes. A rebuild after one change therefore touches only
/// the changed files, not every file of the site.
///
/// A file in the staging folder may share its inode with the live site (hard links), so it is
/// never written in place: it is unlinked and created anew, or replaced by `rename`.
struct OutputTree: Sendable {
    /// The staging folder (becomes the site at the swap).
    let root: String
    /// What the staging folder already holds (a recycled site), path → entry.
    let base: BuildManifest
    /// The live site, if one exists.
    let previous: String?
    let previousManifest: BuildManifest

    /// What happened to one file.
    struct Emitted: Sendable {
        enum Outcome: Sendable { case written, kept, keptWithoutRendering }
        let path: String
        let entry: BuildManifest.Entry
        let outcome: Outcome
    }

    /// True when `emit` will keep `path` without rendering it.
    func isUnchanged(_ path: String, inputKey: Fingerprint?) -> Bool {
        guard let key = inputKey?.state else { return false }
        return base[path]?.input == key || (previous != nil && previousManifest[path]?.input == key)
    }

    /// Produces the file `path`: kept when its inputs (`inputKey`) or its bytes are unchanged,
    /// written otherwise.
    func emit(_ path: String, inputKey: Fingerprint? = nil, render: () throws -> [UInt8]) throws -> Emitted {
        if let key = inputKey?.state {
            if let b = base[path], b.input == key {
                return Emitted(path: path, entry: b, outcome: .keptWithoutRendering)
            }
            if let old = previousManifest[path], old.input == key, try linkFromPrevious(path) {
                return Emitted(path: path, entry: old, outcome: .keptWithoutRendering)
            }
        }
        let bytes = try render()
        var hash = Fingerprint()
        bytes.withUnsafeBytes { hash.add(bytes: $0) }
        let entry = BuildManifest.Entry(content: hash.state, input: inputKey?.state)
        if try keep(path, content: hash.state) {
            return Emitted(path: path, entry: entry, outcome: .kept)
        }
        let full = root + "/" + path
        try POSIX.removeFile(full)
        try bytes.withUnsafeBytes { buffer in try POSIX.writeNew(buffer, to: full) }
        return Emitted(path: path, entry: entry, outcome: .written)
    }

    /// Produces a large open-data file: kept if no record changed; otherwise assembled chunk
    /// by chunk — an unchanged chunk's bytes copied from the live file (`previousChunks`), a
    /// changed one made anew, in parallel, a window at a time so memory stays flat — streamed
    /// to a temporary name, then kept or renamed into place. Returns where its chunks are.
    func emit(_ file: OpenDataFile, tasks: Int, baseChunks: [ChunkIndex.Chunk], previousChunks: [ChunkIndex.Chunk])
        async throws -> (Emitted, [ChunkIndex.Chunk]) {
        let key = file.inputKey
        if let b = base[file.path], b.input == key.state, baseChunks.count == file.chunks.count {
            return (Emitted(path: file.path, entry: b, outcome: .keptWithoutRendering), baseChunks)
        }
        if let old = previousManifest[file.path], old.input == key.state, previousChunks.count == file.chunks.count,
           try linkFromPrevious(file.path) {
            return (Emitted(path: file.path, entry: old, outcome: .keptWithoutRendering), previousChunks)
        }
        let full = root + "/" + file.path
        let temporary = full + ".partial"
        let source = previous.map { $0 + "/" + file.path }
        try POSIX.removeFile(temporary)
        var writer = try StreamWriter(path: temporary)
        var placed: [ChunkIndex.Chunk] = []
        do {
            try writer.write(file.header)
            var offset = file.header.count
            let chunks = Array(file.chunks.enumerated())
            let window = max(1, tasks) * 8
            var start = 0
            while start < chunks.count {
                let batch = Array(chunks[start..<min(chunks.count, start + window)])
                let parts = try await Parallel.map(batch, tasks: tasks, worker: { file }) { file, chunk in
                    let key = file.recordsKey(chunk.element).state
                    if let source, chunk.offset < previousChunks.count, previousChunks[chunk.offset].key == key,
                       let bytes = POSIX.read(source, at: previousChunks[chunk.offset].offset,
                                              count: previousChunks[chunk.offset].length) {
                        return (key, bytes)
                    }
                    return (key, file.records(chunk.element))
                }
                for (key, bytes) in parts {
                    try writer.write(bytes)
                    placed.append(ChunkIndex.Chunk(key: key, offset: offset, length: bytes.count))
                    offset += bytes.count
                }
                start += window
            }
            try writer.write(file.footer)
        } catch {
            writer.abandon()
            throw error
        }
        let hash = try writer.finish()
        let entry = BuildManifest.Entry(content: hash.state, input: key.state)
        if try keep(file.path, content: hash.state) {
            try POSIX.removeFile(temporary)
            return (Emitted(path: file.path, entry: entry, outcome: .kept), placed)
        }
        try POSIX.renameOrThrow(temporary, full)
        return (Emitted(path: file.path, entry: entry, outcome: .written), placed)
    }

    /// Deletes what the recycled site held that the new one does not, and folders left empty.
    func removeStale(keeping paths: Set<String>) throws {
        var folders = Set<String>()
        for path in base.paths where !paths.contains(path) {
            try POSIX.removeFile(root + "/" + path)
            var dir = (path as NSString).deletingLastPathComponent
            while !dir.isEmpty {
                folders.insert(dir)
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        // Deepest first; a folder that still holds something stays.
        for dir in folders.sorted(by: { $0.count > $1.count }) { rmdir(root + "/" + dir) }
    }

    /// True when the staging copy of `path` now holds `content`: already there (recycled), or
    /// hard-linked from the live site.
    private func keep(_ path: String, content: UInt64) throws -> Bool {
        if base[path]?.content == content { return true }
        if previousManifest[path]?.content == content { return try linkFromPrevious(path) }
        return false
    }

    /// Replaces the staging copy of `path` by a hard link to the live site's copy.
    private func linkFromPrevious(_ path: String) throws -> Bool {
        guard let previous, POSIX.exists(previous + "/" + path) else { return false }
        let full = root + "/" + path
        if base[path] != nil { try POSIX.removeFile(full) }
        return try POSIX.hardLink(previous + "/" + path, full)
    }
}

/// A buffered writer for one large new file that fingerprints its bytes as it goes.
struct StreamWriter: ~Copyable {
    private let fd: Int32
    private let path: String
    private var buffer: [UInt8] = []
    private var hash = Fingerprint()
    private static let chunk = 1 << 20

    /// Creates `path`, which must not exist (it may not be written in place, see `OutputTree`).
    init(path: String) throws {
        var fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try POSIX.makeDirectories((path as NSString).deletingLastPathComponent)
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
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
        defer { close(fd) }
        try flush()
        return hash
    }

    /// Closes and deletes the partial file.
    consuming func abandon() {
        close(fd)
        unlink(path)
    }
}
