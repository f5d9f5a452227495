package import BeianOutput
package import BeianStore
import Crypto

/// The signed file list (SPEC §8, issue 30): every file a build publishes, by path, size and
/// SHA-256, so that the signed head commits to every byte of the site — pages in both
/// languages, assets, the search index, feeds, the sitemap, open data, records, badges,
/// proofs, the log's tiles.
///
/// The list is cut into shards by path, so that a rebuild rewrites only the shards whose files
/// changed and `verify-site --filing` reads one shard, not the whole list:
///
/// - `transparency/files/<xyz>.txt`, one per non-empty shard, where `xyz` is the first three hex
///   digits of SHA-256 of the file's path (relative to the site, UTF-8, no leading slash):
///   one line per file, sorted by path (bytewise), `<hex SHA-256> <size> <path>\n`;
/// - `transparency/files.txt`: one line per shard, the same form, sorted by path;
/// - the checkpoint carries `files <hex SHA-256 of files.txt>` (an extension line).
///
/// Not listed: the checkpoint (it signs the list), the list and its shards (it commits to them
/// through `files.txt`), and the build's bookkeeping at the site's root (`.beian-*`, never
/// linked from a page). Anything else on a copy of the site that the list does not name was
/// not published by the registry.
public enum SiteFiles {
    public static let list = "transparency/files.txt"
    public static let shardFolder = "transparency/files/"
    public static let checkpoint = "transparency/checkpoint"
    /// The manifest group of the shards and the list (made last, not listed in themselves).
    package static let group = "transparency/files/"
    package static let checkpointGroup = "transparency/checkpoint"
    package static let shardCount = 4096

    /// The build's bookkeeping at the root of a site: private, never listed.
    public static let bookkeeping: Set<String> = [".beian-manifest", ".beian-chunks", ".beian-site", ".beian-records", ".beian-log"]

    /// The shard that lists `path`: the first 12 bits of SHA-256(path).
    public static func shard<Path: StringProtocol>(of path: Path) -> Int {
        var p = String(path)
        let d = p.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        var it = d.makeIterator()
        let a = Int(it.next()!), b = Int(it.next()!)
        return a << 4 | b >> 4
    }

    /// `transparency/files/<xyz>.txt`.
    public static func shardPath(_ shard: Int) -> String {
        let digits = Array("0123456789abcdef".utf8)
        let name = [digits[shard >> 8 & 0xF], digits[shard >> 4 & 0xF], digits[shard & 0xF]]
        return shardFolder + String(decoding: name, as: UTF8.self) + ".txt"
    }

    /// True for what the list never names (see the type's comment).
    public static func isUnlisted<Path: StringProtocol>(_ path: Path) -> Bool {
        path == checkpoint || path == list || (path.hasPrefix(shardFolder) && !path.dropFirst(shardFolder.count).contains("/"))
            || bookkeeping.contains(String(path))
    }

    /// One line of a shard or of the list.
    package static func appendLine(_ path: String, size: Int, digest: Digest32, to out: inout [UInt8]) {
        out += digest.hex.utf8
        out.append(0x20)
        out += String(size).utf8
        out.append(0x20)
        out += path.utf8
        out.append(0x0A)
    }

    /// The shards and the list for `files` (every published file but the unlisted ones), made
    /// with `emit` — kept without being written out when a shard's files are unchanged.
    /// Returns the list's digest, for the checkpoint.
    package static func emit(_ files: [(path: String, entry: BuildManifest.Entry)], tree: OutputTree) throws
        -> (emitted: [OutputTree.Emitted], listDigest: Digest32) {
        var shards = [[(path: String, entry: BuildManifest.Entry)]](repeating: [], count: shardCount)
        for f in files where !isUnlisted(f.path) { shards[shard(of: f.path)].append(f) }
        var emitted: [OutputTree.Emitted] = []
        var lines: [(path: String, entry: BuildManifest.Entry)] = []
        for (n, var shard) in shards.enumerated() where !shard.isEmpty {
            shard.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            // The shard's input: its paths and contents (equal inputs, equal bytes).
            var key = Fingerprint("files shard")
            for f in shard {
                key.add(f.path)
                key.add(word: f.entry.content)
            }
            let e = try tree.emit(shardPath(n), inputKey: key) {
                var out: [UInt8] = []
                out.reserveCapacity(shard.count * 120)
                for f in shard { appendLine(f.path, size: f.entry.size, digest: f.entry.digest, to: &out) }
                return out
            }
            emitted.append(e)
            lines.append((e.path, e.entry))
        }
        var text: [UInt8] = []
        text.reserveCapacity(lines.count * 110)
        for l in lines { appendLine(l.path, size: l.entry.size, digest: l.entry.digest, to: &text) }
        let listed = try tree.emit(list) { text }
        return (emitted + [listed], listed.entry.digest)
    }
}
