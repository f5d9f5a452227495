import BeianStore
public import BeianTrust
import Foundation

/// What the portal's log publishes (`PortalLog`): its C2SP tlog-tiles under `transparency/`
/// (hash tiles `transparency/tile/<L>/<N>[.p/<W>]`, entry bundles
/// `transparency/tile/entries/<N>[.p/<W>]`), and beside each filing's `record.json` the proof
/// that its record is in the log, `proof`:
///
///     beian-portal/inclusion/v1
///     index 1234
///     size 5000
///     <base64 hash>        (RFC 9162 inclusion path, from the leaf up)
///     …
///
/// `index` is the record's entry (`<id> <hex record hash>\n`, the filing's last), `size` the log's
/// size after the build that appended it, and the hashes prove the entry is leaf `index` of that
/// tree. A proof never changes until the record does; a verifier proves the tree of `size` is a
/// prefix of the checkpoint's tree (a consistency proof from the tiles), so a proof made by an
/// older build stays good against every later checkpoint.
public enum LogFiles {
    public static let prefix = "transparency/"
    public static let proofHeader = "beian-portal/inclusion/v1"
    /// The manifest group of the proofs.
    package static let proofGroup = "log proofs"

    /// `filings/<id>/proof`.
    public static func proofPath(_ id: String) -> String { Routes.filing(id) + "proof" }

    /// The tiles and entry bundles of the log, with their site paths.
    package static func tiles(_ log: PortalLog, leafHashes: [UInt8]) throws -> [(path: String, bytes: [UInt8])] {
        let entries = (0..<log.count).map { Array(log.entry($0)) }
        return (TlogTiles.tiles(leafHashes: leafHashes) + (try TlogTiles.entryBundles(entries))).map { (prefix + $0.path, $0.bytes) }
    }

    /// A proof file's text.
    package static func proofText(index: Int, size: Int, hashes: [[UInt8]]) -> [UInt8] {
        var out = proofHeader + "\nindex \(index)\nsize \(size)\n"
        for h in hashes { out += Data(h).base64EncodedString() + "\n" }
        return Array(out.utf8)
    }

    /// A parsed proof file.
    public struct Proof: Sendable, Equatable {
        public var index: Int
        public var size: Int
        public var hashes: [[UInt8]]

        /// Nil unless `bytes` is exactly a proof file's text (at most 64 hashes).
        public init?(_ bytes: [UInt8]) {
            guard bytes.count <= 8_192, bytes.last == 0x0A else { return nil }
            let lines = String(decoding: bytes.dropLast(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count >= 3, lines.count <= 67, lines[0] == proofHeader,
                  lines[1].hasPrefix("index "), let index = Int(lines[1].dropFirst(6)), String(index) == lines[1].dropFirst(6), index >= 0,
                  lines[2].hasPrefix("size "), let size = Int(lines[2].dropFirst(5)), String(size) == lines[2].dropFirst(5), size > index
            else { return nil }
            var hashes: [[UInt8]] = []
            for line in lines.dropFirst(3) {
                guard let d = Data(base64Encoded: String(line)), d.count == 32, d.base64EncodedString() == line else { return nil }
                hashes.append(Array(d))
            }
            self.index = index
            self.size = size
            self.hashes = hashes
        }
    }

    /// Reads the tiles of a log of `size` leaves through `read` (a site path under `prefix`), also
    /// for a smaller tree: a partial tile of an older size is a prefix of the tile published
    /// now (C2SP tlog-tiles), full or partial.
    public static func tileReader(size: Int, read: @escaping (String) throws -> [UInt8]) -> Tlog.TileReader {
        { path in
            guard let tile = Tile(path: path) else { return try read(prefix + path) }
            let shift = tile.level * Tile.height
            let perLevel = shift < Int.bitWidth - 1 ? size >> shift : 0
            let published = min(Tile.fullWidth, perLevel - tile.n * Tile.fullWidth)
            guard published >= tile.width, let now = Tile(level: tile.level, n: tile.n, width: published) else {
                return try read(prefix + path)
            }
            let bytes = try read(prefix + now.path)
            return bytes.count >= tile.byteCount ? Array(bytes.prefix(tile.byteCount)) : bytes
        }
    }

}
