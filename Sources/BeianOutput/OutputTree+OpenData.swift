import BeianStore
import Foundation

/// The open-data files (`filings.csv`, `filings.json`), made chunk by chunk.
extension OutputTree {
    /// Produces a large open-data file: kept if no record changed; otherwise assembled chunk
    /// by chunk. Its content fingerprint comes from the header, the chunk keys and the footer
    /// (equal keys mean equal bytes), so unchanged bytes are never read or hashed. The staging
    /// copy is patched in place when it is not shared with the live site (a recycled file the
    /// last build replaced): its leading unchanged chunks stay, the rest is rewritten. Otherwise
    /// a new file is streamed under a temporary name and renamed into place. An unchanged chunk
    /// not already in place is copied from the live file in the kernel (`copy_file_range`); a
    /// changed one is made anew, in parallel, a window at a time so memory stays flat.
    /// Returns where its chunks are.
    package func emit(_ file: OpenDataFile, tasks: Int, baseChunks: [ChunkIndex.Chunk], previousChunks: [ChunkIndex.Chunk])
        async throws -> (Emitted, [ChunkIndex.Chunk]) {
        let key = file.inputKey
        if let b = base[file.path], b.input == key.state, baseChunks.count == file.chunks.count {
            return (Emitted(path: file.path, entry: b, outcome: .keptWithoutRendering), baseChunks)
        }
        if let old = previousManifest[file.path], old.input == key.state, previousChunks.count == file.chunks.count,
           try linkFromPrevious(file.path) {
            return (Emitted(path: file.path, entry: old, outcome: .keptWithoutRendering), previousChunks)
        }
        let keys = try await Concurrent.map(file.chunks, tasks: tasks, worker: { file }) { file, range in file.recordsKey(range).state }
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

        let (fd, target, start) = try openTarget(file, full: full, keys: keys, baseChunks: baseChunks)
        let source = previous.map { open($0 + "/" + file.path, O_RDONLY | O_CLOEXEC) } ?? -1
        defer { if source >= 0 { close(source) } }
        let placed: [ChunkIndex.Chunk]
        do {
            defer { close(fd) }
            placed = try await write(file, to: fd, target: target, from: start, keys: keys, baseChunks: baseChunks,
                                     previousChunks: previousChunks, source: source, tasks: tasks)
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

    /// Where to write: the unshared staging copy from its first changed chunk, or a new file
    /// (`<path>.partial`, renamed into place once whole). The descriptor, its path and the
    /// first chunk to write.
    private func openTarget(_ file: OpenDataFile, full: String, keys: [UInt64],
                            baseChunks: [ChunkIndex.Chunk]) throws -> (fd: Int32, target: String, start: Int) {
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
        return (fd, target, start)
    }

    /// Writes the header, chunks `start…` (copied from the live file when unchanged, else made
    /// in parallel, a window at a time) and the footer; truncates what lies past it. Where
    /// each chunk now sits.
    private func write(_ file: OpenDataFile, to fd: Int32, target: String, from start: Int, keys: [UInt64],
                       baseChunks: [ChunkIndex.Chunk], previousChunks: [ChunkIndex.Chunk], source: Int32,
                       tasks: Int) async throws -> [ChunkIndex.Chunk] {
        let ranges = file.chunks
        var placed = Array(baseChunks.prefix(start))
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
            var made = try await Concurrent.map(toMake, tasks: tasks, worker: { file }) { file, range in file.records(range) }.makeIterator()
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
        return placed
    }
}
