import BeianDiagnostics
/// Exact-name lookups (`x/<k>.json`): for every folded name, the filings whose entity has it and
/// those whose algorithm or a product has it — what ranks "exact entity name" and "exact name"
/// first.
///
/// Keyed by `h = fnv(folded name)`: shard `h % xs`, key `h` in base 36. Names are not stored,
/// which keeps a lookup near one kilobyte; two names sharing a hash share a list, and the client
/// verifies every shown result against its text, so a stranger is only demoted.
struct ExactNames {
    var files: [(path: String, text: String)] = []
    var shardCount = 1
    /// Entry bytes in all (what `shardCount` follows).
    var totalBytes = 0

    init(_ names: [String: [[Int32]]], targetBytes: Int) {
        var merged: [UInt32: [[Int32]]] = [:]
        for (name, lists) in names where !name.isEmpty {
            let h = ShardWriter.hash(name)
            if let other = merged[h] {
                merged[h] = [Set(other[0] + lists[0]).sorted(), Set(other[1] + lists[1]).sorted()]
            } else {
                merged[h] = lists
            }
        }
        var entries: [(hash: UInt32, json: String)] = []
        for (h, lists) in merged { entries.append((h, ExactNames.entry(lists))) }
        entries.sort { $0.hash < $1.hash }
        let total = entries.reduce(0) { $0 + ExactNames.bytes($1.json) }
        totalBytes = total
        shardCount = ExactNames.shardCount(total: total, targetBytes: targetBytes)
        var byShard = [[(String, String)]](repeating: [], count: shardCount)
        for e in entries { byShard[Int(e.hash % UInt32(shardCount))].append((String(e.hash, radix: 36), e.json)) }
        for (k, pairs) in byShard.enumerated() { files.append(("x/\(k).json", JSONText.object(pairs))) }
    }

    /// One name's entry: `[entity ids, algorithm/product ids]` as gap strings, the second
    /// dropped when empty.
    static func entry(_ lists: [[Int32]]) -> String {
        var parts = lists.map { "\"" + String(decoding: PostingCodec.deltas($0, base: 0), as: UTF8.self) + "\"" }
        if parts[1] == "\"\"" { parts.removeLast() }
        return JSONText.array(parts)
    }

    static func bytes(_ json: String) -> Int { json.utf8.count + 12 }

    static func shardCount(total: Int, targetBytes: Int) -> Int {
        IDSpace.ladder(atLeast: (total + targetBytes - 1) / targetBytes)
    }
}
