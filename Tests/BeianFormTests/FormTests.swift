import BeianBundle
@testable import BeianForm
import Foundation
import Testing
import Yams

/// `beian form` asked as a browser would: security (403, nothing changes), pages saved
/// unchanged leave every demo bundle byte-identical, one field one line, validation as the
/// filer types, uploads checked, hostile values inert.
@Suite struct FormTests {
    static let demos = ["haitang-mobility", "qinghe-youxuan", "xingchen-tech", "yunjing-ai"]

    func pages(_ h: FormHarness) -> [String] {
        var out = ["/entity"]
        let fm = FileManager.default
        for p in ((try? fm.contentsOfDirectory(atPath: h.root.appendingPathComponent("products").path)) ?? []).sorted() where p.hasSuffix(".yaml") {
            out.append("/product/" + p.dropLast(5))
        }
        for a in ((try? fm.contentsOfDirectory(atPath: h.root.appendingPathComponent("algorithms").path)) ?? []).sorted() {
            out += (1...3).map { "/algorithm/\(a)/\($0)" }
        }
        return out
    }

    func body(_ r: FormResponse) -> String { String(decoding: r.body, as: UTF8.self) }

    @Test(arguments: demos)
    func everyPageSavedUnchangedIsByteIdentical(_ demo: String) throws {
        let h = try FormHarness(copying: demo)
        let before = h.snapshot()
        for page in pages(h) {
            let html = body(h.get(page))
            let fields = PostedForm.fields(html)
            // (Step 3 of a technical supporter has nothing to fill in.)
            #expect(fields.count > 3 || page.hasSuffix("/3"), "\(page) has a form")
            let r = h.post(page, fields + [("_action", "save")])
            #expect(r.status == 303, "\(page): \(r.status) \(body(r).prefix(300))")
        }
        let after = h.snapshot()
        for (path, data) in before where after[path] != data {
            let a = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let b = String(decoding: after[path] ?? Data(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let changed = zip(a, b).filter { $0 != $1 }.prefix(3).map { "- \($0)\n+ \($1)" }.joined(separator: "\n")
            Issue.record("\(path) changed (\(a.count) → \(b.count) lines):\n\(changed)")
        }
        #expect(after.count == before.count)
    }

    @Test func oneEditedFieldChangesOneLine() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        let before = String(decoding: try h.read("entity.yaml"), as: UTF8.self)
        var fields = PostedForm.fields(body(h.get("/entity")))
        let i = try #require(fields.firstIndex { $0.0 == "security_officer.title" })
        fields[i].1 = "首席合规官"
        #expect(h.post("/entity", fields).status == 303)
        let after = String(decoding: try h.read("entity.yaml"), as: UTF8.self)
        let a = before.split(separator: "\n", omittingEmptySubsequences: false), b = after.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(a.count == b.count)
        #expect(zip(a, b).filter { $0 != $1 }.map { String($1) } == ["  title: 首席合规官"])
    }

    @Test func refusedRequestsAre403AndChangeNothing() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        let before = h.snapshot()
        var fields = PostedForm.fields(body(h.get("/entity")))
        let i = try #require(fields.firstIndex { $0.0 == "name" })
        fields[i].1 = "被篡改的名称"
        let attempts: [(String, FormResponse)] = [
            ("no token", h.post("/entity", fields, token: nil)),
            ("wrong token", h.post("/entity", fields, token: "guess")),
            ("another Host (DNS rebinding)", h.post("/entity", fields, host: "evil.example:\(FormHarness.port)")),
            ("another port in Host", h.post("/entity", fields, host: "127.0.0.1:1")),
            ("another Origin", h.post("/entity", fields, origin: "http://evil.example")),
            ("no Origin, no Sec-Fetch-Site", h.post("/entity", fields, origin: nil)),
            ("no session cookie", h.post("/entity", fields, cookie: false)),
            ("submit without token", h.post("/submit", [("commit", "我承诺上述填报信息真实有效")], token: nil)),
            ("new product from another site", h.post("/new-product", [("id", "evil")], origin: "http://evil.example")),
        ]
        for (what, r) in attempts {
            #expect(r.status == 403, "\(what): \(r.status) \(r.headers)")
            #expect(body(r).contains("U991"), "\(what)")
        }
        // Reading needs the session too, and a foreign Host gets nothing.
        #expect(h.get("/entity", cookie: false).status == 403)
        #expect(h.get("/entity", host: "evil.example").status == 403)
        #expect(h.snapshot() == before)
        // The same request, allowed, does change the file.
        #expect(h.post("/entity", fields).status == 303)
        #expect(h.snapshot() != before)
    }

