import BeianOutput
@testable import BeianPortal
import Foundation
import Testing

/// A file may move from one group to another between builds (the sitemap left the "site"
/// group): the recycled site then holds it where the new group's record does not say so. The
/// staging writes replace such a file — never write into it, since its inode may be the live
/// site's too.
@Suite struct StagingReplaceTests {
    @Test func writingOrLinkingOverAFileReplacesItAndLeavesItsOtherLinkAlone() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-replace-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/live", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/staging", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/live/sitemap.xml"))
        #expect(link(dir + "/live/sitemap.xml", dir + "/staging/sitemap.xml") == 0)

        try Array("new".utf8).withUnsafeBytes { try POSIX.writeNew($0, to: dir + "/staging/sitemap.xml") }
        #expect(try String(contentsOfFile: dir + "/staging/sitemap.xml", encoding: .utf8) == "new")
        #expect(try String(contentsOfFile: dir + "/live/sitemap.xml", encoding: .utf8) == "old", "the live copy is untouched")

        try Data("other".utf8).write(to: URL(fileURLWithPath: dir + "/live/robots.txt"))
        try Data("stale".utf8).write(to: URL(fileURLWithPath: dir + "/staging/robots.txt"))
        #expect(try POSIX.hardLink(dir + "/live/robots.txt", dir + "/staging/robots.txt"))
        #expect(try String(contentsOfFile: dir + "/staging/robots.txt", encoding: .utf8) == "other")
        #expect(try POSIX.hardLink(dir + "/live/absent.txt", dir + "/staging/absent.txt") == false)
    }
}
