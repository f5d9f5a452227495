/// The filing numbers in sorted order, for prefixes longer than the number terms (`n/…`).
///
/// Page `n/<k>.json` holds numbers `k·P … k·P+P−1` with their document ids; part
/// `n/d<j>.json` holds the first number of pages `j·Q …`; the manifest's `np` the first number
/// of each part. A number is front-coded: one alphabet character for the digits shared with
/// the previous number, then the rest of its 21 digits (and, in a page, its id as a varint).
/// The client binary-searches parts → pages → numbers and fetches only what it needs.
struct NumberIndex {
    var files: [(path: String, text: String)] = []
    var partFirsts: [String] = []
    var pages = 0

    init(_ docs: [SearchDocument], firstID: Int = 0, pageSize: Int, partSize: Int) {
        let sorted = docs.enumerated()
            .map { (digits: $0.element.filing.number.digits, id: firstID + $0.offset) }
            .sorted { $0.digits < $1.digits }
        var pageFirsts: [String] = []
        var start = 0
        while start < sorted.count {
            let page = sorted[start..<min(start + pageSize, sorted.count)]
            var text: [UInt8] = []
            var previous = ""
            for entry in page {
                text += NumberIndex.frontCode(entry.digits, after: previous)
                PostingCodec.appendVarint(entry.id, to: &text)
                previous = entry.digits
            }
            files.append(("n/\(pageFirsts.count).json", JSONText.string(String(decoding: text, as: UTF8.self))))
            pageFirsts.append(page.first!.digits)
            start += pageSize
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

    static func frontCode(_ digits: String, after previous: String) -> [UInt8] {
        let a = Array(digits.utf8), b = Array(previous.utf8)
        var shared = 0
        while shared < min(a.count, b.count) && a[shared] == b[shared] { shared += 1 }
        return [PostingCodec.alphabet[shared]] + a[shared...]
    }
}
