/// How the portal is built. The defaults suit `beian build`.
public struct BuildOptions: Sendable, Hashable {
    /// Rows per page of 备案清单 and of the 信息公告 list.
    public var pageSize: Int
    /// Filings shown under 最新备案 on the home page.
    public var latestCount: Int
    /// Entries in the Atom feed (newest first).
    public var feedLimit: Int
    /// Entries in each filings' feed (`FilingFeed`: the latest public steps, newest first).
    public var filingFeedLimit: Int
    /// URLs per sitemap file; past it `sitemap.xml` becomes a sitemap index.
    public var sitemapLimit: Int
    /// Order of 备案清单. `.oldestFirst` keeps 序号 and page URLs stable as filings are added.
    public var listOrder: ListOrder
    /// `SOURCE_DATE_EPOCH`: the only clock the build may use (the feed's date when there are
    /// no announcements). Nil means 1970-01-01.
    public var sourceDateEpoch: Int64?
    /// Pages rendered concurrently; nil means one task per core.
    public var parallelism: Int?
    /// `syncfs` the new tree before the swap, so a power cut cannot leave a half-written site.
    public var syncBeforeSwap: Bool
    /// Keep the replaced site beside the output (`.site.prev`, mostly hard links to the live
    /// files) and recycle it as the next build's staging folder, so a rebuild touches only
    /// changed files. False deletes it after the swap (less disk, slower rebuilds).
    public var keepPreviousSite: Bool
    /// Set for a draft's preview (`beian preview`): pages marked as not filed, no filing number,
    /// nothing made for publishing (`Preview`). Nil for a site to publish.
    public var preview: Preview?
    /// Test hook: throw after the named step, to prove a failed build leaves the old site whole.
    var failAfterStep: String?

    public init(pageSize: Int = 50, latestCount: Int = 10, feedLimit: Int = 50, filingFeedLimit: Int = 100, sitemapLimit: Int = 50_000,
                listOrder: ListOrder = .oldestFirst, sourceDateEpoch: Int64? = nil, parallelism: Int? = nil,
                syncBeforeSwap: Bool = true, keepPreviousSite: Bool = true) {
        self.pageSize = max(1, pageSize)
        self.latestCount = max(0, latestCount)
        self.feedLimit = max(1, feedLimit)
        self.filingFeedLimit = max(1, filingFeedLimit)
        self.sitemapLimit = max(1, min(50_000, sitemapLimit))
        self.listOrder = listOrder
        self.sourceDateEpoch = sourceDateEpoch
        self.parallelism = parallelism
        self.syncBeforeSwap = syncBeforeSwap
        self.keepPreviousSite = keepPreviousSite
        self.preview = nil
        self.failAfterStep = nil
    }

    /// Order of the rows of 备案清单.
    public enum ListOrder: String, Sendable, Hashable {
        /// By approval date then number, 序号 1 = the first filing: like CAC's published lists.
        case oldestFirst
        case newestFirst
    }
}
