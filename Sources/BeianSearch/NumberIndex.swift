import BeianDiagnostics
/// The filing numbers in sorted order, for prefixes longer than the number terms (`n/…`).
///
/// Pages hold consecutive numbers with their document ids; a page ends after a number whose
/// hash says so (one in `pageSize` on average, at most `4·pageSize` numbers per page), so where
/// pages end depends only on the numbers around, and a page is named by its first number:
/// `n/<21 digits>.json`. A new filing therefore rewrites its own page (and the short list of
/// pages), not every page after it. Part `n/d<j>.json` lists the first number of pages
/// `j·Q …` (`partSize`); the manifest's `np` the first number of each part. A number is
/// front-coded: one alphabet character for the digits shared with the previous number, then
/// the rest of its 21 digits (and, in a page, its id as a varint). The client walks parts →
/// pages → numbers and fetches only what it needs.
struct NumberIndex {
    var files: [(path: String, text: String)] = []
    var partFirsts: [String] = []
    var pages = 0

    /// Each page's first number and size, in order (kept by `SearchState`).
    var pageList: [(first: String, count: Int)] = []

    init(_ docs: [SearchDocument], firstID: Int = 0, pageSize: Int, partSize: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(docs.count * 21)
        for d in docs { bytes += d.filing.number.digits.utf8 }
        self.init(sorted: SortedNumbers(bytes, firstID: firstID), pageSize: pageSize, partSize: partSize, encode: { _ in true })
    }

    /// The index of `sorted`; only pages for which `encode` (given the page's range in
    /// `sorted`) says so get their file made — the parts always do.
    init(sorted: SortedNumbers, pageSize: Int, partSize: Int, encode: (Range<Int>) -> Bool) {
        var pageFirsts: [String] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && end - start < 4 * pageSize
                    && !NumberIndex.endsPage(sorted.digits(end - 1), pageSize: pageSize) { end += 1 }
            let first = sorted.string(start)
            if encode(start..<end) {
                var text: [UInt8] = []
                var previous: ArraySlice<UInt8> = []
                for i in start..<end {
                    let digits = sorted.digits(i)
                    text += NumberIndex.frontCode(digits, after: previous)
                    PostingCodec.appendVarint(sorted.ids[i], to: &text)
                    previous = digits
                }
                files.append(("n/\(first).json", JSONText.string(String(decoding: text, as: UTF8.self))))
            }
            pageFirsts.append(first)
            pageList.append((first, end - start))
            start = end
        }
        pages = pageFirsts.count
        var part = 0
        while part * partSize < pageFirsts.count {
            let firsts = pageFirsts[(part * partSize)..<min((part + 1) * partSize, pageFirsts.count)]
            var text: [UInt8] = []
            var previous: ArraySlice<UInt8> = []
            for digits in firsts {
                let bytes = Array(digits.utf8)[...]
                text += NumberIndex.frontCode(bytes, after: previous)
                previous = bytes
            }
            files.append(("n/d\(part).json", JSONText.string(String(decoding: text, as: UTF8.self))))
            partFirsts.append(firsts.first!)
            part += 1
        }
    }

    /// True when a page ends after `digits`: its FNV-1a hash is 0 modulo `pageSize`.
    static func endsPage(_ digits: ArraySlice<UInt8>, pageSize: Int) -> Bool {
        ShardWriter.hash(bytes: digits) % UInt32(max(1, pageSize)) == 0
    }

    static func frontCode(_ digits: ArraySlice<UInt8>, after previous: ArraySlice<UInt8>) -> [UInt8] {
        var shared = 0
        while shared < min(digits.count, previous.count)
                && digits[digits.startIndex + shared] == previous[previous.startIndex + shared] { shared += 1 }
        return [PostingCodec.alphabet[shared]] + digits.dropFirst(shared)
    }
}

/// Filing numbers (21 ASCII digits each) sorted, each with its document id: sorted on
/// integers (the first 19 digits, then the last two), so 100,000 numbers make no strings.
struct SortedNumbers {
    /// 21 bytes per number, in sorted order.
    let bytes: [UInt8]
    let ids: [Int]
    var count: Int { ids.count }

    /// `numbers` holds 21 digits per document, by id from `firstID`.
    init(_ numbers: [UInt8], firstID: Int) {
        let n = numbers.count / 21
        var keyed: [(head: UInt64, last: UInt8, at: Int32)] = []
        keyed.reserveCapacity(n)
        for i in 0..<n {
            var head: UInt64 = 0
            for k in 0..<19 { head = head &* 10 &+ UInt64(numbers[i * 21 + k] &- 0x30) }
            let last = (numbers[i * 21 + 19] &- 0x30) &* 10 &+ (numbers[i * 21 + 20] &- 0x30)
            keyed.append((head, last, Int32(i)))
        }
        // Equal numbers (never in a valid registry) keep id order, as a stable sort of the digits would.
        keyed.sort { ($0.head, $0.last, $0.at) < ($1.head, $1.last, $1.at) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(n * 21)
        for k in keyed { bytes += numbers[(Int(k.at) * 21)..<(Int(k.at) * 21 + 21)] }
        self.bytes = bytes
        ids = keyed.map { firstID + Int($0.at) }
    }

    func digits(_ i: Int) -> ArraySlice<UInt8> { bytes[(i * 21)..<(i * 21 + 21)] }

    func string(_ i: Int) -> String { String(decoding: digits(i), as: UTF8.self) }
}
