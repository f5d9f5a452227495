@testable import BeianBundle
import Foundation
import Testing
import Yams

/// The form's line-preserving YAML editor: untouched text stays byte-identical, one edited
/// value changes one line, and whatever is written reads back (with Yams itself) as intended.
@Suite struct YAMLEditorTests {
    /// A key path written in the test.
    func P(_ s: String) -> YAMLPath { YAMLPath(s)! }

    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every YAML file of the demo bundles under `bundles/`.
    static var demoFiles: [URL] {
        let root = repo.appendingPathComponent("bundles")
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var out: [URL] = []
        while let url = walker?.nextObject() as? URL {
            if url.pathExtension == "yaml", !url.path.contains("/.beian/") { out.append(url) }
        }
        return out.sorted { $0.path < $1.path }
    }

    static let hostile = [
        "<script>window.__pwned=1;alert(1)</script>",
        "\" onerror=\"window.__pwned=1\" x=\"",
        "<img src=x onerror=window.__pwned=1>",
        "javascript:window.__pwned=1",
        "{{x}}{{{y}}}{{>header}}",
        "</script><script>window.__pwned=1</script>",
        "=cmd|' /C calc'!A0",
        "line\u{2028}sep\u{2029}end",
        "a: b # not a comment", "- item", "? key", "& anchor", "*alias", "!tag", "%YAML 1.1", "---", "...",
        "'single'", "\"double\"", "[1, 2]", "{a: 1}", "#hash", "|", ">", "  leading", "trailing  ", "tab\there",
        "new\nline", "crlf\r\nline", "nul\u{0}x", "bell\u{7}", "del\u{7F}", "nel\u{85}", "bom\u{FEFF}", "rtl\u{202E}evil",
        "null", "~", "true", "no", "Yes", "0x1F", "1e3", "0o17", "-1", "+1", ".5", "2024-01-18", "330106", "@at", "`tick`",
        "", " ", "\\", "\\n", "中文：冒号", "中文: 冒号", "emoji 😀", "路径/a#b", "x:", "x :y",
    ]

    func lineDiff(_ a: String, _ b: String) -> Int {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        guard x.count == y.count else { return -1 }
        return zip(x, y).filter { $0 != $1 }.count
    }

    /// Every scalar leaf of a document with its path, and whether it sat on one line.
    func leaves(_ v: YAMLValue, _ path: [YAMLPath.Segment] = []) -> [(YAMLPath, String)] {
        switch v {
        case .scalar(let s): return [(YAMLPath(segments: path), s.isNull ? "" : s.text)]
        case .sequence(let xs, _): return xs.enumerated().flatMap { leaves($1, path + [.index($0)]) }
        case .mapping(let es, _): return es.flatMap { leaves($0.value, path + [.key($0.key)]) }
        }
    }

