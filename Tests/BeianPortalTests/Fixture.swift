import BeianMarkdown
import BeianModel
@testable import BeianPortal
import BeianTestSupport
import Foundation

/// Synthetic public filings, announcements and pages for the portal tests.
enum Fixture {
    /// The strings every public field gets in the escaping tests.
    static let hostile = [
        "<script>window.__pwned=1;alert(1)</script>",
        "\" onerror=\"window.__pwned=1\" x=\"",
        "<img src=x onerror=window.__pwned=1>",
        "javascript:window.__pwned=1",
        "{{x}}{{{y}}}{{>header}}",
        "</script><script>window.__pwned=1</script>",
        "=cmd|' /C calc'!A0",
        "line\u{2028}sep\u{2029}end",
    ]

    static func filing(region: String = "110108", entity: String = "8234839", type: AlgorithmType = .generative,
                       year: Int = 24, seq: Int = 1, name: String? = nil, entityName: String = "北京示例科技有限公司",
                       role: AlgorithmRole = .provider, products: [String]? = nil, purpose: String = "为用户生成文本内容。",
                       approvedOn: String = "2024-03-01", cancelledOn: String? = nil,
                       notes: [String] = [], disclosure: String? = nil) -> PublicFiling {
        let number = FilingNumber(region: region, entityID: entity, typeCode: type.code, year: year, sequence: seq)!
        let cancelled = cancelledOn.flatMap(CalendarDate.init)
        var history = [PublicEvent(date: CalendarDate(approvedOn)!, note: "备案通过")]
        if let cancelled { history.append(PublicEvent(date: cancelled, note: "注销", kind: .cancelled)) }
        return PublicFiling(
            number: number, algorithmName: name ?? "示例算法\(entity.suffix(2))-\(type.code)-\(seq)", type: type, role: role,
            entityName: entityName, entityID: entity, region: region,
            products: products ?? (role == .technicalSupporter ? [] : ["示例应用（APP）", "示例网站（网站）"]),
            purpose: purpose,
            disclosure: disclosure ?? "## 算法基本原理\n\n基于深度学习。\n\n## 算法运行机制\n\n输入、处理、输出。\n",
            approvedOn: CalendarDate(approvedOn)!, status: cancelled == nil ? .active : .cancelled,
            cancelledOn: cancelled, notes: notes, history: history)
    }

    /// A small, varied registry: three entities, every type, one technical supporter, one cancelled.
    static func filings() -> [PublicFiling] {
        var out: [PublicFiling] = []
        for (i, type) in AlgorithmType.allCases.enumerated() {
            out.append(filing(type: type, seq: 1, approvedOn: "2024-0\(i + 1)-15"))
        }
        out.append(filing(region: "440305", entity: "2959887", type: .personalised, year: 25, seq: 1,
                          entityName: "深圳示例网络有限公司", approvedOn: "2025-01-10"))
        out.append(filing(region: "440305", entity: "2959887", type: .ranking, year: 25, seq: 1,
                          entityName: "深圳示例网络有限公司", role: .technicalSupporter, approvedOn: "2025-02-10",
                          cancelledOn: "2025-06-30", notes: ["2025-06-30 已注销"]))
        out.append(filing(region: "310115", entity: "5001234", type: .generative, year: 25, seq: 7,
                          entityName: "上海示例智能有限公司", approvedOn: "2025-03-20"))
        return out
    }

    /// `count` filings spread over entities and types, for pagination and scale tests.
    static func many(_ count: Int) -> [PublicFiling] {
        (0..<count).map { i in
            let type = AlgorithmType.allCases[i % 6]
            let day = CalendarDate(unixTime: 1_577_836_800 + Int64(i / 20) * 86_400)  // 20 a day from 2020-01-01
            return filing(region: "110108", entity: String(1_000_000 + i / 12), type: type, year: 20 + (i / 4000) % 6,
                          seq: (i / 6) % 2 + 1, entityName: "第\(i / 12)号示例公司", approvedOn: day.description)
        }
    }

