/// A large file made of one record per filing (`filings.csv`, `filings.json`), described so
/// that it can be produced in parallel chunks and skipped when no filing changed.
struct OpenDataFile: Sendable {
    let path: String
    /// Fingerprint of every filing the file shows.
    let inputKey: Fingerprint
    /// Number of records.
    let count: Int
    let header: [UInt8]
    let footer: [UInt8]
    /// The bytes of records `range`, in order.
    let records: @Sendable (Range<Int>) -> [UInt8]
    /// Fingerprint of what records `range` show; equal keys mean equal bytes.
    let recordsKey: @Sendable (Range<Int>) -> Fingerprint

    /// Records per chunk: small enough to keep memory flat and rebuilds local, large enough
    /// to amortise a task.
    static let chunkSize = 500

    /// The chunks of the file, in order.
    var chunks: [Range<Int>] {
        stride(from: 0, to: count, by: OpenDataFile.chunkSize).map { $0..<min(count, $0 + OpenDataFile.chunkSize) }
    }
}
