package import BeianDiagnostics

/// Every fixed string of the portal's pages, in Chinese and English (SPEC §10): the one table
/// the templates read through `{{t.key}}` and the Swift-built sentences through `Chrome.text`.
///
/// A template that names a key missing here renders nothing there: a test renders every
/// built-in template and checks that each `t.` name it uses is in the table, and the browser
/// check fails on any Chinese text of an English page outside an element marked `lang="zh…"`.
/// Filer-supplied text (names, products, purposes) is never translated: the templates mark it
/// `lang="zh-CN"`.
enum UIText {
    /// key, Chinese, English.
    static let entries: [(String, String, String)] = [
        // header, masthead, footer
        ("skipToContent", "跳到正文", "Skip to content"),
        ("breadcrumb", "当前位置", "You are here"),
        ("home", "首页", "Home"),
        ("brandSub", "Algorithm Filing Registry", "Public register of algorithm filings"),
        ("brandSubLang", "en", "en"),
        ("siteSearch", "站内搜索", "Site search"),
        ("headerQueryLabel", "搜索主体名称或备案编号", "Search by entity name or filing number"),
        ("headerQueryPlaceholder", "主体名称或备案编号", "Entity name or filing number"),
        ("searchButton", "搜索", "Search"),
        ("mainNav", "主导航", "Main"),
        ("footerNav", "页脚导航", "Footer"),
        ("openData", "开放数据：", "Open data: "),
        ("feedLink", "信息公告订阅（Atom）", "Announcements feed (Atom, in Chinese)"),
        ("contact", "联系方式：", "Contact: "),
        // navigation
        ("navHome", "首页", "Home"),
        ("navList", "备案清单", "Filings"),
        ("navAnnouncements", "信息公告", "Announcements"),
        ("navSearch", "备案查询", "Search"),
        ("navStats", "统计", "Statistics"),
        // home
        ("filingSearch", "备案查询", "Filing search"),
        ("homeQueryLabel", "查询主体名称或备案编号", "Look up an entity name or a filing number"),
        ("homeQueryPlaceholder", "例如：某某科技有限公司 或 网信算备110108…号", "e.g. a company name, or the digits of a filing number"),
        ("queryButton", "查询", "Search"),
        ("statsTitle", "备案统计", "Filings at a glance"),
        ("totalFilings", "备案总数", "All filings"),
        ("latestTitle", "最新备案", "Latest filings"),
        ("noFilings", "暂无备案。", "No filings yet."),
        ("fullList", "查看完整备案清单", "See the full list of filings"),
        ("moreStats", "查看备案统计图表", "See the statistics"),
        ("announcements", "信息公告", "Announcements"),
        ("pauseTicker", "暂停滚动", "Pause scrolling"),
        ("ticker", "滚动公告", "Scrolling announcements"),
        ("pinned", "置顶", "Pinned"),
        ("allAnnouncements", "全部信息公告", "All announcements"),
        ("noAnnouncements", "暂无信息公告。", "No announcements yet."),
        // columns and fields
        ("colOrdinal", "序号", "No."),
        ("colName", "算法名称", "Algorithm"),
        ("colType", "算法类别", "Type"),
        ("colRole", "角色", "Role"),
        ("colEntity", "主体名称", "Entity"),
        ("colProducts", "应用产品", "Products"),
        ("colPurpose", "主要用途", "Purpose"),
        ("colNumber", "备案编号", "Filing number"),
        ("colNotes", "备注", "Notes"),
        ("colApproved", "备案日期", "Filed on"),
        ("fieldNumber", "备案编号", "Filing number"),
        ("fieldName", "算法名称", "Algorithm name"),
        ("fieldType", "算法类别", "Algorithm type"),
        ("fieldRole", "角色", "Role"),
        ("fieldEntity", "主体名称", "Entity"),
        ("fieldRegion", "注册地", "Registered in"),
        ("fieldProducts", "应用产品", "Products"),
        ("fieldHosts", "网站域名", "Website domains"),
        ("fieldPurpose", "主要用途", "Purpose"),
        ("fieldApproved", "备案日期", "Filed on"),
        ("fieldStatus", "状态", "Status"),
        ("fieldNotes", "备注", "Notes"),
        ("fieldEntityID", "主体编号", "Entity number"),
        ("fieldFilingCount", "备案数量", "Filings"),
        ("cancelled", "已注销", "Cancelled"),
        // list
        ("typeFilter", "按算法类别筛选", "Filter by algorithm type"),
        ("browseEntities", "按备案主体浏览", "Browse by entity"),
        ("allTypes", "全部", "All"),
        ("pagination", "分页", "Pages"),
        ("previousPage", "上一页", "Previous"),
        ("nextPage", "下一页", "Next"),
        // filing
        ("cancelledNoticeBefore", "：该算法备案已于 ", ": this filing was cancelled on "),
        ("cancelledNoticeAfter", " 注销，备案编号不再使用。本页保留其公示信息。",
         "; its number is no longer in use. This page keeps what was published."),
        ("disclosure", "拟公示内容", "Public disclosure"),
        ("disclosureImported", "本备案从国家互联网信息办公室公布的备案清单导入，清单不含拟公示内容。",
         "This filing was imported from the lists the Cyberspace Administration of China published; those lists do not include the public disclosure."),
        ("history", "公示历史", "Public history"),
        ("badgeTitle", "备案标识", "Filing badge"),
        ("badgeHelp", "备案主体可将下面的代码放在其网站或应用的显著位置，展示备案编号并链接到本页的公示信息。",
         "The entity may place the code below prominently on its website or app: it shows the filing number and links to this page."),
        ("embedCode", "嵌入代码（HTML）", "Embed code (HTML)"),
        ("copyCode", "复制代码", "Copy code"),
        ("copied", "已复制", "Copied"),
        ("copyFailed", "请手动选择并复制上面的代码", "Select the code above and copy it yourself"),
        ("recordBefore", "本页信息的公示记录：", "The public record of this page: "),
        ("recordAfter", "（由登记机关签名的站点摘要所涵盖，可用 ", " (covered by the registry's signed site head; check it with "),
        ("recordEnd", " 核验）", ")"),
        // entity
        ("entityCancelled", "主体已注销", "Entity cancelled"),
        ("entityCancelledBefore", "：该主体已于 ", ": this entity was cancelled on "),
        ("entityCancelledAfter", " 注销，其算法备案均已注销。本页保留其公示信息。",
         "; all its filings are cancelled. This page keeps what was published."),
        // announcements and pages
        ("published", "发布日期：", "Published: "),
        ("backToAnnouncements", "返回信息公告", "Back to announcements"),
        ("subscribe", "订阅信息公告（Atom）", "Subscribe to announcements (Atom, in Chinese)"),
        ("subscribeFilings", "订阅备案动态（Atom）：", "Follow the filings (Atom): "),
        ("inChineseOnly", "", "This text is published in Chinese only."),
        // search
        ("searchFieldsLabel", "主体名称、备案编号、算法名称、应用产品或主要用途", "Entity name, filing number, algorithm name, product or purpose"),
        ("noscriptBefore", "查询需要启用浏览器的 JavaScript。也可以浏览", "Search needs JavaScript. You can also browse "),
        ("noscriptList", "备案清单", "the list of filings"),
        ("noscriptMiddle", "，或下载开放数据 ", ", or download the open data "),
        ("noscriptAfter", "。", "."),
        // 404
        ("notFound", "页面不存在", "Page not found"),
        ("notFoundBefore", "您访问的页面不存在或已移动。备案编号对应的页面地址为 ", "The page does not exist or has moved. A filing's page is "),
        ("notFoundAfter", " 加 21 位数字。", " followed by the 21 digits of its number."),
        ("backHome", "返回首页", "Back to the home page"),
        ("browseList", "浏览备案清单", "Browse the filings"),
        ("searchFilings", "查询备案", "Search filings"),
    ]

    /// The table for one language: key → text.
    static func table(_ lang: Lang) -> [String: String] { tables[lang == .zh ? 0 : 1] }

    private static let tables: [[String: String]] = [
        Dictionary(uniqueKeysWithValues: entries.map { ($0.0, $0.1) }),
        Dictionary(uniqueKeysWithValues: entries.map { ($0.0, $0.2) }),
    ]
}

extension Lang {
    /// The page's `<html lang>` and `hreflang`.
    var htmlLang: String { self == .zh ? "zh-CN" : "en" }
    /// Where its pages live under the base path: "" or "en/".
    package var pathPrefix: String { self == .zh ? "" : "en/" }
    /// The other language (the switch links to it).
    var other: Lang { self == .zh ? .en : .zh }
    /// The switch's label, in the language it leads to.
    var switchLabel: String { self == .zh ? "中文" : "English" }
}
