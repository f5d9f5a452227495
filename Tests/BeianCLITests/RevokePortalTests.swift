import Foundation
import Testing

/// The portal shows the regulator's own cancellation (监管部门注销) as the regulator's, with the
/// reviewer's public note (escaped like any note) and never the reason, which is the filer's;
/// the signed head, records and open data agree (`verify-site`).
@Suite(.serialized) struct RevokePortalTests {
    static let filing = VerifySiteTests.filing  // algorithm:news-feed of xingchen-tech

    @Test func aRevokedFilingSaysItWasTheRegulatorsWithTheNoteAndNotTheReason() throws {
        let s = try Scratch()
        for name in ["bundles", "content"] {
            try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent(name), to: s.path(name))
        }
        let reason = "内部线索编号 SECRET-4711"
        let note = "经核查存在违规情形 <b>&</b> 依法注销"
        var r = try Beian.run(["review", "revoke", "bundles/xingchen-tech", "algorithm:news-feed", "--key", try Beian.demoReviewerKey(),
                               "--reason", reason, "--public-note", note], in: s.url)
        #expect(r.status == 0 && r.stdout.contains("algorithm:news-feed: cancelled by the regulator"), "\(r)")
        r = try Beian.run(["build", "--key", try VerifySiteTests.registryKey(s)], in: s.url, timeout: 120)
        try #require(r.status == 0, "\(r)")

        let zh = try s.read("site/filings/\(Self.filing)/index.html")
        #expect(zh.contains("监管部门注销"), "the history and notes say whose cancellation it was")
        #expect(zh.contains("经核查存在违规情形 &lt;b&gt;&amp;&lt;/b&gt; 依法注销"), "the public note, escaped")
        #expect(!zh.contains("<b>&</b>"))
        let en = try s.read("site/en/filings/\(Self.filing)/index.html")
        #expect(en.contains("Cancelled by the regulator"), "in English too")
        #expect(en.contains("经核查存在违规情形 &lt;b&gt;"), "the reviewer's note as written (marked Chinese)")
        let record = try s.read("site/filings/\(Self.filing)/record.json")
        #expect(record.contains("\"status\":\"已注销\""), "\(record)")
        // The reason is the filer's: nowhere in the site.
        for file in try FileManager.default.subpathsOfDirectory(atPath: s.path("site").path) {
            guard let data = FileManager.default.contents(atPath: s.path("site/\(file)").path) else { continue }
            #expect(!String(decoding: data, as: UTF8.self).contains("SECRET-4711"), "\(file) publishes the reason")
        }
        #expect(try s.read("site/filings/\(Self.filing)/badge.svg").contains(">已注销</text>"))
        let (check, diagnostics) = try VerifySiteTests.verify("site", in: s)
        #expect(check.status == 0 && diagnostics.isEmpty, "\(check)")
    }
}