    static func announcements() -> [PortalAnnouncement] {
        [
            PortalAnnouncement(slug: "2025-01-notice", title: "关于开展第一批算法备案的公告", date: CalendarDate("2025-01-05")!,
                               summary: "第一批算法备案信息公示。", pinned: false,
                               html: "<p>现将第一批备案信息予以公告。</p>", text: "现将第一批备案信息予以公告。"),
            PortalAnnouncement(slug: "2025-06-guide", title: "填报指南更新", date: CalendarDate("2025-06-01")!,
                               summary: "", pinned: true, html: "<p>请阅读<strong>更新后的</strong>填报指南。</p>", text: "请阅读更新后的填报指南。"),
        ]
    }

    static func pages() -> [PortalPage] {
        [PortalPage(slug: "about", title: "关于本站", navOrder: 1, html: "<p>本站公示已备案的算法。</p>"),
         PortalPage(slug: "guide", title: "填报指南", navOrder: nil, html: "<p>按提示填写。</p>")]
    }

    static let site = PortalSite(title: "互联网信息服务算法备案公示", baseURL: "https://beian.example.cn/",
                                 footer: "示例运营单位 版权所有", contact: "beian@example.cn",
                                 description: "算法备案信息的公开查询。")

    static func input(filings: [PublicFiling]? = nil, announcements: [PortalAnnouncement]? = nil,
                      pages: [PortalPage]? = nil, site: PortalSite = Fixture.site,
                      extraFiles: [String: Data] = [:]) -> PortalInput {
        PortalInput(site: site, filings: filings ?? Fixture.filings(), announcements: announcements ?? Fixture.announcements(),
                    pages: pages ?? Fixture.pages(), extraFiles: extraFiles, markdownRendererID: "test-markdown",
                    renderMarkdown: Fixture.markdown)
    }

    /// `input` with disclosures rendered by the real cmark-gfm renderer, as `beian build` does
    /// (BuildCommand): for the hostile-input tests, where the stand-in below would prove nothing.
    static func realMarkdown(_ input: PortalInput) -> PortalInput {
        var input = input
        input.markdownRendererID = "cmark-gfm/test"
        input.renderMarkdown = { MarkdownRenderer.html($0, options: MarkdownOptions(headingLevels: .startingAt(2))) }
        return input
    }

    /// A stand-in for the Markdown module: escapes everything, `## ` lines become headings.
    @Sendable static func markdown(_ text: String) -> String {
        text.split(separator: "\n\n", omittingEmptySubsequences: true).map { block -> String in
            let b = String(block).trimmingSpaces
            if b.hasPrefix("## ") { return "<h2>\(escape(String(b.dropFirst(3))))</h2>" }
            return "<p>\(escape(b))</p>"
        }.joined(separator: "\n")
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A fresh folder under the system's temporary folder.
    static func tempDir(_ label: String = "portal") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("beian-\(label)-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return ScratchFolders.register(url)
    }

    static func options(_ tweak: (inout BuildOptions) -> Void = { _ in }) -> BuildOptions {
        var o = BuildOptions(sourceDateEpoch: 1_735_689_600, syncBeforeSwap: false)
        tweak(&o)
        return o
    }

    /// Builds a site into `dir/site` and returns the report.
    @discardableResult
    static func build(_ input: PortalInput, into dir: URL, options: BuildOptions = Fixture.options(),
                      theme: Theme? = nil) async throws -> BuildReport {
        try await PortalBuilder(input: input, theme: theme ?? Theme.builtIn(), options: options)
            .build(to: dir.appendingPathComponent("site"))
    }

    static func read(_ dir: URL, _ path: String) -> String {
        let url = dir.appendingPathComponent("site").appendingPathComponent(path)
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    /// Every regular file of a tree, relative path → bytes.
    static func files(_ root: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let base = root.standardizedFileURL.path
        let walker = FileManager.default.enumerator(atPath: base)!
        while let rel = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: base + "/" + rel)
            }
        }
        return out
    }

    /// Inode number of every file of a tree: a kept file keeps its inode, a written one does not.
    static func inodes(_ root: URL) -> [String: UInt64] {
        var out: [String: UInt64] = [:]
        let base = root.standardizedFileURL.path
        let walker = FileManager.default.enumerator(atPath: base)!
        while let rel = walker.nextObject() as? String {
            var st = stat()
            if lstat(base + "/" + rel, &st) == 0, st.st_mode & S_IFMT == S_IFREG { out[rel] = UInt64(st.st_ino) }
        }
        return out
    }
}