    @Test func startLinkSetsTheSessionCookie() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        let r = h.get("/start?t=t0ken", cookie: false)
        #expect(r.status == 303)
        #expect(r.headers.contains { $0.0 == "Set-Cookie" && $0.1.hasPrefix("beian-form=t0ken;") && $0.1.contains("HttpOnly") && $0.1.contains("SameSite=Strict") })
        #expect(h.get("/start?t=wrong", cookie: false).status == 403)
    }

    @Test func nothingOutsideTheBundleIsReachable() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        let outside = h.root.deletingLastPathComponent().appendingPathComponent("secret.yaml")
        try "name: secret\n".write(to: outside, atomically: true, encoding: .utf8)
        for path in ["/product/..%2fsecret", "/product/../secret", "/product/%2e%2e%2fsecret", "/algorithm/..%2f..%2fetc/1", "/product/.beian", "/assets/../entity.yaml"] {
            let r = h.get(path)
            #expect(r.status == 404, "\(path): \(r.status)")
        }
        // A products folder that is a link to elsewhere is neither listed nor written through.
        try FileManager.default.removeItem(at: h.root.appendingPathComponent("products"))
        let elsewhere = h.root.deletingLastPathComponent().appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: h.root.appendingPathComponent("products"), withDestinationURL: elsewhere)
        let r = h.post("/new-product", [("id", "through-link"), ("name", "x")])
        #expect(r.status == 409 || r.status == 422)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
        #expect(!BundleFolder.isConfined("../x") && !BundleFolder.isConfined("a/../../x") && !BundleFolder.isConfined(".beian/ledger.jsonl")
                && !BundleFolder.isConfined("/etc/passwd") && BundleFolder.isConfined("attachments/a.pdf"))
        #expect(throws: FormWriteError.self) { try h.app.folder.write(Data("x".utf8), to: "../escape.txt") }
        #expect(!FileManager.default.fileExists(atPath: h.root.deletingLastPathComponent().appendingPathComponent("escape.txt").path))
    }

    @Test func mistypedCreditCodeShowsF210BesideTheField() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        var fields = PostedForm.fields(body(h.get("/entity")))
        let i = try #require(fields.firstIndex { $0.0 == "credit_code" })
        fields[i].1 = "91330106MA00000004"
        let r = h.post("/check/entity", fields)
        #expect(r.status == 200)
        let json = try #require(try JSONSerialization.jsonObject(with: r.body) as? [String: Any])
        let f = (json["fields"] as? [String: [[String: Any]]])?["credit_code"] ?? []
        #expect(f.contains { $0["code"] as? String == "F210" }, "\(json)")
        // Checking writes nothing.
        #expect(String(decoding: try h.read("entity.yaml"), as: UTF8.self).contains("credit_code: 91330106MA00000003"))
        // Saved, the page shows it beside the field, described by it.
        #expect(h.post("/entity", fields).status == 303)
        let page = body(h.get("/entity"))
        #expect(page.contains("id=\"f-credit_code-diag\" aria-live=\"polite\"><p class=\"error\"><span class=\"code\">F210</span>"))
        #expect(page.contains("aria-describedby=\"f-credit_code-help f-credit_code-diag\" aria-invalid=\"true\""))
    }

    @Test func uploadsAreCheckedLikeValidation() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        let fields = PostedForm.fields(body(h.get("/entity")))
        let before = h.snapshot()
        let r = h.post("/entity", fields, files: [("upload:attachments.commitment_letter", "letter.pdf", Data("<html>not a pdf</html>".utf8))])
        #expect(r.status == 422)
        #expect(body(r).contains("U993"))
        #expect(h.snapshot() == before)
        let pdf = Data("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
        #expect(h.post("/entity", fields, files: [("upload:attachments.commitment_letter", "../../承诺书 final.pdf", pdf)]).status == 303)
        #expect(try h.read("attachments/final.pdf") == pdf)
        #expect(String(decoding: try h.read("entity.yaml"), as: UTF8.self).contains("  commitment_letter: attachments/final.pdf\n"))
    }

    @Test func hostileValuesRenderInert() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        var fields = PostedForm.fields(body(h.get("/entity")))
        let hostile = ["<script>window.__pwned=1;alert(1)</script>", "\" onerror=\"window.__pwned=1\" x=\"", "<img src=x onerror=window.__pwned=1>",
                       "</textarea><script>window.__pwned=1</script>", "line\u{2028}sep"]
        let keys = ["name", "address", "security_officer.title", "legal_representative.name", "security_officer.email"]
        for (k, v) in zip(keys, hostile) {
            let i = try #require(fields.firstIndex { $0.0 == k })
            fields[i].1 = v
        }
        #expect(h.post("/entity", fields).status == 303)
        // Stored exactly (Yams reads them back), shown escaped, posted back unchanged.
        let yaml = try Yams.load(yaml: String(decoding: try h.read("entity.yaml"), as: UTF8.self)) as? [String: Any]
        #expect(yaml?["name"] as? String == hostile[0])
        let page = body(h.get("/entity"))
        #expect(!page.contains("<script>window") && !page.contains("<img src=x") && !page.contains("\" onerror=\""))
        let again = PostedForm.fields(page)
        for (k, v) in zip(keys, hostile) { #expect(again.first { $0.0 == k }?.1 == v, "\(k)") }
        let bytes = try h.read("entity.yaml")
        #expect(h.post("/entity", again).status == 303)
        #expect(try h.read("entity.yaml") == bytes)
    }

    @Test func templatesAreBeianTemplatesOutput() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        let r = h.get("/template/self-assessment/writing-assistant")
        #expect(r.status == 200)
        #expect(r.headers.contains { $0.0 == "Content-Disposition" && $0.1.contains("self-assessment-writing-assistant.html") })
        #expect(body(r).contains("云镜写作助手文本生成算法"))
        #expect(h.get("/template/commitment-letter").status == 200)
        #expect(h.get("/template/self-assessment").status == 404)
        #expect(h.get("/template/nonsense").status == 404)
        #expect(body(h.get("/entity")).contains("href=\"/template/commitment-letter\""))
    }

    @Test func handEditsShowOnTheNextPage() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        let url = h.root.appendingPathComponent("entity.yaml")
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "address: 浙江省", with: "address: 手工改过的浙江省")
        try text.write(to: url, atomically: true, encoding: .utf8)
        #expect(body(h.get("/entity")).contains("value=\"手工改过的浙江省"))
    }

    @Test func aPageOpenedBeforeAHandEditDoesNotWriteOverIt() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        var fields = PostedForm.fields(body(h.get("/entity")))
        let url = h.root.appendingPathComponent("entity.yaml")
        let edited = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "address: 浙江省", with: "address: 手工改过的浙江省")
        try edited.write(to: url, atomically: true, encoding: .utf8)
        let i = try #require(fields.firstIndex { $0.0 == "name" })
        fields[i].1 = "表单里改的名称"
        let r = h.post("/entity", fields)
        #expect(r.status == 409)
        #expect(body(r).contains("value=\"手工改过的浙江省"))
        #expect(try String(contentsOf: url, encoding: .utf8) == edited)
    }

    @Test func associationTreeWritesTheFewestEntries() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        let page = body(h.get("/algorithm/writing-assistant/3"))
        #expect(page.contains("value=\"yunjing-write/workspace-new\" checked"))
        let r = h.post("/algorithm/writing-assistant/3", [("_assoc", "1"), ("assoc", "yunjing-write"), ("assoc", "yunjing-write/account")])
        #expect(r.status == 303)
        let text = String(decoding: try h.read("algorithms/writing-assistant/algorithm.yaml"), as: UTF8.self)
        #expect(text.contains("applies_to:\n  - product: yunjing-write\ndetails:"))
        _ = h.post("/algorithm/writing-assistant/3", [("_assoc", "1"), ("assoc", "yunjing-write/account/generation-history")])
        #expect(String(decoding: try h.read("algorithms/writing-assistant/algorithm.yaml"), as: UTF8.self)
            .contains("applies_to:\n  - product: yunjing-write\n    path: account\n    function: generation-history\ndetails:"))
    }

    @Test func theScaffoldsBlankAssociationIsReplacedByTheTicks() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        #expect(h.post("/new-algorithm", [("id", "new-algo"), ("name", "新算法"), ("role", "服务提供者")]).status == 303)
        let file = "algorithms/new-algo/algorithm.yaml"
        #expect(String(decoding: try h.read(file), as: UTF8.self).contains("applies_to: # "))
        #expect(h.post("/algorithm/new-algo/3", [("_assoc", "1"), ("assoc", "yunjing-write")]).status == 303)
        let text = String(decoding: try h.read(file), as: UTF8.self)
        #expect(text.contains("\n  - product: yunjing-write\n") && !text.contains("product: \"\""), "\(text)")
    }

    @Test func pathsAndFunctionsAreAddedAndRemovedThroughThePage() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        let file = "products/yunjing-write.yaml"
        let before = String(decoding: try h.read(file), as: UTF8.self)
        #expect(h.post("/product/yunjing-write", PostedForm.fields(body(h.get("/product/yunjing-write"))) + [("_action", "add:paths[1].functions")]).status == 303)
        let added = String(decoding: try h.read(file), as: UTF8.self)
        #expect(added.contains("generation-history") && added.split(separator: "\n").count == before.split(separator: "\n").count + 3)
        #expect(body(h.get("/product/yunjing-write")).contains("name=\"paths[1].functions[3].name\""))
        #expect(h.post("/product/yunjing-write", PostedForm.fields(body(h.get("/product/yunjing-write"))) + [("_action", "remove:paths[1].functions[3]")]).status == 303)
        #expect(String(decoding: try h.read(file), as: UTF8.self) == before)
        #expect(h.post("/product/yunjing-write", PostedForm.fields(body(h.get("/product/yunjing-write"))) + [("_action", "remove:paths[2]")]).status == 303)
        let removed = String(decoding: try h.read(file), as: UTF8.self)
        #expect(!removed.contains("template-center") && removed.contains("workspace-new") && removed.contains("generation-history"))
    }

    @Test func aStepWithErrorsCannotBeConfirmed() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        var fields = PostedForm.fields(body(h.get("/algorithm/writing-assistant/1")))
        let i = try #require(fields.firstIndex { $0.0 == "launched_on" })
        fields[i].1 = "2024-02-30"
        let r = h.post("/algorithm/writing-assistant/1", fields + [("_action", "next")])
        #expect(r.headers.contains { $0 == ("Location", "/algorithm/writing-assistant/1?blocked=1") })
        // The page shown again (with the saved draft), corrected.
        fields = PostedForm.fields(body(h.get("/algorithm/writing-assistant/1?blocked=1")))
        let j = try #require(fields.firstIndex { $0.0 == "launched_on" })
        #expect(fields[j].1 == "2024-02-30")
        fields[j].1 = "2024-02-01"
        let ok = h.post("/algorithm/writing-assistant/1", fields + [("_action", "next")])
        #expect(ok.headers.contains { $0 == ("Location", "/algorithm/writing-assistant/2") })
    }
}
