import BeianModel
import BeianStore
import Foundation
import Testing

/// The store's cache helpers: files mapped instead of copied, and the checksum that tells a
/// damaged cache file from a whole one.
@Suite("Mapped files and Checksum64")
struct MappedFileTests {
    @Test("a mapped file holds exactly the file's bytes; missing or not a file is nil, empty is empty")
    func mapped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-mapped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = Data((0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let file = dir.appendingPathComponent("cache")
        try bytes.write(to: file)
        var mapped = MappedFile.bytes(file.path)
        #expect(mapped == bytes)
        // A slice outlives the replaced file (caches are replaced by rename, never rewritten).
        let slice = mapped!.suffix(10)
        try Data("new".utf8).write(to: file, options: .atomic)
        mapped = nil
        #expect(slice == bytes.suffix(10))
        try Data().write(to: dir.appendingPathComponent("empty"))
        #expect(MappedFile.bytes(dir.appendingPathComponent("empty").path) == Data())
        #expect(MappedFile.bytes(dir.appendingPathComponent("absent").path) == nil)
        #expect(MappedFile.bytes(dir.path) == nil)
    }

    @Test("Checksum64 changes with any flipped bit, a truncation or an appended zero, and not by itself")
    func checksum() {
        let bytes = Data((0..<4_099).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
        let sum = Checksum64.of(bytes)
        #expect(Checksum64.of(Data(bytes)) == sum)
        var seen: Set<UInt64> = [sum]
        for at in [0, 1, 7, 8, 31, 32, 33, 2_048, 4_095, 4_096, 4_098] {
            for bit in [0, 3, 7] {
                var flipped = bytes
                flipped[at] ^= UInt8(1 << bit)
                seen.insert(Checksum64.of(flipped))
            }
        }
        #expect(seen.count == 1 + 11 * 3, "every flip gives its own checksum")
        #expect(Checksum64.of(bytes.dropLast()) != sum)
        #expect(Checksum64.of(bytes + Data([0])) != sum)
        #expect(Checksum64.of(Data()) != Checksum64.of(Data([0])))
        // The cache form: the bytes, then their checksum; checked back, or nil when damaged.
        let file = Checksum64.appended(to: [UInt8](bytes))
        #expect(file.count == bytes.count + 8 && Checksum64.checked(file) == bytes)
        var damaged = file
        damaged[100] ^= 1
        #expect(Checksum64.checked(damaged) == nil)
        #expect(Checksum64.checked(file.dropLast()) == nil)
        #expect(Checksum64.checked(Data([1, 2, 3])) == nil)
    }
}
