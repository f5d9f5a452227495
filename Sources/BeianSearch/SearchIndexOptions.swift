/// Where result links point and how the index is cut. The defaults suit 100 to 100,000 filings.
public struct SearchIndexOptions: Sendable, Hashable {
    /// A filing's page, relative to the base path; `{id}` is the 21-digit number.
    public var filingPath: String = "filings/{id}/"
    /// An entity's page, relative to the base path; `{entity}` is the 7-digit entity id.
    /// Nil: entity names are not links.
    public var entityPath: String? = "entities/{entity}/"
    /// Documents per window: long posting lists are stored and fetched window by window.
    public var windowSize: Int = 4_096
    /// Documents per result chunk (`d/…`, `p/…`): a result costs at most one chunk.
    public var chunkSize: Int = 4
    /// Aim for term shards of about this many bytes; the shard count follows from the corpus.
    public var shardTargetBytes: Int = 2_048
    /// Aim for exact-name shards (`x/`) of about this many bytes.
    public var exactShardTargetBytes: Int = 1_024
    /// A posting list longer than this (encoded) moves out of its shard into block files.
    public var inlineLimitBytes: Int = 256
    /// Block files of long lists hold about this many bytes of consecutive windows.
    public var blockFileTargetBytes: Int = 1_024
    /// Number-prefix lengths indexed as terms (`#1101`); longer prefixes use the number index.
    public var numberTermDigits: ClosedRange<Int> = 4...8
    /// Numbers per page of the sorted number index, and pages per directory part.
    public var numberPageSize: Int = 128
    public var numberPartSize: Int = 128
    /// Threads for the build (nil: every core). The output is the same whatever the value.
    public var parallelism: Int? = nil

    public init() {}
}
