public import BeianModel
public import Foundation

extension SearchIndex {
    /// The index of `filings` for a site whose live index is read with `read` (path relative to
    /// `search/` → bytes) and described by `state` (the bytes a previous build kept, nil when
    /// none): an update of the live index when the state describes it and the change allows
    /// (see `update`), else a full build. `how` says which, and why, for `build --timings`.
    public static func refresh(_ filings: [PublicFiling], summaries: [FilingSummary]?, basePath: String, state: Data?,
                               read: @escaping (String) -> Data?) throws -> (output: SearchIndexOutput, how: String) {
        guard let state, let previous = SearchState(state) else {
            return (try make(filings, summaries: summaries, basePath: basePath), "full build: no state of a previous build")
        }
        guard previous.describes(manifest: read("manifest.json")) else {
            return (try make(filings, summaries: summaries, basePath: basePath), "full build: the live index is not the one the state describes")
        }
        switch try attempt(filings, summaries: summaries, basePath: basePath, previous: previous, read: read) {
        case .done(let update): return (update, "updated: \(update.files.count) files made, \(update.kept.count) kept")
        case .refused(let why): return (try make(filings, summaries: summaries, basePath: basePath), "full build: " + why)
        }
    }
}

extension SearchState {
    /// Whether `manifest` (the live index's `manifest.json`, nil when unreadable) is the one
    /// this state describes: its version `h` is the state's. The manifest's keys are the
    /// index's own business; nothing outside BeianSearch reads them.
    public func describes(manifest: Data?) -> Bool {
        guard let manifest, let object = try? JSONSerialization.jsonObject(with: manifest) as? [String: Any] else { return false }
        return object["h"] as? String == version
    }
}
