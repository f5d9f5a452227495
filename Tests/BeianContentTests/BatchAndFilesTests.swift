import BeianContent
import BeianDiagnostics
import BeianModel
import Foundation
import Testing

/// The content `beian announce batch` writes and `beian build` reads back: `batch:` in an
/// announcement's front matter (checked, kept through the build's content cache) and the
/// downloads of `content/files/` (published as `/files/<name>`; nothing else gets through).
@Suite struct BatchAndFilesTests {
    static let batchFile = """
        ---
        title: 关于发布第十二批境内互联网信息服务算法备案信息的公告
        date: 2025-06-05
        batch:
          list: algorithm
          number: 12
          from: 2025-05-01
          to: 2025-05-31
        ---

        正文。

        """

    @Test func batchFrontMatterIsCheckedAndSurvivesTheCache() throws {
        let (root, cache) = try ContentCacheTests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content").path
        try Self.batchFile.write(toFile: content + "/announcements/2025-06-05-algorithm-batch-12.md", atomically: true, encoding: .utf8)
        try Self.batchFile.replacingOccurrences(of: "list: algorithm", with: "list: deep")
            .replacingOccurrences(of: "number: 12", with: "number: 0")
            .write(toFile: content + "/announcements/2025-06-06-bad-batch.md", atomically: true, encoding: .utf8)
        let loader = ContentLoader(today: Fixture.today)
        let expected = BatchMark(list: .algorithm, number: 12, from: CalendarDate("2025-05-01")!, to: CalendarDate("2025-05-31")!)
        for round in 1...2 {  // written to the cache, then read from it
            let loaded = try loader.load(content, cache: cache)
            #expect(loaded.announcements.first { $0.slug == "2025-06-05-algorithm-batch-12" }?.batch == expected, "round \(round)")
            #expect(loaded.announcements.filter { $0.batch != nil }.count == 1, "the other announcements have none")
            let bad = loaded.diagnostics.filter { $0.location.path.hasSuffix("bad-batch.md") }.map { "\($0.code.rawValue) \($0.location.line):\($0.location.column)" }
            #expect(bad == ["C801 5:9", "C801 6:11"], "an unknown list and a number below 1, located")
        }
    }

    @Test func downloadsArePublishedAndOnlySafeRegularFiles() throws {
        let (root, _) = try ContentCacheTests.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        let files = content.appendingPathComponent("files")
        try FileManager.default.createDirectory(at: files.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("序号\r\n".utf8).write(to: files.appendingPathComponent("algorithm-batch-12.csv"))
        try Data("x".utf8).write(to: files.appendingPathComponent(".hidden"))
        try Data("x".utf8).write(to: files.appendingPathComponent("名单.csv"))
        try Data("secret".utf8).write(to: root.appendingPathComponent("outside.txt"))
        try FileManager.default.createSymbolicLink(atPath: files.appendingPathComponent("link.txt").path, withDestinationPath: root.appendingPathComponent("outside.txt").path)
        let loaded = try ContentLoader(today: Fixture.today).load(content.path)
        #expect(loaded.files == ["algorithm-batch-12.csv": Data("序号\r\n".utf8)])
        let problems = loaded.diagnostics.filter { $0.location.path.contains("/files/") }.map { "\($0.code.rawValue) \(($0.location.path as NSString).lastPathComponent)" }
        #expect(problems == ["C802 link.txt", "C802 sub", "C802 名单.csv"])
        #expect(problems.count == loaded.diagnostics.filter { $0.severity == .error }.count)

        // The folder itself a link: refused, nothing read through it.
        try FileManager.default.removeItem(at: files)
        try FileManager.default.createSymbolicLink(atPath: files.path, withDestinationPath: root.path)
        let linked = try ContentLoader(today: Fixture.today).load(content.path)
        #expect(linked.files.isEmpty && linked.diagnostics.contains { $0.code == .contentInvalid && $0.location.path.hasSuffix("/files") })
    }
}
