import BeianStore
import Foundation

/// The new site being assembled in a staging folder beside the output.
///
/// The staging folder is either new and empty, or the site of the build before the previous
/// one, recycled (`.site.prev`), whose manifest (`base`) says what each file holds. A tree
/// covers one group of files (`BuildManifest.Group`): `base` and `previousManifest` hold that
/// group's records. For each file of the group, `emit` does the least work that makes the
/// staging copy right:
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
    let base: [String: BuildManifest.Entry]
    /// The live site, if one exists.
    let previous: String?
    let previousManifest: [String: BuildManifest.Entry]

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
        let entry = bytes.withUnsafeBytes { BuildManifest.Entry(bytes: $0, input: inputKey?.state) }
        if try keep(path, content: entry.content) {
            return Emitted(path: path, entry: entry, outcome: .kept)
        }
        let full = root + "/" + path
        try POSIX.removeFile(full)
        try bytes.withUnsafeBytes { buffer in try POSIX.writeNew(buffer, to: full) }
        return Emitted(path: path, entry: entry, outcome: .written)
    }

    /// Produces a large open-data file: kept if no record changed; otherwise assembled chunk
    /// by chunk. Its content fingerprint comes from the header, the chunk keys and the footer
    /// (equal keys mean equal bytes), so unchanged bytes are never read or hashed. The staging
    /// copy is patched in place when it is not shared with the live site (a recycled file the
    /// last build replaced): its leading unchanged chunks stay, the rest is rewritten. Otherwise
    /// a new file is streamed under a temporary name and renamed into place. An unchanged chunk
    /// not already in place is copied from the live file in the kernel (`copy_file_range`); a
    /// changed one is made anew, in parallel, a window at a time so memory stays flat.
    /// Returns where its chunks are.
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
        let ranges = file.chunks
        let keys = try await Parallel.map(ranges, tasks: tasks, worker: { file }) { file, range in file.recordsKey(range).state }
        var hash = Fingerprint()
        file.header.withUnsafeBytes { hash.add(bytes: $0) }
        for k in keys { hash.add(word: k) }
        file.footer.withUnsafeBytes { hash.add(bytes: $0) }
        var entry = BuildManifest.Entry(content: hash.state, input: key.state, size: 0, digest: Digest32(words: (0, 0, 0, 0)))
        let full = root + "/" + file.path
        if let b = base[file.path], b.content == entry.content, baseChunks.map(\.key) == keys {
            (entry.size, entry.digest) = (b.size, b.digest)
            return (Emitted(path: file.path, entry: entry, outcome: .kept), baseChunks)
        }
        if let old = previousManifest[file.path], old.content == entry.content, previousChunks.map(\.key) == keys,
           try linkFromPrevious(file.path) {
            (entry.size, entry.digest) = (old.size, old.digest)
            return (Emitted(path: file.path, entry: entry, outcome: .kept), previousChunks)
        }

        // Where to write: the unshared staging copy from its first changed chunk, or a new file.
        var start = 0
        var fd: Int32 = -1
        var target = full + ".partial"
        if base[file.path] != nil, POSIX.linkCount(full) == 1, baseChunks.count > 0,
           let oldHeader = POSIX.read(full, at: 0, count: baseChunks[0].offset), oldHeader.count == file.header.count {
            while start < min(keys.count, baseChunks.count), baseChunks[start].key == keys[start] { start += 1 }
            if start > 0 {
                fd = open(full, O_WRONLY | O_CLOEXEC)
                target = full
            }
        }
        if fd < 0 {
            start = 0
            try POSIX.removeFile(target)
            fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 && errno == ENOENT {
                try POSIX.makeDirectories((target as NSString).deletingLastPathComponent)
                fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            }
            guard fd >= 0 else { throw POSIX.failure(target, "cannot create") }
        }
        let source = previous.map { open($0 + "/" + file.path, O_RDONLY | O_CLOEXEC) } ?? -1
        defer { if source >= 0 { close(source) } }
        var placed = Array(baseChunks.prefix(start))
        do {
            defer { close(fd) }
            try file.header.withUnsafeBytes { try POSIX.writeAll(fd, $0, at: 0, path: target) }
            var offset = start > 0 ? baseChunks[start - 1].offset + baseChunks[start - 1].length : file.header.count
            let window = max(1, tasks) * 8
            var from = start
            while from < ranges.count {
                let batch = Array(from..<min(ranges.count, from + window))
                // Chunks the live file has, by number; the others are made in parallel.
                let copied = batch.map { i -> ChunkIndex.Chunk? in
                    source >= 0 && i < previousChunks.count && previousChunks[i].key == keys[i] ? previousChunks[i] : nil
                }
                let toMake = zip(batch, copied).filter { $0.1 == nil }.map { ranges[$0.0] }
                var made = try await Parallel.map(toMake, tasks: tasks, worker: { file }) { file, range in file.records(range) }.makeIterator()
                for (i, chunk) in zip(batch, copied) {
                    var length = -1
                    if let chunk, try POSIX.copy(source, at: chunk.offset, to: fd, at: offset, count: chunk.length, path: target) {
                        length = chunk.length
                    }
                    if length < 0 {
                        let bytes = chunk == nil ? made.next()! : file.records(ranges[i])
                        try bytes.withUnsafeBytes { try POSIX.writeAll(fd, $0, at: offset, path: target) }
                        length = bytes.count
                    }
                    placed.append(ChunkIndex.Chunk(key: keys[i], offset: offset, length: length))
                    offset += length
                }
                from += window
            }
            try file.footer.withUnsafeBytes { try POSIX.writeAll(fd, $0, at: offset, path: target) }
            guard ftruncate(fd, off_t(offset + file.footer.count)) == 0 else { throw POSIX.failure(target, "cannot truncate") }
        } catch {
            if target != full { unlink(target) }
            throw error
        }
        if target != full { try POSIX.renameOrThrow(target, full) }
        // The signed file list needs its SHA-256: read back once, only when it changed.
        guard let made = Digest32.ofFile(full) else { throw POSIX.failure(full, "cannot read back") }
        (entry.digest, entry.size) = made
        return (Emitted(path: file.path, entry: entry, outcome: .written), placed)
    }

    /// Keeps `path` as the live site has it (a file the caller knows is unchanged).
    func keep(_ path: String) throws -> Emitted {
        guard let old = previousManifest[path] else { throw PortalKeptFileMissing(path: path) }
        if base[path]?.content == old.content { return Emitted(path: path, entry: old, outcome: .keptWithoutRendering) }
        guard try linkFromPrevious(path) else { throw PortalKeptFileMissing(path: path) }
        return Emitted(path: path, entry: old, outcome: .keptWithoutRendering)
    }

    /// Deletes `paths` from the staging folder (what the recycled site held that the new one
    /// does not), and the folders that leaves empty.
    static func removeStale(_ paths: [String], root: String) throws {
        var folders = Set<String>()
        for path in paths {
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

    /// Makes the staging copy of each of `files` the live site's (hard links) where the
    /// recycled copy differs. False when a live file is missing (then render the group).
    func matchLive(_ files: [(path: String, entry: BuildManifest.Entry)]) throws -> Bool {
        for (path, entry) in files where base[path]?.content != entry.content {
            guard try linkFromPrevious(path) else { return false }
        }
        return true
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
