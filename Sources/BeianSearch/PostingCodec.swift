/// Compact posting-list text, safe inside a JSON string without escaping.
///
/// Numbers are written as little-endian base-32 varints over a 64-character alphabet
/// (`0-9A-Za-z-_`): a character below index 32 ends the number, one at 32 or above carries five
/// bits and says more follow. A sorted list is stored as gaps minus one, so a dense list costs
/// one character per document. A window block may instead be a complement (`!` + the missing
/// documents) or a bitmap (`~` + six documents per character), whichever is shortest.
/// `Client/search.js` (`dec`, `block`) reads exactly this.
enum PostingCodec {
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    /// Appends one varint.
    static func appendVarint(_ value: Int, to out: inout [UInt8]) {
        precondition(value >= 0, "varints are unsigned")
        var v = value
        while v >= 32 {
            out.append(alphabet[32 + (v & 31)])
            v >>= 5
        }
        out.append(alphabet[v])
    }

    /// A sorted, duplicate-free list of ids ≥ `base` as gaps: first `id − base`, then `gap − 1`.
    static func deltas(_ ids: some Collection<Int32>, base: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(ids.count + 4)
        var previous = base - 1
        for id in ids {
            appendVarint(Int(id) - previous - 1, to: &out)
            previous = Int(id)
        }
        return out
    }

    /// One window's block of a long list: the shortest of gaps, complement gaps and bitmap.
    /// `start` is the window's first document id, `length` how many documents it spans.
    static func block(_ ids: ArraySlice<Int32>, start: Int, length: Int) -> String {
        let plain = deltas(ids, base: start)
        var best = plain
        if ids.count * 2 > length {
            var missing: [Int32] = []
            missing.reserveCapacity(length - ids.count)
            var next = start
            for id in ids {
                while next < Int(id) { missing.append(Int32(next)); next += 1 }
                next = Int(id) + 1
            }
            while next < start + length { missing.append(Int32(next)); next += 1 }
            let complement = [UInt8(ascii: "!")] + deltas(missing, base: start)
            if complement.count < best.count { best = complement }
        }
        let bitmapLength = 1 + (length + 5) / 6
        if bitmapLength < best.count {
            var bits = [Int](repeating: 0, count: (length + 5) / 6)
            for id in ids {
                let offset = Int(id) - start
                bits[offset / 6] |= 1 << (offset % 6)
            }
            best = [UInt8(ascii: "~")] + bits.map { alphabet[$0] }
        }
        return String(decoding: best, as: UTF8.self)
    }
}
