import BeianContent
import BeianModel
import BeianStore
import Foundation
import Testing

/// `beian build` keeps what it read from content/ beside the site; a rebuild parses again only
/// the files that changed, and never hides a problem.
@Suite struct ContentCacheTests {
    /// A copy of the demo content in a fresh folder, and where its cache goes.
    static func scratch() throws -> (root: URL, cache: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-content-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Fixture.demoContent), to: dir.appendingPathComponent("content"))
        return (dir, dir.appendingPathComponent(".site.content-cache"))
    }

    @Test func unchangedFilesComeFromTheCacheAndChangedOnesAreReadAgain() throws {
        let (root, cache) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content").path
        let loader = ContentLoader(today: Fixture.today)
        let first = try loader.load(content, cache: cache)
        #expect(first.announcements.count >= 4 && first.diagnostics.isEmpty)
        #expect(Self.same(try loader.load(content), first), "with or without a cache, the same content")
        let written = try Data(contentsOf: cache)
        #expect(Self.same(try loader.load(content, cache: cache), first))
        #expect(try Data(contentsOf: cache) == written, "nothing changed: the cache is not rewritten")

        // Proof the cache is what is read: an entry altered in the cache (same length, checksum
        // made again) comes back as altered.
        let marker = "CACHEDMARKER"  // as many bytes as 开放数据
        let body = Data(written.dropLast(8))
        let altered = Self.replacing(Array("开放数据".utf8), with: Array(marker.utf8), in: body)
        #expect(altered.count == body.count && altered != body)
        try (altered + Self.checksum(altered)).write(to: cache)
        #expect(try loader.load(content, cache: cache).announcements.contains { $0.html.contains(marker) })
        // Altered without its checksum: not used (every file read again, nothing altered shows).
        try (altered + written.suffix(8)).write(to: cache)
        #expect(try !loader.load(content, cache: cache).announcements.contains { $0.html.contains(marker) })
        try (altered + Self.checksum(altered)).write(to: cache)

        // The file edited: read again, whatever the cache says.
        let file = root.appendingPathComponent("content/announcements/2026-09-15-open-data.md")
        try (try String(contentsOf: file, encoding: .utf8) + "\n追加的一段。\n").write(to: file, atomically: true, encoding: .utf8)
        let edited = try loader.load(content, cache: cache)
        #expect(edited.announcements.contains { $0.html.contains("追加的一段") })
        #expect(!edited.announcements.contains { $0.html.contains(marker) && $0.path.hasSuffix("open-data.md") })
        let fresh = try loader.load(content)
        let openData = { (c: SiteContent) in c.announcements.first { $0.path.hasSuffix("open-data.md") } }
        #expect(openData(edited) != nil && openData(edited) == openData(fresh))
    }

    /// The cache's trailer for `body`: its `Checksum64`, eight bytes little-endian.
    static func checksum(_ body: Data) -> Data {
        Checksum64.appended(to: [UInt8](body)).suffix(8)
    }

    /// `bytes` with every run equal to `old` replaced by `new` (the cache is binary: not text).
    static func replacing(_ old: [UInt8], with new: [UInt8], in bytes: Data) -> Data {
        let b = Array(bytes)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if i + old.count <= b.count, Array(b[i..<(i + old.count)]) == old {
                out += new
                i += old.count
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return Data(out)
    }

    static func same(_ a: SiteContent, _ b: SiteContent) -> Bool {
        a.announcements == b.announcements && a.pages == b.pages && a.diagnostics == b.diagnostics
    }

    @Test func filesWithProblemsAreNeverCachedAndAnotherDayReadsAgain() throws {
        let (root, cache) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content").path
        // Dated after the check day: a warning, every time.
        try "---\ntitle: 未来公告\ndate: 2027-01-01\n---\n正文\n".write(
            to: root.appendingPathComponent("content/announcements/future.md"), atomically: true, encoding: .utf8)
        let loader = ContentLoader(today: Fixture.today)
        let first = try loader.load(content, cache: cache)
        #expect(first.diagnostics.contains { $0.location.path.hasSuffix("future.md") })
        #expect(try loader.load(content, cache: cache).diagnostics == first.diagnostics)
        // On the day it is due, the warning goes: the cache (made on another day) is not used.
        let later = try ContentLoader(today: CalendarDate("2027-01-02")!).load(content, cache: cache)
        #expect(!later.diagnostics.contains { $0.location.path.hasSuffix("future.md") })
    }
}
