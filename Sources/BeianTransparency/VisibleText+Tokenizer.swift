import BeianPortal
import Foundation

/// The tokenizer: one forward pass over the bytes — text, comments, tags and their attributes —
/// handing each start and end tag to the element stack (`VisibleText.swift`).
extension VisibleText {
    mutating func read() {
        var i = 0
        let n = page.count
        scan: while i < n {
            guard page[i] == 0x3C else {
                var j = i
                while j < n && page[j] != 0x3C { j += 1 }
                appendText(i..<j, decode: true)
                i = j
                continue
            }
            let next = i + 1 < n ? page[i + 1] : 0
            if next == 0x21 {  // <!
                i = markup(at: i)
            } else if next == 0x2F {  // </
                let after = i + 2 < n ? page[i + 2] : 0
                if Self.isAlpha(after) {
                    guard let tag = tag(at: i + 2) else { break scan }  // EOF in a tag: dropped
                    endTag(tag.name, at: i)
                    i = tag.end
                } else if after == 0x3E {
                    i += 3
                } else if i + 2 >= n {
                    appendText(i..<n, decode: false)
                    i = n
                } else {
                    i = bogusComment(at: i, contentFrom: i + 2)
                }
            } else if Self.isAlpha(next) {
                guard let tag = tag(at: i + 1) else { break scan }
                i = startTag(tag, at: i)
            } else if next == 0x3F {  // <?
                i = bogusComment(at: i, contentFrom: i + 1)
            } else {
                appendText(i..<(i + 1), decode: false)
                i += 1
            }
        }
        finish()
    }

    /// `<!--…-->`, `<![CDATA[…]]>` in foreign content, or a bogus comment (`<!DOCTYPE …>`).
    mutating func markup(at i: Int) -> Int {
        let n = page.count
        if starts("<!--", at: i) {
            var j = i + 4
            if j < n && page[j] == 0x3E { return j + 1 }  // <!-->
            if starts("->", at: j) { return j + 2 }  // <!--->
            while j < n && !(starts("-->", at: j) || starts("--!>", at: j)) { j += 1 }
            checkMarkLike(i + 4..<min(j, n), at: i, as: .inComment, requireQuote: false)
            return j >= n ? n : j + (page[j + 2] == 0x21 ? 4 : 3)
        }
        if isForeign, starts("<![CDATA[", at: i) {
            var j = i + 9
            while j < n && !starts("]]>", at: j) { j += 1 }
            checkMarkLike(i + 9..<min(j, n), at: i, as: .inComment, requireQuote: false)
            return min(j + 3, n)
        }
        return bogusComment(at: i, contentFrom: i + 2)
    }

    mutating func bogusComment(at i: Int, contentFrom start: Int) -> Int {
        var j = start
        while j < page.count && page[j] != 0x3E { j += 1 }
        checkMarkLike(start..<j, at: i, as: .inComment, requireQuote: false)
        return min(j + 1, page.count)
    }

    struct Tag {
        var name: String
        /// Attributes in order, the first of a name only (as a browser keeps them).
        var attributes: [(name: String, value: Range<Int>)] = []
        var selfClosing = false
        /// Just past its `>`.
        var end = 0

        func has(_ name: String) -> Bool { attributes.contains { $0.name == name } }
    }

    /// The tag whose name starts at `start`, read through its attributes to `>`; nil at the end
    /// of the page (a tag cut off by the end is dropped, as a browser does).
    mutating func tag(at start: Int) -> Tag? {
        let n = page.count
        var j = start
        while j < n && !Self.isSpace(page[j]) && page[j] != 0x2F && page[j] != 0x3E { j += 1 }
        var tag = Tag(name: Self.lowered(page[start..<j]))
        var seen = Set<String>()  // only past a few attributes: most tags have one or two
        while true {
            while j < n && (Self.isSpace(page[j]) || page[j] == 0x2F) {
                if page[j] == 0x2F && j + 1 < n && page[j + 1] == 0x3E { tag.selfClosing = true }
                j += 1
            }
            guard j < n else { return nil }
            if page[j] == 0x3E { tag.end = j + 1; return tag }
            let nameStart = j
            j += 1  // a leading `=` belongs to the name
            while j < n && !Self.isSpace(page[j]) && page[j] != 0x2F && page[j] != 0x3E && page[j] != 0x3D { j += 1 }
            let name = Self.lowered(page[nameStart..<j])
            while j < n && Self.isSpace(page[j]) { j += 1 }
            var value = j..<j
            if j < n && page[j] == 0x3D {
                j += 1
                while j < n && Self.isSpace(page[j]) { j += 1 }
                guard j < n else { return nil }
                if page[j] == 0x22 || page[j] == 0x27 {
                    let quote = page[j]
                    var k = j + 1
                    while k < n && page[k] != quote { k += 1 }
                    guard k < n else { return nil }
                    value = (j + 1)..<k
                    j = k + 1
                } else {
                    var k = j
                    while k < n && !Self.isSpace(page[k]) && page[k] != 0x3E { k += 1 }
                    value = j..<k
                    j = k
                }
            }
            checkMarkLike(value, at: start - 1, as: .inAttribute, requireQuote: true)
            let repeated = tag.attributes.count < 8 ? tag.attributes.contains { $0.name == name } : !seen.insert(name).inserted
            if !repeated {
                tag.attributes.append((name, value))
                if tag.attributes.count == 8 { seen = Set(tag.attributes.map(\.name)) }
            }
        }
    }

    func value(_ tag: Tag, _ name: String) -> String? {
        tag.attributes.first { $0.name == name }.map { CharacterReference.decode(page[$0.value]) }
    }
}
