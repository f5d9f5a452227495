import BeianBundle
@testable import BeianForm
import BeianTrust
import Foundation
import Testing

/// 确认提交 through the form: `beian submit`'s code, the commitment required word for word,
/// the sealed package written with a filer key; and a bundle whose every value is hostile.
@Suite struct FormSubmitTests {
    func body(_ r: FormResponse) -> String { String(decoding: r.body, as: UTF8.self) }

    func editProductName(_ h: FormHarness) throws {
        var fields = PostedForm.fields(body(h.get("/product/yunjing-write")))
        let i = try #require(fields.firstIndex { $0.0 == "name" })
        fields[i].1 = "云镜写作（新版）"
        #expect(h.post("/product/yunjing-write", fields).status == 303)
    }

    @Test func submittingNeedsTheExactCommitmentAndWritesTheLedgerAndThePackage() throws {
        let h = try FormHarness(copying: "yunjing-ai", filerKey: SigningKey(name: "yunjing-filer", kind: .filer))
        try editProductName(h)
        let page = body(h.get("/submit"))
        #expect(page.contains("我承诺上述填报信息真实有效") && page.contains("product:yunjing-write") && page.contains("云镜写作（新版）"))
        let ledger = try h.read(".beian/ledger.jsonl")
        for wrong in ["", "我承诺上述信息真实有效", "yes"] {
            let r = h.post("/submit", wrong.isEmpty ? [] : [("commit", wrong)])
            #expect(r.status == 422 && body(r).contains("S701"), "\(wrong)")
        }
        #expect(try h.read(".beian/ledger.jsonl") == ledger)
        let r = h.post("/submit", [("commit", "我承诺上述填报信息真实有效")])
        #expect(r.status == 200)
        let after = String(decoding: try h.read(".beian/ledger.jsonl"), as: UTF8.self)
        #expect(after.count > ledger.count && after.contains("product:yunjing-write"))
        let outbox = h.root.deletingLastPathComponent().appendingPathComponent("outbox")
        let packages = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        #expect(packages.count == 1 && packages[0].hasSuffix(".zip"))
        #expect(body(r).contains("id=\"package-path\">\(outbox.appendingPathComponent(packages.first ?? "").path)</code>"))
        #expect(body(h.get("/submit")).contains("没有新增或改动的事项") || body(h.get("/submit?lang=zh")).contains("没有新增或改动的事项"))
    }

    static let hostile = [
        "<script>window.__pwned=1;alert(1)</script>", "\" onerror=\"window.__pwned=1\" x=\"", "<img src=x onerror=window.__pwned=1>",
        "javascript:window.__pwned=1", "{{x}}{{{y}}}{{>header}}", "</script><script>window.__pwned=1</script>", "=cmd|' /C calc'!A0",
        "line\u{2028}sep\u{2029}end", "</textarea><img src=x onerror=window.__pwned=1>", "a\nb\n<b>c</b>", "'single' & \"double\"",
    ]

    /// Every scalar of `text` (except the schema marker) replaced by a hostile string.
    func poisoned(_ text: String) throws -> String {
        var editor = YAMLEditor(text)
        var n = 0
        func walk(_ v: YAMLValue, _ path: [YAMLPath.Segment]) throws {
            switch v {
            case .scalar:
                guard case .key(let k)? = path.last, k != "schema" else { return }
                try editor.setScalar(Self.hostile[n % Self.hostile.count], at: YAMLPath(segments: path))
                n += 1
            case .sequence(let xs, _):
                if xs.allSatisfy({ if case .scalar = $0 { true } else { false } }), case .key? = path.last {
                    try editor.setList(xs.indices.map { Self.hostile[($0 + n) % Self.hostile.count] }, at: YAMLPath(segments: path))
                    n += 1
                } else {
                    for (i, x) in xs.enumerated() { try walk(x, path + [.index(i)]) }
                }
            case .mapping(let es, _):
                for e in es { try walk(e.value, path + [.key(e.key)]) }
            }
        }
        try walk(try #require(editor.document), [])
        return editor.text
    }

    @Test func aHostileBundleRendersInertAndRoundTrips() throws {
        let h = try FormHarness(copying: "yunjing-ai")
        let files = ["entity.yaml", "products/yunjing-write.yaml", "algorithms/writing-assistant/algorithm.yaml", "algorithms/image-generation/algorithm.yaml"]
        for f in files {
            let url = h.root.appendingPathComponent(f)
            try Data(poisoned(String(contentsOf: url, encoding: .utf8)).utf8).write(to: url)
        }
        try Data(Self.hostile.joined(separator: "\n\n").utf8).write(to: h.root.appendingPathComponent("algorithms/writing-assistant/disclosure.md"))
        let before = h.snapshot()
        let pages = ["/", "/entity", "/product/yunjing-write", "/drafts", "/status", "/submit"]
            + ["writing-assistant", "image-generation"].flatMap { a in (1...4).map { "/algorithm/\(a)/\($0)" } }
        for page in pages {
            let r = h.get(page)
            #expect(r.status == 200, "\(page)")
            let html = body(r)
            for raw in ["<script>window", "<img src=x", "\" onerror=\"", "</script><script>", "</textarea><img"] {
                #expect(!html.contains(raw), "\(page) contains \(raw)")
            }
            #expect(html.components(separatedBy: "<script").count == 2, "\(page): only the form's own script tag")
        }
        for page in pages where page.hasPrefix("/entity") || page.hasPrefix("/product") || (page.hasPrefix("/algorithm") && !page.hasSuffix("/4")) {
            let r = h.post(page, PostedForm.fields(body(h.get(page))) + [("_action", "save")])
            #expect(r.status == 303, "\(page): \(r.status) \(body(r).prefix(400))")
        }
        let after = h.snapshot()
        for (path, data) in before where after[path] != data { Issue.record("\(path) changed by saving it unchanged") }
    }
}
