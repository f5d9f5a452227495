import BeianStore
import BeianTestSupport
import Foundation
import Testing

/// Issue 27 (SPEC §13): the attachments — the stamped 承诺书, the 自评估报告 — are part of what
/// a reviewer reviews: `review show` lists them (type, PDF pages, size, SHA-256) and marks what
/// a change replaced; `review attachments` hands the reviewer the submitted bytes.
@Suite(.serialized) struct ReviewAttachmentsTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

    /// An approved bundle (entity, product, algorithm:feed) in an uninitialized scratch registry.
    static func approved() throws -> Scratch {
        let s = try Scratch()
        var r = try CLI.run(["submit", "xc"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        for item in ["entity", "product:app", "algorithm:feed"] {
            r = try CLI.run(["review", "approve", "xc", item, "--reviewer", "R"], cwd: s.root)
            #expect(r.status == 0, "\(r.stdout)")
        }
        return s
    }

    static func show(_ s: Scratch, _ item: String) throws -> [[String: Any]] {
        let r = try CLI.run(["review", "show", "xc", item, "--json"], cwd: s.root)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)")
        return o["attachments"] as? [[String: Any]] ?? []
    }

    /// Before: a change replacing only the bytes of the self-assessment showed
    /// "compared with the approved version (0 changes)" and `diff: []`.
    @Test func aChangeThatReplacesOnlyAnAttachmentIsMarkedReplaced() throws {
        let s = try Self.approved()
        let scan = s.path("xc/attachments/self-assessment.png")
        let approvedBytes = try Data(contentsOf: scan)
        let submittedBytes = Self.png + Data("新的自评估报告扫描件".utf8)
        try submittedBytes.write(to: scan)
        var r = try CLI.run(["submit", "xc", "algorithm:feed"] + attest, cwd: s.root)
        #expect(r.status == 0 && r.stdout.contains("change submitted"), "\(r.stdout)")

        r = try CLI.run(["review", "show", "xc", "algorithm:feed", "--lang", "en"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("compared with the approved version (1 change)"), "\(r.stdout)")
        #expect(r.stdout.contains("~ attachments/self-assessment.png: attachment replaced \(SHA256Hash.hex(approvedBytes).prefix(16)) → \(SHA256Hash.hex(submittedBytes).prefix(16))"), "\(r.stdout)")
        #expect(r.stdout.contains("attachments/self-assessment.png: PNG, \(submittedBytes.count) bytes  [REPLACED]"), "\(r.stdout)")
        #expect(r.stdout.contains("SHA-256 \(SHA256Hash.hex(submittedBytes))"), "\(r.stdout)")
        r = try CLI.run(["review", "show", "xc", "algorithm:feed", "--lang", "zh"], cwd: s.root)
        #expect(r.stdout.contains("与已通过版本相比（1 处变更）") && r.stdout.contains("[已替换]"), "\(r.stdout)")
        let files = try Self.show(s, "algorithm:feed")
        let a = try #require(files.first { $0["path"] as? String == "attachments/self-assessment.png" }, "\(files)")
        #expect(a["type"] as? String == "PNG" && a["size"] as? Int == submittedBytes.count, "\(a)")
        #expect(a["change"] as? String == "replaced", "\(a)")
        #expect(a["sha256"] as? String == SHA256Hash.hex(submittedBytes) && a["approved_sha256"] as? String == SHA256Hash.hex(approvedBytes), "\(a)")
    }

    /// PDFs: pages counted from `/Type /Page` objects (never `/Pages`), "unknown" when none is
    /// found; an unchanged attachment of a change is marked as such.
    @Test func pdfPagesAreCountedOrSaidUnknown() throws {
        let s = try Self.approved()
        let twoPages = "%PDF-1.4\n1 0 obj<</Type /Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type /Pages/Kids[3 0 R 4 0 R]/Count 2>>endobj\n3 0 obj<</Type /Page/Parent 2 0 R>>endobj\n4 0 obj<</Type/Page/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        try Data(twoPages.utf8).write(to: s.path("xc/attachments/commitment.pdf"))
        try Data("%PDF-1.7\n% pages in a compressed object stream\n%%EOF\n".utf8).write(to: s.path("xc/attachments/report.pdf"))
        let r = try CLI.run(["submit", "xc", "entity"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        let files = try Self.show(s, "entity")
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0["path"] as? String ?? "", $0) })
        #expect(byPath["attachments/commitment.pdf"]?["pages"] as? Int == 2, "\(files)")
        #expect(byPath["attachments/commitment.pdf"]?["change"] as? String == "replaced")
        #expect(byPath["attachments/report.pdf"]?["pages"] == nil && byPath["attachments/report.pdf"]?["type"] as? String == "PDF", "\(files)")
        #expect(byPath["attachments/licence.pdf"]?["pages"] as? Int == 1 && byPath["attachments/licence.pdf"]?["change"] as? String == "unchanged", "\(files)")
        let text = try CLI.run(["review", "show", "xc", "entity", "--lang", "en"], cwd: s.root).stdout
        #expect(text.contains("attachments/commitment.pdf: PDF, 2 pages") && text.contains("attachments/report.pdf: PDF, pages unknown"), "\(text)")
        #expect(text.contains("compared with the approved version (2 changes)"), "\(text)")
    }

    /// `review attachments` writes the submitted bytes from the stored objects — not the live
    /// folder edited since — and the approved ones beside them; it never overwrites silently and
    /// never writes into a bundle.
    @Test func theSubmittedBytesAreWrittenNotTheLiveFolder() throws {
        let s = try Self.approved()
        let scan = s.path("xc/attachments/self-assessment.png")
        let approvedBytes = try Data(contentsOf: scan)
        let submittedBytes = Self.png + Data("submitted".utf8)
        try submittedBytes.write(to: scan)
        var r = try CLI.run(["submit", "xc", "algorithm:feed"] + attest, cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        // The filer edits the scan again after submitting: the reviewer must still get the submitted one.
        try (Self.png + Data("edited after submission".utf8)).write(to: scan)

        let out = s.root.deletingLastPathComponent().appendingPathComponent("review-\(UUID().uuidString)")
        _ = ScratchFolders.register(out)
        r = try CLI.run(["review", "attachments", "xc", "algorithm:feed", "--out", out.path, "--lang", "en"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let submitted = out.appendingPathComponent("submitted/attachments/self-assessment.png")
        let approved = out.appendingPathComponent("approved/attachments/self-assessment.png")
        #expect(try SHA256Hash.hex(Data(contentsOf: submitted)) == SHA256Hash.hex(submittedBytes))
        #expect(try SHA256Hash.hex(Data(contentsOf: approved)) == SHA256Hash.hex(approvedBytes))
        #expect(r.stdout.contains("wrote 2 files"), "\(r.stdout)")

        // Again: the same bytes are left alone. A file changed there is not overwritten without --force.
        r = try CLI.run(["review", "attachments", "xc", "algorithm:feed", "--out", out.path, "--lang", "en"], cwd: s.root)
        #expect(r.status == 0 && r.stdout.contains("wrote 0 files"), "\(r.stdout)")
        try Data("my notes".utf8).write(to: submitted)
        r = try CLI.run(["review", "attachments", "xc", "algorithm:feed", "--out", out.path, "--lang", "en"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("[O951]") && r.stdout.contains("not overwritten"), "\(r.stdout)")
        #expect(try Data(contentsOf: submitted) == Data("my notes".utf8))
        r = try CLI.run(["review", "attachments", "xc", "algorithm:feed", "--out", out.path, "--force"], cwd: s.root)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(try Data(contentsOf: submitted) == submittedBytes)

        // Never into a bundle (what is written there would be filed next time).
        r = try CLI.run(["review", "attachments", "xc", "algorithm:feed", "--out", "xc/review", "--lang", "en"], cwd: s.root)
        #expect(r.status == 1 && r.stdout.contains("[O951]") && r.stdout.contains("inside the bundle or registry"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: s.path("xc/review").path))
    }
}