    @Test func demoBundlesRoundTripByteIdentical() throws {
        let files = Self.demoFiles
        #expect(files.count >= 10)
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            var editor = YAMLEditor(text)
            #expect(editor.text == text, "\(url.lastPathComponent)")
            // Setting every value to what it already is changes nothing.
            for (path, value) in leaves(try #require(editor.document)) where path.segments.last.map({ if case .key = $0 { true } else { false } }) ?? false {
                try editor.setScalar(value, at: path)
            }
            #expect(editor.text == text, "\(url.path)")
        }
    }

    @Test func oneEditedFieldChangesOneLine() throws {
        for url in Self.demoFiles {
            let text = try String(contentsOf: url, encoding: .utf8)
            let doc = try #require(YAMLEditor(text).document)
            for (path, old) in leaves(doc) {
                guard case .key? = path.segments.last else { continue }
                var editor = YAMLEditor(text)
                let value = old == "已修改的值" ? "另一个值" : "已修改的值"
                try editor.setScalar(value, at: path)
                let reparsed = try #require(YAMLEditor(editor.text).document)
                let node = try #require(YAMLEditor.lookup(reparsed, path.segments[...]))
                #expect(node.text == value, "\(url.lastPathComponent) \(path)")
                // A value written on one line changes exactly that line.
                let loc = node.location.line
                let originalLines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let wasOneLine = !(originalLines[loc - 1].hasSuffix(">-") || originalLines[loc - 1].hasSuffix("|") || originalLines[loc - 1].hasSuffix(">"))
                    && !(old.contains("\n"))
                if wasOneLine && lineDiff(text, editor.text) != 1 {
                    // Plain scalars folded over several lines are the only other multi-line form.
                    #expect(text.split(separator: "\n").count != editor.text.split(separator: "\n").count, "\(url.lastPathComponent) \(path)")
                }
                // Every other value reads back unchanged.
                let after = try #require(YAMLEditor(editor.text).document)
                for ((p1, v1), (p2, v2)) in zip(leaves(doc), leaves(after)) where p1 != path {
                    #expect(p1 == p2 && v1 == v2, "\(url.lastPathComponent) \(p1)")
                }
            }
        }
    }

    @Test func hostileValuesRoundTripThroughYams() throws {
        let text = try String(contentsOf: Self.repo.appendingPathComponent("bundles/yunjing-ai/entity.yaml"), encoding: .utf8)
        for value in Self.hostile {
            // The quoting alone, read by Yams as a mapping value and inside a flow list.
            let rendered = YAMLScalarText.render(value)
            let loaded = try Yams.load(yaml: "k: \(rendered)\nl: [\(rendered), x]\n") as? [String: Any]
            #expect(loaded?["k"] as? String == value, "\(value.debugDescription) as \(rendered)")
            #expect((loaded?["l"] as? [Any])?.first as? String == value, "\(value.debugDescription) in a list")
            // Through the editor, in a real file: one line changes, Yams reads the value back.
            var editor = YAMLEditor(text)
            try editor.setScalar(value, at: P("security_officer.title"))
            let map = try Yams.load(yaml: editor.text) as? [String: Any]
            #expect((map?["security_officer"] as? [String: Any])?["title"] as? String == value, "\(value.debugDescription)")
            #expect(lineDiff(text, editor.text) == 1, "\(value.debugDescription)")
            var lists = YAMLEditor(text)
            try lists.setList([value, "第二项"], at: P("prior_permits"))
            let listMap = try Yams.load(yaml: lists.text) as? [String: Any]
            #expect(listMap?["prior_permits"] as? [String] == [value, "第二项"], "\(value.debugDescription)")
        }
    }

    @Test func chineseTextStaysPlain() {
        #expect(YAMLScalarText.render("杭州云镜智能科技有限公司") == "杭州云镜智能科技有限公司")
        #expect(YAMLScalarText.render("https://www.yunjing.example.cn") == "https://www.yunjing.example.cn")
        #expect(YAMLScalarText.render("330106") == "\"330106\"")
        #expect(YAMLScalarText.render("860000", kind: .integer(min: 0, max: 10)) == "860000")
        #expect(YAMLScalarText.render("2024-01-18", kind: .date) == "2024-01-18")
        #expect(YAMLScalarText.render("true") == "\"true\"")
    }

    @Test func commentsAndTrailingTextKept() throws {
        let text = """
        # 主体信息
        name: "" # 主体名称：与营业执照一致
        monthly_active_users: # 月活跃用户数（可选）：整数
        certificate: # 证件信息
          type: 营业执照 # 证件类型
          scan: "" # 证件扫描件
        website: 'https://a.example' # 网站

        """
        var e = YAMLEditor(text)
        try e.setScalar("云镜", at: P("name"))
        try e.setScalar("12", at: P("monthly_active_users"), kind: .integer(min: 0, max: 100))
        try e.setScalar("attachments/a.pdf", at: P("certificate.scan"))
        try e.setScalar("https://b.example", at: P("website"))
        #expect(e.text == """
        # 主体信息
        name: 云镜 # 主体名称：与营业执照一致
        monthly_active_users: 12 # 月活跃用户数（可选）：整数
        certificate: # 证件信息
          type: 营业执照 # 证件类型
          scan: attachments/a.pdf # 证件扫描件
        website: https://b.example # 网站

        """)
    }

    @Test func missingKeysAreAddedAtTheEndOfTheirMapping() throws {
        let text = "name: a\ndetails:\n  data:\n    sources: [x]\n  # a comment\nrole: 服务提供者\n"
        var e = YAMLEditor(text)
        try e.setScalar("深度学习", at: P("details.model.kind"))
        try e.setScalar("说明", at: P("technical_service.description"))
        #expect(e.text == "name: a\ndetails:\n  data:\n    sources: [x]\n  model:\n    kind: 深度学习\n  # a comment\nrole: 服务提供者\ntechnical_service:\n  description: 说明\n")
    }

    @Test func blockListsBecomeFlowAndItemsAreAddedAndRemoved() throws {
        let text = "scenarios:\n  - 一\n  - 二\npaths:\n  - id: a\n    steps: [打开]\n  - id: b # 第二\n    steps: []\nafter: 1\n"
        var e = YAMLEditor(text)
        try e.setList(["一", "三"], at: P("scenarios"))
        #expect(e.text == "scenarios: [一, 三]\npaths:\n  - id: a\n    steps: [打开]\n  - id: b # 第二\n    steps: []\nafter: 1\n")
        try e.appendItem(["- id: c", "  steps: []"], to: P("paths"))
        #expect(e.text.hasSuffix("  - id: c\n    steps: []\nafter: 1\n"))
        try e.removeItem(0, of: P("paths"))
        #expect(e.text == "scenarios: [一, 三]\npaths:\n  - id: b # 第二\n    steps: []\n  - id: c\n    steps: []\nafter: 1\n")
        try e.removeItem(1, of: P("paths"))
        try e.removeItem(0, of: P("paths"))
        #expect(e.text == "scenarios: [一, 三]\npaths: []\nafter: 1\n")
        try e.appendItem(["- product: p"], to: P("paths"))
        #expect(e.text == "scenarios: [一, 三]\npaths:\n  - product: p\nafter: 1\n")
    }

    @Test func crlfAndBOMFilesKeepTheirLineEnds() throws {
        let text = "\u{FEFF}# 注释\r\nname: a # 名称\r\nlist: [x]\r\n"
        var e = YAMLEditor(text)
        #expect(e.text == text)
        try e.setScalar("乙", at: P("name"))
        #expect(e.text == "\u{FEFF}# 注释\r\nname: 乙 # 名称\r\nlist: [x]\r\n")
    }

    @Test func aBrokenFileIsNotEdited() throws {
        var e = YAMLEditor("name: [unclosed\n")
        #expect(throws: YAMLEditError.unparsable) { try e.setScalar("x", at: P("name")) }
        #expect(e.text == "name: [unclosed\n")
    }

    @Test func keyPathsAreTheDiagnosticsOnes() {
        #expect(YAMLPath("paths[2].functions[1].name")?.segments == [.key("paths"), .index(1), .key("functions"), .index(0), .key("name")])
        #expect(YAMLPath("paths[0]") == nil)
        #expect(YAMLPath("a..b") == nil)
        #expect(YAMLPath("paths[2].functions[1].name")?.description == "paths[2].functions[1].name")
    }
}
