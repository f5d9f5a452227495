import BeianStore
import Foundation
import Testing

/// What the registry cache compares for every ledger: a file's stamp, looked up from an open
/// folder, moves with every write; the folder lists its entries however often it is asked.
@Suite struct FileStampTests {
    @Test func aStampMovesWithEveryWriteAndOnlyThen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-stamp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("b/.beian"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("b/.beian/ledger.jsonl")
        try Data("one\n".utf8).write(to: file)
        let folder = OpenFolder(dir.path)
        let first = try #require(FileStamp.of("b/.beian/ledger.jsonl", in: folder.descriptor))
        #expect(FileStamp.of("b/.beian/ledger.jsonl", in: folder.descriptor) == first)
        #expect(FileStamp.of(file.path) == first, "the same file from the working folder")
        #expect(FileStamp(words: first.words) == first)
        #expect(FileStamp.of("b/.beian/absent.jsonl", in: folder.descriptor) == nil)

        // Same size, modification time set back: the status-change time still moves.
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: Data("two\n".utf8))
        try handle.close()
        let times = [timespec(tv_sec: Int(first.modified), tv_nsec: Int(first.modifiedNanos)),
                     timespec(tv_sec: Int(first.modified), tv_nsec: Int(first.modifiedNanos))]
        #expect(utimensat(AT_FDCWD, file.path, times, 0) == 0)
        let second = try #require(FileStamp.of("b/.beian/ledger.jsonl", in: folder.descriptor))
        #expect(second.size == first.size && second.modified == first.modified && second.inode == first.inode)
        #expect(second != first)

        // Replaced by rename (how beian writes): a new inode.
        try Data("three\n".utf8).write(to: file, options: .atomic)
        #expect(FileStamp.of("b/.beian/ledger.jsonl", in: folder.descriptor)?.inode != first.inode)
    }

    @Test func anOpenFolderListsItsEntriesEveryTime() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["甲", "b", ".hidden"] { try Data().write(to: dir.appendingPathComponent(name)) }
        let folder = OpenFolder(dir.path)
        #expect(Set(folder.names()) == ["甲", "b", ".hidden"])
        #expect(Set(folder.names()) == ["甲", "b", ".hidden"], "a second listing starts from the top")
        #expect(OpenFolder(dir.appendingPathComponent("absent").path).names().isEmpty)
    }
}
