/// What a build did: how many files it produced, wrote and kept, and how long each step took.
public struct BuildReport: Sendable, Hashable {
    /// HTML pages in the new site.
    public var pages: Int
    /// Every file in the new site (pages, feeds, open data, assets, extra files).
    public var files: Int
    /// Files whose bytes are new or changed.
    public var written: Int
    /// Files kept from the previous build (hard-linked, not rewritten).
    public var unchanged: Int
    /// Pages whose inputs were unchanged, so they were not even rendered.
    public var skippedRendering: Int
    /// Named steps with their wall-clock seconds, in order.
    public var steps: [Step]

    public struct Step: Sendable, Hashable {
        public var name: String
        public var seconds: Double
    }

    /// Total seconds of all steps.
    public var seconds: Double { steps.reduce(0) { $0 + $1.seconds } }
}
