import Foundation
import Testing

/// `beian verify-site` (SPEC §8) against every change a hostile mirror could make to a built
/// portal, through the real CLI: each is named by file, field and code, a clean site passes,
/// and a site checked with another key or without a head fails.
@Suite(.serialized) struct VerifySiteTests {
    static let filing = "110108874287802250017"      // 星辰资讯个性化推荐算法, 已备案
    static let other = "310115539019702250019"
    static let cancelled = "330106763420901250025"   // 已注销 on 2025-05-12
    static let changed = "310115539019704250011"     // renamed 青禾优选搜索算法 → 青禾优选商品搜索算法
    static let registryPub = Beian.packageRoot.appendingPathComponent("demo-keys/registry.pub").path

    /// The demo registry's key, as a private copy (git keeps no file modes).
    static func registryKey(_ s: borrowing Scratch) throws -> String {
        let key = s.path("registry.key")
        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("demo-keys/registry.key"), to: key)
        chmod(key.path, 0o600)
        return key.path
    }

    /// A copy of the demo, built with the registry key into `site/`.
    static func signedDemo() throws -> Scratch {
        let s = try Scratch()
        for name in ["bundles", "content"] {
            try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent(name), to: s.path(name))
        }
        let r = try Beian.run(["build", "--key", try registryKey(s)], in: s.url, timeout: 120)
        try #require(r.status == 0, "\(r)")
        return s
    }

    static func verify(_ site: String, in s: borrowing Scratch, key: String = registryPub) throws -> (Beian.Run, [[String: Any]]) {
        let r = try Beian.run(["verify-site", site, "--registry-key", key, "--json"], in: s.url, timeout: 120)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return (r, object?["diagnostics"] as? [[String: Any]] ?? [])
    }

    /// Replaces the text of the `n`-th element marked `data-field="field"` in an HTML file.
    static func setField(_ file: URL, _ field: String, to value: String, occurrence n: Int = 0) throws {
        var html = try String(contentsOf: file, encoding: .utf8)
        var range = html.startIndex..<html.startIndex
        for _ in 0...n { range = try #require(html.range(of: "data-field=\"\(field)\"", range: range.upperBound..<html.endIndex)) }
        let open = try #require(html.range(of: ">", range: range.upperBound..<html.endIndex))
        let close = try #require(html.range(of: "<", range: open.upperBound..<html.endIndex))
        html.replaceSubrange(open.upperBound..<close.lowerBound, with: value)
        try Data(html.utf8).write(to: file)
    }

    static func replace(_ file: URL, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        try #require(text.contains(old), "\(old) in \(file.lastPathComponent)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }

    @Test func aCleanSitePassesWithTheKeyFromOutsideTheSite() throws {
        let s = try Self.signedDemo()
        let r = try Beian.run(["verify-site", "site", "--registry-key", Self.registryPub], in: s.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("signed head valid (demo-registry-NOT-FOR-PRODUCTION, log of 8"), "\(r)")
        #expect(r.stdout.contains("8 records and 8 filing pages match, 8 rows of filings.csv and 8 of filings.json"), "\(r)")
        // The key given as text works the same as the file holding it.
        let text = try String(contentsOfFile: Self.registryPub, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try Beian.run(["verify-site", "site", "--registry-key", text], in: s.url).status == 0)
        // What the head commits to: each record beside its page, in RFC 8785 form, the page
        // linking it, the badge and its snippet.
        let record = try s.read("site/filings/\(Self.filing)/record.json")
        #expect(record.hasPrefix("{\"algorithmName\":\"星辰资讯个性化推荐算法\",\"approvedOn\":"))
        #expect(!record.hasSuffix("\n") && !record.contains(": "))
        let page = try s.read("site/filings/\(Self.filing)/index.html")
        #expect(page.contains("<a href=\"/filings/\(Self.filing)/record.json\">record.json</a>"))
        #expect(page.contains("&lt;a href=&quot;https://beian.example.cn/filings/\(Self.filing)/&quot;"), "the snippet, escaped in its text box")
        #expect(try s.read("site/filings/\(Self.cancelled)/badge.svg").contains(">已注销</text>"))
        #expect(try s.read("site/filings/\(Self.filing)/badge.svg").contains(">已备案</text>"))
    }

    /// Each change a hostile mirror could make, and what verify-site must say about it.
    struct Tamper: Sendable, CustomStringConvertible {
        var description: String
        var code: String
        var path: String
        var field: String?
        var change: @Sendable (URL) throws -> Void
    }

    static let tampers: [Tamper] = {
        let f = filing, o = other
        @Sendable func page(_ id: String) -> @Sendable (URL) -> URL { { $0.appendingPathComponent("filings/\(id)/index.html") } }
        return [
            Tamper(description: "name on a filing page", code: "V973", path: "filings/\(f)/index.html", field: "name") {
                try setField(page(f)($0), "name", to: "星辰资讯安全推荐算法") },
            Tamper(description: "number on a filing page", code: "V973", path: "filings/\(f)/index.html", field: "number") {
                try setField(page(f)($0), "number", to: "网信算备110108874287802250099号", occurrence: 1) },
            Tamper(description: "purpose on a filing page", code: "V973", path: "filings/\(f)/index.html", field: "purpose") {
                try setField(page(f)($0), "purpose", to: "仅用于内部测试") },
            Tamper(description: "status on a filing page", code: "V973", path: "filings/\(f)/index.html", field: "status") {
                try setField(page(f)($0), "status", to: "已注销") },
            Tamper(description: "a cancelled filing shown as active", code: "V973", path: "filings/\(cancelled)/index.html", field: "status") {
                try setField(page(cancelled)($0), "status", to: "已备案") },
            // The English copy (SPEC §10) is checked as well, in English.
            Tamper(description: "the type on the English page", code: "V973", path: "en/filings/\(f)/index.html", field: "type") {
                try setField($0.appendingPathComponent("en/filings/\(f)/index.html"), "type", to: "Ranking and selection") },
            Tamper(description: "the name on the English page", code: "V973", path: "en/filings/\(f)/index.html", field: "name") {
                try setField($0.appendingPathComponent("en/filings/\(f)/index.html"), "name", to: "星辰资讯安全推荐算法") },
            Tamper(description: "a cancelled filing shown as filed on the English page", code: "V973", path: "en/filings/\(cancelled)/index.html", field: "status") {
                try setField($0.appendingPathComponent("en/filings/\(cancelled)/index.html"), "status", to: "Filed") },
            Tamper(description: "an English filing page the registry never approved", code: "V972", path: "en/filings/110108874287899250019/", field: nil) {
                try FileManager.default.copyItem(at: $0.appendingPathComponent("en/filings/\(f)"), to: $0.appendingPathComponent("en/filings/110108874287899250019")) },
            Tamper(description: "the disclosure's text", code: "V973", path: "filings/\(f)/index.html", field: "disclosure") {
                try replace(page(f)($0), "算法基本原理", "算法基本原则") },
            Tamper(description: "the badge", code: "V973", path: "filings/\(f)/badge.svg", field: "badge") {
                try replace($0.appendingPathComponent("filings/\(f)/badge.svg"), ">已备案</text>", ">已注销</text>") },
            Tamper(description: "an old value in the public history", code: "V973", path: "filings/\(changed)/index.html", field: "changeOld") {
                try setField(page(changed)($0), "changeOld", to: "青禾优选推荐算法") },
            Tamper(description: "a new value in the public history", code: "V973", path: "filings/\(changed)/index.html", field: "changeNew") {
                try setField(page(changed)($0), "changeNew", to: "青禾优选全站搜索算法") },
            Tamper(description: "the changed field's label in the public history", code: "V973", path: "filings/\(changed)/index.html", field: "changeField") {
                try setField(page(changed)($0), "changeField", to: "主要用途") },
            Tamper(description: "a change in filings.json", code: "V974", path: "filings.json", field: "history") {
                try replace($0.appendingPathComponent("filings.json"), "\"old\":[\"青禾优选搜索算法\"]", "\"old\":[\"青禾优选推荐算法\"]") },
            Tamper(description: "a row of filings.csv", code: "V974", path: "filings.csv", field: "status") {
                try replace($0.appendingPathComponent("filings.csv"), "\(o),https://beian.example.cn/filings/\(o)/,已备案", "\(o),https://beian.example.cn/filings/\(o)/,已注销") },
            Tamper(description: "a row of filings.json", code: "V974", path: "filings.json", field: "purpose") {
                try replace($0.appendingPathComponent("filings.json"), "\"purpose\":\"应用于青禾优选小程序首页", "\"purpose\":\"应用于青禾优选全站") },
            Tamper(description: "a record file", code: "V972", path: "filings/\(f)/record.json", field: nil) {
                try replace($0.appendingPathComponent("filings/\(f)/record.json"), "\"status\":\"已备案\"", "\"status\":\"已注销\"") },
            Tamper(description: "the head", code: "V971", path: "transparency/checkpoint", field: nil) {
                try replace($0.appendingPathComponent("transparency/checkpoint"), "\n8\n", "\n7\n") },
            Tamper(description: "the record list", code: "V976", path: "transparency/records.txt", field: nil) {
                let file = $0.appendingPathComponent("transparency/records.txt")
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix(f) }
                try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file) },
            Tamper(description: "a removed filing", code: "V972", path: "filings/\(f)/record.json", field: nil) {
                try FileManager.default.removeItem(at: $0.appendingPathComponent("filings/\(f)")) },
            Tamper(description: "a filing the registry never approved", code: "V972", path: "filings/110108874287899250019/", field: nil) {
                try FileManager.default.copyItem(at: $0.appendingPathComponent("filings/\(f)"), to: $0.appendingPathComponent("filings/110108874287899250019")) },
            Tamper(description: "a row added to filings.csv", code: "V974", path: "filings.csv", field: nil) {
                let file = $0.appendingPathComponent("filings.csv")
                let row = "9,假冒算法,个性化推送类,服务提供者,假冒公司,--,假冒,网信算备110108874287899250019号,,110108874287899250019,https://beian.example.cn/filings/110108874287899250019/,已备案\r\n"
                try (try Data(contentsOf: file) + Data(row.utf8)).write(to: file) },
            Tamper(description: "the site's copy of the registry key", code: "V971", path: "transparency/registry-key.txt", field: nil) {
                try Data("mirror+00000000+AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n".utf8).write(to: $0.appendingPathComponent("transparency/registry-key.txt")) },
        ]
    }()

    @Test func eachChangeAHostileMirrorCouldMakeIsNamed() throws {
        let s = try Self.signedDemo()
        for (n, t) in Self.tampers.enumerated() {
            let copy = "mirror-\(n)"
            try FileManager.default.copyItem(at: s.path("site"), to: s.path(copy))
            try t.change(s.path(copy))
            let (r, diagnostics) = try Self.verify(copy, in: s)
            #expect(r.status == 2, "\(t): \(r)")
            let named = diagnostics.contains { d in
                d["code"] as? String == t.code && (d["path"] as? String ?? "").hasSuffix("/\(copy)/\(t.path)")
                    && (t.field == nil || (d["field"] as? String) == t.field)
            }
            #expect(named, "\(t): expected \(t.code) at \(t.path) field \(t.field ?? "-"), got \(r.stdout)")
        }
    }

    /// 公示历史 (issue 19) end to end: a change of name, purpose and products, then an entity
    /// rename, approved through the CLI; the rebuilt page shows each field old → new, the record
    /// and filings.json carry the same, private fields changed alongside appear nowhere, and
    /// the site verifies.
    @Test func approvedChangesShowOldAndNewOnThePageAndInTheRecord() throws {
        let s = try Self.signedDemo()
        let key = try Beian.demoReviewerKey(), attest = ["--attest", "我承诺上述填报信息真实有效"]
        // The demo's own change (a rename) is in its record and on its page.
        var record = try s.read("site/filings/\(Self.changed)/record.json")
        #expect(record.contains("{\"changes\":[{\"field\":\"algorithmName\",\"new\":[\"青禾优选商品搜索算法\"],\"old\":[\"青禾优选搜索算法\"]}]"), "\(record)")
        #expect(record.contains("\"format\":\"beian-portal/record/v3\""))

        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("Tests/BeianRegistryTests/Fixtures/xc"), to: s.path("bundles/xc-new"))
        try s.edit("bundles/xc-new/entity.yaml", replacing: "测试星辰科技有限公司", with: "历史测试科技有限公司")
        func run(_ args: [String]) throws {
            let r = try Beian.run(args, in: s.url)
            #expect(r.status == 0, "\(args): \(r)")
        }
        try run(["submit", "bundles/xc-new"] + attest)
        for item in ["entity", "product:app", "algorithm:feed"] { try run(["review", "approve", "bundles/xc-new", item, "--key", key]) }
        let algorithm = "bundles/xc-new/algorithms/feed/algorithm.yaml"
        try s.edit(algorithm, replacing: "name: 星辰资讯推荐算法", with: "name: 星辰资讯<b>个性化</b>推荐算法")
        try s.edit(algorithm, replacing: "purpose: 应用于资讯推荐，", with: "purpose: 应用于资讯与短视频推荐，")
        try s.edit(algorithm, replacing: "personal_information: 处理用户的浏览记录。", with: "personal_information: PRIVATE-PI-CHANGED")
        try s.edit(algorithm, replacing: "  - product: app", with: "  - product: web")
        try s.write(try s.read("bundles/xc-new/products/app.yaml").replacingOccurrences(of: "name: 星辰资讯\nform: APP", with: "name: 星辰资讯网页版\nform: 网站"),
                    to: "bundles/xc-new/products/web.yaml")
        try run(["submit", "bundles/xc-new"] + attest)
        for item in ["product:web", "algorithm:feed"] { try run(["review", "approve", "bundles/xc-new", item, "--key", key]) }
        try s.edit("bundles/xc-new/entity.yaml", replacing: "历史测试科技有限公司", with: "历史测试智能科技有限公司")
        try s.edit("bundles/xc-new/entity.yaml", replacing: "security@example.cn", with: "private-changed@example.cn")
        try run(["submit", "bundles/xc-new"] + attest)
        try run(["review", "approve", "bundles/xc-new", "entity", "--key", key])
        let b = try Beian.run(["build", "--key", s.path("registry.key").path], in: s.url, timeout: 120)
        #expect(b.status == 0, "\(b)")

        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: s.path("site/filings").path).first { name in
            (try? s.read("site/filings/\(name)/record.json"))?.contains("历史测试智能科技有限公司") == true
        })
        record = try s.read("site/filings/\(folder)/record.json")
        #expect(record.contains("{\"changes\":[{\"field\":\"algorithmName\",\"new\":[\"星辰资讯<b>个性化</b>推荐算法\"],\"old\":[\"星辰资讯推荐算法\"]},"
            + "{\"field\":\"products\",\"new\":[\"星辰资讯网页版（网站）\"],\"old\":[\"星辰资讯（APP）\"]},"
            + "{\"field\":\"purpose\",\"new\":[\"应用于资讯与短视频推荐，"), "\(record)")
        #expect(record.contains("{\"changes\":[{\"field\":\"entityName\",\"new\":[\"历史测试智能科技有限公司\"],\"old\":[\"历史测试科技有限公司\"]}],"))
        let page = try s.read("site/filings/\(folder)/index.html")
        #expect(page.contains("<tr><th scope=\"row\" data-field=\"changeField\">算法名称</th>\n<td><del lang=\"zh-CN\" data-field=\"changeOld\">星辰资讯推荐算法</del></td>\n"
            + "<td><ins lang=\"zh-CN\" data-field=\"changeNew\">星辰资讯&lt;b&gt;个性化&lt;/b&gt;推荐算法</ins></td></tr>"), "\(page)")
        #expect(page.contains("data-field=\"changeField\">主体名称</th>\n<td><del lang=\"zh-CN\" data-field=\"changeOld\">历史测试科技有限公司</del>"))
        #expect(page.contains("<del lang=\"zh-CN\" data-field=\"changeOld\">星辰资讯（APP）</del>"))
        for text in [record, page, try s.read("site/filings.json")] {
            #expect(!text.contains("PRIVATE-PI-CHANGED") && !text.contains("private-changed@example.cn") && !text.contains("浏览记录"))
        }
        let (v, d) = try Self.verify("site", in: s)
        #expect(v.status == 0 && d.isEmpty, "\(v)")
        #expect(v.stdout.contains("\"pages\" : 9") && v.stdout.contains("\"records\" : 9"), "\(v)")
    }

    @Test func anotherKeyOrNoHeadIsRefused() throws {
        let s = try Self.signedDemo()
        // Signed, but not by the key the verifier trusts (here: a reviewer's).
        let reviewer = Beian.packageRoot.appendingPathComponent("demo-keys/reviewer-a.pub").path
        var (r, d) = try Self.verify("site", in: s, key: reviewer)
        #expect(r.status == 2 && d.first?["code"] as? String == "V971", "\(r)")
        #expect(r.stdout.contains("carries no signature by the registry key 审核员甲"), "\(r)")
        // A site built without --key has no head: nothing on it can be verified. The build says so.
        let b = try Beian.run(["build", "--out", "unsigned"], in: s.url, timeout: 120)
        #expect(b.status == 0 && b.stderr.contains("warning: no --key"), "\(b)")
        (r, d) = try Self.verify("unsigned", in: s)
        #expect(r.status == 2 && d.first?["code"] as? String == "V971" && r.stdout.contains("is missing"), "\(r)")
        // Not a key at all.
        r = try Beian.run(["verify-site", "site", "--registry-key", "not-a-key"], in: s.url)
        #expect(r.status == 2 && r.stderr.contains("K965") || r.stdout.contains("K965"), "\(r)")
    }

    @Test func buildSignsOnlyWithTheRegistrysOwnKey() throws {
        let s = try Self.signedDemo()
        // A reviewer's key is not the registry's.
        let reviewer = try Beian.demoReviewerKey()
        var r = try Beian.run(["build", "--key", reviewer, "--out", "other"], in: s.url, timeout: 120)
        #expect(r.status == 2 && r.stderr.contains("S713") && r.stderr.contains("reviewer key"), "\(r)")
        // Nor is another registry key, whatever its name.
        r = try Beian.run(["key", "new", "fake.key", "--name", "demo-registry-NOT-FOR-PRODUCTION", "--kind", "registry"], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["build", "--key", "fake.key", "--out", "other"], in: s.url, timeout: 120)
        #expect(r.status == 2 && r.stderr.contains("is not the key of the registry"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: s.path("other").path), "nothing written")
    }

    @Test func rebuildsKeepTheHeadCurrentAndReproducible() throws {
        let s = try Self.signedDemo()
        let key = s.path("registry.key").path
        let head = try s.read("site/transparency/checkpoint"), list = try s.read("site/transparency/records.txt")
        // The same inputs and SOURCE_DATE_EPOCH: the same head, byte for byte.
        #expect(try Beian.run(["build", "--key", key, "--out", "again"], in: s.url, timeout: 120).status == 0)
        #expect(try s.read("again/transparency/checkpoint") == head)
        // An approval changes one record; the rebuilt head covers it and the site verifies.
        var r = try Beian.run(["review", "approve", "bundles/xingchen-tech", "algorithm:hot-ranking", "--key", try Beian.demoReviewerKey()], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["build", "--key", key], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        let newList = try s.read("site/transparency/records.txt")
        let changed = zip(list.split(separator: "\n"), newList.split(separator: "\n")).filter { $0 != $1 }.map { $0.0.prefix(21) }
        #expect(changed == ["110108874287803250013"], "only the approved filing's leaf changed: \(changed)")
        #expect(try s.read("site/transparency/checkpoint") != head)
        #expect(try s.read("site/filings/110108874287803250013/record.json").contains("星辰热榜排序算法"))
        let (v, d) = try Self.verify("site", in: s)
        #expect(v.status == 0 && d.isEmpty, "\(v)")
        // A build without the key drops the old head instead of leaving it stale.
        #expect(try Beian.run(["build"], in: s.url, timeout: 120).status == 0)
        #expect(!FileManager.default.fileExists(atPath: s.path("site/transparency/checkpoint").path))
    }
}
