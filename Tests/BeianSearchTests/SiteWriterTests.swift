import BeianModel
@testable import BeianSearch
import Foundation
import Testing

/// Writes the browser test's site to `$BEIAN_SEARCH_SITE` (Tests/search-browser/run.sh sets it):
/// the search files under `search/`, a minimal search page and home page like the portal's,
/// the English search page (`en/search/`: `lang="en"`, `data-pages="/en/"`, the same index),
/// pages whose index is missing (error state), pages reading a manifest as it was before
/// `links` and `en` (`old-search/`, as a cache may still hold it), and `expected.json` — what
/// each query must find, computed here by brute force over the same filings, independently of
/// the index, and the English names the English page must show.
@Suite struct SiteWriterTests {
    static let site = ProcessInfo.processInfo.environment["BEIAN_SEARCH_SITE"]

    /// The fixture plus one filing whose names look like HTML: it must show as text. Its
    /// website's host (网站域名) is what a domain query finds.
    static var filings: [PublicFiling] {
        var all = FixtureFilings.all
        var hostile = all[0]
        hostile.number = FilingNumber(region: "110108", entityID: "9999999", typeCode: "02", year: 24, sequence: 1)!
        hostile.entityID = "9999999"
        hostile.entityName = "<img src=x onerror=alert(1)>测试科技有限公司"
        hostile.algorithmName = "<b>粗体</b>推荐算法"
        hostile.products = ["<script>x</script>（网站）"]
        hostile.hosts = ["shop.audit.example.cn"]
        all.append(hostile)
        return all
    }

    @Test(.enabled(if: site != nil)) func writesBrowserTestSite() throws {
        let root = URL(fileURLWithPath: Self.site!)
        let files = try SearchIndex.build(Self.filings, basePath: "/")
        for (path, data) in files { try write(data, root.appendingPathComponent("search/" + path)) }
        try write(Data(Self.searchPage(base: "/search/", pages: "/").utf8), root.appendingPathComponent("search/index.html"))
        try write(Data(Self.searchPage(base: "/missing-index/", pages: "/").utf8), root.appendingPathComponent("broken/index.html"))
        try write(Data(Self.searchPage(base: "/search/", pages: "/en/", english: true).utf8), root.appendingPathComponent("en/search/index.html"))
        try write(Data(Self.searchPage(base: "/missing-index/", pages: "/en/", english: true).utf8), root.appendingPathComponent("en/broken/index.html"))
        // An English page without data-pages: links as the manifest's absolute patterns say.
        try write(Data(Self.searchPage(base: "/search/", pages: nil, english: true).utf8), root.appendingPathComponent("en/plain/index.html"))
        // The index with a manifest from before `links` and `en` (format v 1).
        for (path, data) in files where path != "manifest.json" { try write(data, root.appendingPathComponent("old-search/" + path)) }
        try write(try Self.oldManifest(files["manifest.json"]!), root.appendingPathComponent("old-search/manifest.json"))
        try write(Data(Self.searchPage(base: "/old-search/", pages: "/").utf8), root.appendingPathComponent("old/index.html"))
        try write(Data(Self.searchPage(base: "/old-search/", pages: "/en/", english: true).utf8), root.appendingPathComponent("en/old/index.html"))
        try write(Data(Self.homePage.utf8), root.appendingPathComponent("index.html"))
        let expected = try JSONSerialization.data(withJSONObject: Self.expectations(), options: [.sortedKeys, .prettyPrinted])
        try write(expected, root.appendingPathComponent("expected.json"))
    }

