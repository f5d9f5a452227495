package import BeianModel

/// A stable 64-bit hash of a page's inputs (or a file's bytes), the key of incremental builds
/// (`StableHash`: the same hash the registry keys filings with).
package typealias Fingerprint = StableHash
