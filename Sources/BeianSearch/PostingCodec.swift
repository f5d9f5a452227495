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

    // MARK: reading back (what `search.js` does; used by `SearchIndex.update`)

    /// The value of each alphabet byte, 255 for any other byte.
    static let values: [UInt8] = {
        var v = [UInt8](repeating: 255, count: 256)
        for (i, b) in alphabet.enumerated() { v[Int(b)] = UInt8(i) }
        return v
    }()

    /// The ids of a gap list written by `deltas(_:base:)`; nil for bytes it never writes.
    static func decodeGaps(_ bytes: some Collection<UInt8>, base: Int) -> [Int32]? {
        var out: [Int32] = []
        var previous = base - 1
        var value = 0, scale = 1
        for b in bytes {
            let d = Int(values[Int(b)])
            guard d < 64 else { return nil }
            if d >= 32 {
                value += (d - 32) * scale
                scale *= 32
            } else {
                previous += value + d * scale + 1
                out.append(Int32(previous))
                value = 0
                scale = 1
            }
        }
        return value == 0 && scale == 1 ? out : nil
    }

    /// The ids of one window's block written by `block(_:start:length:)`.
    static func decodeBlock(_ text: some Collection<UInt8>, start: Int, length: Int) -> [Int32]? {
        guard let first = text.first else { return [] }
        if first == UInt8(ascii: "!") {
            guard let missing = decodeGaps(text.dropFirst(), base: start) else { return nil }
            var out: [Int32] = []
            var m = 0
            for id in start..<(start + length) {
                if m < missing.count && Int(missing[m]) == id { m += 1 } else { out.append(Int32(id)) }
            }
            return out
        }
        if first == UInt8(ascii: "~") {
            var out: [Int32] = []
            for (k, b) in text.dropFirst().enumerated() {
                let bits = Int(values[Int(b)])
                guard bits < 64 else { return nil }
                for i in 0..<6 where bits & (1 << i) != 0 { out.append(Int32(start + k * 6 + i)) }
            }
            return out
        }
        return decodeGaps(text, base: start)
    }
}
