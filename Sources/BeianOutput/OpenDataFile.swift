/// A large file made of one record per filing (`filings.csv`, `filings.json`), described so
/// that it can be produced in parallel chunks and skipped when no filing changed.
package struct OpenDataFile: Sendable {
    package let path: String
    /// Fingerprint of every filing the file shows.
    package let inputKey: Fingerprint
    /// Number of records.
    package let count: Int
    package let header: [UInt8]
    package let footer: [UInt8]
    /// The bytes of records `range`, in order.
    package let records: @Sendable (Range<Int>) -> [UInt8]
    /// Fingerprint of what records `range` show; equal keys mean equal bytes.
    package let recordsKey: @Sendable (Range<Int>) -> Fingerprint

    /// Records per chunk: small enough to keep memory flat and rebuilds local, large enough
    /// to amortise a task.
    package init(path: String, inputKey: Fingerprint, count: Int, header: [UInt8], footer: [UInt8],
                 records: @escaping @Sendable (Range<Int>) -> [UInt8], recordsKey: @escaping @Sendable (Range<Int>) -> Fingerprint) {
        self.path = path
        self.inputKey = inputKey
        self.count = count
        self.header = header
        self.footer = footer
        self.records = records
        self.recordsKey = recordsKey
    }

    package static let chunkSize = 500

    /// The chunks of the file, in order.
    package var chunks: [Range<Int>] {
        stride(from: 0, to: count, by: OpenDataFile.chunkSize).map { $0..<min(count, $0 + OpenDataFile.chunkSize) }
    }
}
