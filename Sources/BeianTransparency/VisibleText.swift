import BeianPortal
import Foundation

/// Reads a page as a browser does, to say what each element marked `data-field="…"` shows:
/// one forward pass over the bytes (the WHATWG tokenizer's tags, quoted and unquoted attribute
/// values, comments, raw text of `script`/`style`/`title`/`textarea`…, script escapes, CDATA
/// in `svg`/`math`, character references) and an explicit element stack, so the time is linear
/// in the page and the memory bounded by it, whatever a hostile mirror serves.
///
/// A mark counts only as an element's text. Where this reader and a browser could disagree, it
/// reports a problem instead of guessing: a mark that is hidden (`hidden`, `aria-hidden="true"`,
/// an inline style that hides it, inside `<template>`, a closed `<dialog>` or `<details>`,
/// or inside an element whose content is not shown), a marked element holding hidden content,
/// mark-like text inside an attribute value, comment or raw text, a mark nested in another or
/// never closed, a marked or hiding element closed by another element's tag (browsers may
/// keep it open, or re-open it around later text), and a character reference it does not know.
struct VisibleText {
    /// Why something is not shown.
    enum Hiding: Hashable, Sendable {
        case hiddenAttribute, ariaHidden, inlineStyle, template, closedDetails, closedDialog, page
        case notRendered(String)
    }

    enum Issue: Hashable, Sendable {
        /// The marked element is not shown.
        case hidden(Hiding)
        /// The marked element holds content that is not shown.
        case holdsHidden(Hiding)
        /// `data-field=` inside an attribute value, a comment or CDATA, or raw text: no mark.
        case inAttribute, inComment
        case inRawText(String)
        case nested, unclosed, tooMuchText, unknownReference
        /// A marked or hiding element closed by the tag of another (`</div>` for an open `<span>`).
        case outOfOrder(String)
        /// A mark on `html`, `head`, `body`: tags a browser merges or drops.
        case onDocument(String)
    }

    struct Mark: Equatable {
        var field: String
        var text: String
        var line: Int
    }

    struct Problem: Equatable {
        var issue: Issue
        var line: Int
        var field: String?
    }

    private(set) var marks: [Mark] = []
    private(set) var problems: [Problem] = []
    /// The first `<title>`'s text (the document's title).
    var title: String?
    /// The first `<link rel="canonical">`'s `href`.
    private(set) var canonical: String?
    /// All text of the page's text nodes, in order (what marks' texts are cut from).
    var text: [UInt8] = []

    struct Open {
        var name: String
        /// Why this element (and so its content) is not shown: its own reason or an ancestor's.
        var hiding: VisibleText.Hiding?
        var own: VisibleText.Hiding?
        /// What its children inherit (a closed `details` hides all but its `summary`).
        var childHiding: VisibleText.Hiding?
        var mark: Int?
        var markStart = 0
        /// The nearest special element, scope boundary, list-item and button scope boundary at
        /// or below this entry (-1: none), so an end tag's scope is found in constant time.
        var special = -1, scope = -1, list = -1, button = -1
    }

    let page: [UInt8]
    var stack: [Open] = []
    var openAt: [String: [Int]] = [:]
    var markStack: [Int] = []
    var pageHiding: Hiding?
    var textBudget: Int
    var lineCursor = 0, lineCount = 1

    init(_ bytes: [UInt8]) {
        page = Self.normalizedNewlines(bytes)
        textBudget = 2 * page.count + 4_096
        read()
    }

    /// The text of an HTML fragment, tags dropped and references decoded (the disclosure as
    /// rendered, to compare with the page's).
    static func text(of html: [UInt8]) -> String { String(decoding: VisibleText(html).text, as: UTF8.self) }

