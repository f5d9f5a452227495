import BeianTrust
import Foundation

/// Reads the input as a sealed package's zip (`ZipReader`, as `beian review receive` does).
///
/// Invariants: a refused input is refused with a problem that has a message; an accepted one
/// keeps every rule the reader promises — at most the limits' entries and bytes, names that are
/// relative, without `..`, `.` or empty parts, backslashes, control characters or a trailing `/`,
/// no duplicates — and writing the entries again with `ZipWriter` and reading that back gives
/// the same entries.
enum PackageFuzzer {
    static let limits = ZipLimits(maxEntries: 64, maxEntrySize: 1 << 16, maxTotalSize: 1 << 18, maxNameLength: 255)

    static func run(_ data: Data) {
        switch ZipReader.entries(data, limits: limits) {
        case .failure(let problem):
            if problem.message.en.isEmpty || problem.message.zh.isEmpty { violated("a refusal without a message", "\(problem)") }
        case .success(let entries):
            guard entries.count <= limits.maxEntries else { violated("more entries than the limit", "\(entries.count)") }
            guard UInt64(entries.reduce(0) { $0 + $1.data.count }) <= limits.maxTotalSize else { violated("more bytes than the limit") }
            var names = Set<String>()
            for e in entries {
                let parts = e.name.split(separator: "/", omittingEmptySubsequences: false)
                let bad = e.name.isEmpty || e.name.hasPrefix("/") || e.name.hasSuffix("/") || e.name.contains("\\")
                    || parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
                    || e.name.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
                if bad { violated("an unsafe name was accepted", e.name.debugDescription) }
                guard names.insert(e.name.precomposedStringWithCanonicalMapping).inserted else { violated("a duplicate name was accepted", e.name) }
                guard UInt64(e.data.count) <= limits.maxEntrySize else { violated("an entry over the limit was accepted", e.name) }
            }
            let again = ZipWriter.archive(entries.map { (name: $0.name, data: $0.data) })
            guard case .success(let back) = ZipReader.entries(again, limits: limits),
                  back.sorted(by: { $0.name < $1.name }) == entries.sorted(by: { $0.name < $1.name }) else {
                violated("accepted entries do not survive ZipWriter and ZipReader")
            }
        }
    }
}
