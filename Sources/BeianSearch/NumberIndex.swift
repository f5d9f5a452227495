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
        let sorted = NumberIndex.sorted(docs.enumerated().map { (digits: $0.element.filing.number.digits, id: firstID + $0.offset) })
        self.init(sorted: sorted, pageSize: pageSize, partSize: partSize, encode: { _ in true })
    }

    /// The index of `sorted` (numbers ascending with their ids); only pages for which `encode`
    /// (given the page's range in `sorted`) says so get their file made — the parts always do.
    init(sorted: [(digits: String, id: Int)], pageSize: Int, partSize: Int, encode: (Range<Int>) -> Bool) {
        var pageFirsts: [String] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && end - start < 4 * pageSize
                    && !NumberIndex.endsPage(sorted[end - 1].digits, pageSize: pageSize) { end += 1 }
            if encode(start..<end) {
                var text: [UInt8] = []
                var previous = ""
                for entry in sorted[start..<end] {
                    text += NumberIndex.frontCode(entry.digits, after: previous)
                    PostingCodec.appendVarint(entry.id, to: &text)
                    previous = entry.digits
                }
                files.append(("n/\(sorted[start].digits).json", JSONText.string(String(decoding: text, as: UTF8.self))))
            }
            pageFirsts.append(sorted[start].digits)
            pageList.append((sorted[start].digits, end - start))
            start = end
        }
        pages = pageFirsts.count
        var part = 0
        while part * partSize < pageFirsts.count {
            let firsts = pageFirsts[(part * partSize)..<min((part + 1) * partSize, pageFirsts.count)]
            var text: [UInt8] = []
            var previous = ""
            for digits in firsts {
                text += NumberIndex.frontCode(digits, after: previous)
                previous = digits
            }
            files.append(("n/d\(part).json", JSONText.string(String(decoding: text, as: UTF8.self))))
            partFirsts.append(firsts.first!)
            part += 1
        }
    }

    static func sorted(_ entries: [(digits: String, id: Int)]) -> [(digits: String, id: Int)] {
        entries.sorted { $0.digits < $1.digits }  // ASCII digits: the same order as bytes
    }

    /// True when a page ends after `digits`: its FNV-1a hash is 0 modulo `pageSize`.
    static func endsPage(_ digits: String, pageSize: Int) -> Bool {
        ShardWriter.hash(digits) % UInt32(max(1, pageSize)) == 0
    }

    static func frontCode(_ digits: String, after previous: String) -> [UInt8] {
        let a = Array(digits.utf8), b = Array(previous.utf8)
        var shared = 0
        while shared < min(a.count, b.count) && a[shared] == b[shared] { shared += 1 }
        return [PostingCodec.alphabet[shared]] + a[shared...]
    }
}