    /// CRLF and lone CR as LF, as a browser's input stream has them.
    static func normalizedNewlines(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0D) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return out
    }

    // MARK: Start and end tags

    mutating func startTag(_ t: Tag, at i: Int) -> Int {
        var tag = t
        if tag.name == "image" { tag.name = "img" }
        let name = tag.name
        let own = ownHiding(tag)
        if HTMLElements.document.contains(name) {
            if own != nil { pageHiding = .page }
            if let field = value(tag, "data-field") { problem(.onDocument(name), at: i, field: field) }
            return tag.end
        }
        if name == "link", canonical == nil,
           value(tag, "rel")?.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).contains("canonical") == true {
            canonical = value(tag, "href")
        }
        while let top = stack.last, HTMLElements.closesCurrent(name, current: top.name) { pop(explicitly: true) }
        let parent = stack.last
        var inherited = parent?.childHiding
        if name == "summary", let parent, parent.name == "details" { inherited = parent.hiding }
        let hiding = own ?? inherited
        if let own, let m = markStack.last { problem(.holdsHidden(own), at: i, field: marks[stack[m].mark!].field) }
        var entry = Open(name: name, hiding: hiding, own: own, childHiding: hiding)
        if name == "details" && !tag.has("open") { entry.childHiding = hiding ?? .closedDetails }
        if let field = value(tag, "data-field") {
            if !markStack.isEmpty { problem(.nested, at: i, field: field) }
            if let hiding, !(hiding == .closedDetails && (field == "changeOld" || field == "changeNew")) {
                problem(.hidden(hiding), at: i, field: field)
            }
            entry.mark = marks.count
            entry.markStart = text.count
            marks.append(Mark(field: field, text: "", line: line(at: i)))
        }
        if HTMLElements.void.contains(name) || (tag.selfClosing && isForeign) {
            push(entry)
            pop(explicitly: true)
            return tag.end
        }
        push(entry)
        if HTMLElements.rawText.contains(name) || HTMLElements.rcData.contains(name) || name == "plaintext" {
            return rawText(name, from: tag.end)
        }
        return tag.end
    }

    mutating func endTag(_ name: String, at i: Int) {
        guard !HTMLElements.document.contains(name), let target = openAt[name]?.last, let top = stack.last else { return }
        let floor: Int
        if HTMLElements.formatting.contains(name) || HTMLElements.scope.contains(name) {
            floor = top.scope
        } else if HTMLElements.special.contains(name) {
            floor = name == "li" ? top.list : name == "p" ? top.button : top.scope
        } else {
            floor = top.special
        }
        guard target >= floor else { return }  // not in scope: a browser ignores it
        while stack.count - 1 > target {
            let popped = stack[stack.count - 1]
            let allowed = HTMLElements.optionalEnd.contains(popped.name)
            if !allowed, popped.own != nil { problem(.outOfOrder(popped.name), at: i, field: popped.mark.map { marks[$0].field }) }
            else if !allowed, let m = popped.mark { problem(.outOfOrder(popped.name), at: i, field: marks[m].field) }
            pop(explicitly: false)
        }
        pop(explicitly: true)
    }

    // MARK: The element stack

    mutating func push(_ e: Open) {
        var e = e
        let k = stack.count
        let parent = stack.last
        func floor(_ set: Bool, _ inherited: Int?) -> Int { set ? k : inherited ?? -1 }
        let boundary = HTMLElements.scope.contains(e.name)
        e.special = floor(HTMLElements.special.contains(e.name), parent?.special)
        e.scope = floor(boundary, parent?.scope)
        e.list = floor(boundary || e.name == "ol" || e.name == "ul", parent?.list)
        e.button = floor(boundary || e.name == "button", parent?.button)
        if e.mark != nil { markStack.append(k) }
        stack.append(e)
        openAt[e.name, default: []].append(k)
    }

    /// Pops the current element; its mark's text is what was read since it opened.
    mutating func pop(explicitly: Bool) {
        let e = stack.removeLast()
        openAt[e.name]?.removeLast()
        guard let m = e.mark else { return }
        markStack.removeLast()
        let length = text.count - e.markStart
        if length > textBudget {
            problem(.tooMuchText, line: marks[m].line, field: marks[m].field)
            textBudget = 0
        } else {
            textBudget -= length
            marks[m].text = String(decoding: text[e.markStart..<text.count], as: UTF8.self)
        }
    }

    mutating func finish() {
        // What stays open is closed by the end of the page; a mark that never closed is reported.
        for k in markStack { problem(.unclosed, line: marks[stack[k].mark!].line, field: marks[stack[k].mark!].field) }
        if let pageHiding {
            for m in marks { problem(.hidden(pageHiding), line: m.line, field: m.field) }
        }
    }

    var isForeign: Bool { !(openAt["svg"]?.isEmpty ?? true) || !(openAt["math"]?.isEmpty ?? true) }

    // MARK: Text

    mutating func appendText(_ range: Range<Int>, decode: Bool) {
        guard !range.isEmpty else { return }
        let slice = page[range]
        guard decode, slice.contains(where: { $0 == 0x26 || $0 == 0 }) else { text += slice; return }
        var unknown = false
        let before = text.count
        CharacterReference.decode(page[range], into: &text, unknown: &unknown)
        if text[before...].contains(0) {  // NUL in text: dropped by the tree builder
            let kept = text[before...].filter { $0 != 0 }
            text.removeSubrange(before...)
            text += kept
        }
        if unknown, let m = markStack.last { problem(.unknownReference, at: range.lowerBound, field: marks[stack[m].mark!].field) }
    }

    // MARK: Helpers

    mutating func problem(_ issue: Issue, at position: Int, field: String?) {
        problem(issue, line: line(at: position), field: field)
    }

    mutating func problem(_ issue: Issue, line: Int, field: String?) {
        problems.append(Problem(issue: issue, line: line, field: field))
    }

    /// The 1-based line of a byte offset; offsets asked for only grow, so counting is linear.
    mutating func line(at position: Int) -> Int {
        while lineCursor > position {
            lineCursor -= 1
            if page[lineCursor] == 0x0A { lineCount -= 1 }
        }
        while lineCursor < position && lineCursor < page.count {
            if page[lineCursor] == 0x0A { lineCount += 1 }
            lineCursor += 1
        }
        return lineCount
    }

    func starts(_ s: StaticString, at i: Int) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= page.count else { return false }
        let p = s.utf8Start
        for k in 0..<count where page[i + k] != p[k] { return false }
        return true
    }

    static func isAlpha(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
    static func lowered(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes.map(lower), as: UTF8.self) }
}