    func write(_ data: Data, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// The search page as the portal's template makes it (search.mustache): `data-pages` is
    /// the prefix of page links (`/` Chinese, `/en/` English); nil leaves it out.
    static func searchPage(base: String, pages: String?, english: Bool = false) -> String {
        let pagesAttribute = pages.map { " data-pages=\"\($0)\"" } ?? ""
        return english ? """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>Search the filings</title></head>
            <body><main><h1>Search the filings</h1>
            <div id="search-app" data-base="\(base)"\(pagesAttribute)></div>
            <noscript><p>Searching needs JavaScript. You can also browse the list of filings or download the open data.</p></noscript>
            </main><script src="/search/search.js" defer></script></body></html>
            """ : """
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>备案查询</title></head>
            <body><main><h1>备案查询</h1>
            <div id="search-app" data-base="\(base)"\(pagesAttribute)></div>
            <noscript><p>查询需要启用浏览器的 JavaScript。也可以浏览备案清单或下载开放数据。</p></noscript>
            </main><script src="/search/search.js" defer></script></body></html>
            """
    }

    /// The manifest as format v 1 wrote it: no `links`, no `en`.
    static func oldManifest(_ data: Data) throws -> Data {
        var m = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        m["links"] = nil
        m["en"] = nil
        m["v"] = 1
        return try JSONSerialization.data(withJSONObject: m, options: [.sortedKeys])
    }

    static let homePage = """
        <!doctype html>
        <html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>算法备案</title></head>
        <body><main><h1>算法备案</h1>
        <form action="/search/" role="search"><label for="q">主体名称或备案编号</label>
        <input id="q" name="q" type="search"><button type="submit">查询</button></form>
        </main></body></html>
        """

    // MARK: - What each query must find (brute force over the filings, in index order)

    static func contains(_ text: String, _ token: String) -> Bool {
        (" " + Tokenizer.segments(text).map { String(String.UnicodeScalarView($0.map { Unicode.Scalar($0)! })) }.joined(separator: " ") + " ")
            .contains(token)
    }

    static func matches(_ doc: SearchDocument, _ query: String, all: [SearchDocument]) -> Bool {
        let texts = doc.names + [doc.filing.purpose]
        func text(_ t: String) -> Bool { texts.contains { contains($0, t) } }
        for piece in query.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }) {
            if let digits = Tokenizer.numberQuery(String(piece)) {
                let explicit = piece.hasPrefix(FilingNumber.prefix)
                let numberHit = doc.filing.number.digits.hasPrefix(digits)
                let anyNumber = all.contains { $0.filing.number.digits.hasPrefix(digits) }
                let textAllowed = !explicit && !(digits.count > 8 && anyNumber)
                if !(numberHit || (textAllowed && text(digits))) { return false }
            } else {
                for seg in Tokenizer.segments(String(piece)) {
                    if !text(String(String.UnicodeScalarView(seg.map { Unicode.Scalar($0)! }))) { return false }
                }
            }
        }
        return true
    }

    static func expectations() -> [String: Any] {
        let docs = SearchDocument.order(filings)
        func count(_ q: String) -> Int { docs.filter { matches($0, q, all: docs) }.count }
        let queries: [(name: String, q: String)] = [
            ("entity", "深圳市腾讯计算机系统有限公司"),
            ("fragment", "易传"),
            ("number", "网信算备110101135224302220011号"),
            ("bareNumber", "110101135224302220011"),
            ("prefix8", "11010113"),
            ("prefix10", "4403052959"),
            ("prefix4", "4403"),
            ("product", "网易新闻"),
            ("twoTerms", "腾讯 推荐"),
            ("latin", "XMusic"),
            ("purposeOnly", "通知栏"),
            ("none", "不存在的备案查询词"),
            ("hostile", "粗体"),
        ]
        var out: [String: Any] = [:]
        for (name, q) in queries { out[name] = ["q": q, "count": count(q)] }
        let tencent = docs.filter { $0.filing.entityName == "深圳市腾讯计算机系统有限公司" }
        out["entityFirstNumbers"] = tencent.map(\.filing.number.digits)
        out["cancelled"] = docs.filter { $0.filing.status == .cancelled }.count
        out["tencentGenerative"] = tencent.filter { $0.filing.type == .generative }.count
        out["docs"] = docs.count
        // The English page: facet names in the manifest's order, and dates as English pages write them.
        out["en"] = [
            "types": AlgorithmType.allCases.map(\.englishName),
            "roles": AlgorithmRole.allCases.map(\.englishName),
            "statuses": PublicStatus.allCases.map(\.englishName),
            "provinces": Facet.provinces(docs).map { Region.englishProvinceName(of: $0.code + "0000") ?? $0.code },
            "zhTypes": AlgorithmType.allCases.map(\.rawValue),
        ]
        let dated = docs.first { $0.filing.number.digits == "110101135224302220011" }!.filing
        let cancelled = docs.first { $0.filing.status == .cancelled }!.filing
        out["dates"] = [
            "number": dated.number.digits, "approved": dated.approvedOn.englishText, "approvedISO": dated.approvedOn.description,
            "type": dated.type.englishName, "role": dated.role.englishName,
            "cancelledNumber": cancelled.number.digits, "cancelled": cancelled.cancelledOn!.englishText,
        ]
        // Tokenizer parity: search.js must cut these exactly as Swift does.
        let cases = ["腾讯科技（深圳）有限公司", "ＡＰＰ１２３　DeepSeek", "360搜索·信息《检索》", "好物😀推荐★榜单", "二〇二四年人々", "𠀀𠀁测试", "Ｂｌｕｅｄ直播"]
        out["tokenizer"] = cases.map { c in
            ["text": c, "segments": Tokenizer.segments(c).map { String(String.UnicodeScalarView($0.map { Unicode.Scalar($0)! })) }] as [String: Any]
        }
        // Key choice parity: the exact-name terms are stored by this choice.
        let files = try? SearchIndex.build(filings)
        let reader = files.flatMap { try? IndexReader($0) }
        out["keys"] = ["深圳市腾讯计算机系统有限公司", "北京网易传媒有限公司", "网易新闻", "腾讯XMusic算法", "易传媒", "有限公司", "猫", "abcdefghij"].map { t in
            ["text": t, "keys": reader.map { QueryKeys.keys(Tokenizer.segments(t)[0], common: $0.common) } ?? []] as [String: Any]
        }
        // Every 2-character substring of these names must be found (checked in the browser).
        out["substringNames"] = ["北京网易传媒有限公司", "腾讯XMusic算法"]
        return out
    }
}
