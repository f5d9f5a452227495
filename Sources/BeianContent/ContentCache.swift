import BeianStore
import BeianMarkdown
import BeianModel
import Foundation

/// What the previous `beian build` read from each Markdown file of `content/` that had no
/// problem, so a rebuild parses and renders again only the files that changed
/// (`.site.content-cache` beside the site).
///
/// An entry is used when the file's `FileSignature` (inode, size, modification and
/// status-change times) is the one recorded, under the same header: cache format, the day the
/// checks run on (a date may become "in the future" on another day), how the folder was named
/// and the Markdown options. A file with any diagnostic is never cached, so its messages come
/// back every time. Unreadable, damaged (the file ends with a `Checksum64` of what precedes
/// it, eight bytes little-endian) or of another header: no cache. Deleting it is always safe.
/// It is mapped, not copied into memory.
///
/// The format is private and binary (`ByteWriter`): 1,000 announcements read in a few
/// milliseconds, where JSON took a tenth of a second of every rebuild.
struct ContentCache: Equatable {
    /// Bump whenever loading or rendering gives other values for the same file.
    static let format = "beian-content-cache 6"  // 4: batch marks; 5: English versions (x.en.md); 6: their tables named in English

    struct Entry<Value: Equatable>: Equatable {
        var signature: String
        var value: Value
    }

    var header: String
    var announcements: [String: Entry<Announcement>] = [:]
    var pages: [String: Entry<Page>] = [:]
    /// English versions (`x.en.md`), one entry per file like the others: attached to their
    /// originals after loading, so the values above never carry one.
    var announcementTranslations: [String: Entry<Translation>] = [:]
    var pageTranslations: [String: Entry<Translation>] = [:]

    init(header: String) { self.header = header }

    static func read(_ url: URL, header: String) -> ContentCache? {
        guard let file = MappedFile.bytes(url.path), let body = Checksum64.checked(file) else { return nil }
        return body.withUnsafeBytes { raw -> ContentCache? in
            var r = ByteReader(raw)
            guard r.string() == format, r.string() == header, let count = r.int(), count <= raw.count else { return nil }
            var cache = ContentCache(header: header)
            for _ in 0..<count {
                guard let key = r.string(), let signature = r.string(), let a = r.announcement() else { return nil }
                cache.announcements[key] = Entry(signature: signature, value: a)
            }
            guard let pageCount = r.int(), pageCount <= raw.count else { return nil }
            for _ in 0..<pageCount {
                guard let key = r.string(), let signature = r.string(), let p = r.page() else { return nil }
                cache.pages[key] = Entry(signature: signature, value: p)
            }
            for path in [\ContentCache.announcementTranslations, \.pageTranslations] {
                guard let n = r.int(), n <= raw.count else { return nil }
                for _ in 0..<n {
                    guard let key = r.string(), let signature = r.string(), let t = r.translation() else { return nil }
                    cache[keyPath: path][key] = Entry(signature: signature, value: t)
                }
            }
            return r.atEnd ? cache : nil
        }
    }

    func serialized() -> Data {
        var w = ByteWriter()
        w.string(Self.format)
        w.string(header)
        w.int(announcements.count)
        for key in announcements.keys.sorted() {
            let e = announcements[key]!
            w.string(key)
            w.string(e.signature)
            w.announcement(e.value)
        }
        w.int(pages.count)
        for key in pages.keys.sorted() {
            let e = pages[key]!
            w.string(key)
            w.string(e.signature)
            w.page(e.value)
        }
        for translations in [announcementTranslations, pageTranslations] {
            w.int(translations.count)
            for key in translations.keys.sorted() {
                let e = translations[key]!
                w.string(key)
                w.string(e.signature)
                w.translation(e.value)
            }
        }
        return Checksum64.appended(to: w.bytes)
    }

    func write(_ url: URL) {
        // A cache that cannot be written costs the next build time, nothing else.
        try? AtomicFile.write(serialized(), to: url, durable: false)
    }
}

extension ByteWriter {
    fileprivate mutating func optional(_ s: String?) {
        if let s { int(1); string(s) } else { int(0) }
    }

    fileprivate mutating func headings(_ list: [Heading]) {
        int(list.count)
        for h in list { int(h.level); string(h.text); string(h.id) }
    }

    fileprivate mutating func announcement(_ a: Announcement) {
        for s in [a.slug, a.path, a.title] { string(s) }
        int(a.date.year); int(a.date.month); int(a.date.day)
        optional(a.summary)
        int(a.pinned ? 1 : 0)
        for s in [a.markdown, a.html] { string(s) }
        headings(a.headings)
        for s in [a.plainText, a.excerpt] { string(s) }
        if let b = a.batch {
            int(1); string(b.list.rawValue); int(b.number)
            for d in [b.from, b.to] { int(d.year); int(d.month); int(d.day) }
        } else {
            int(0)
        }
    }

    fileprivate mutating func translation(_ t: Translation) {
        for s in [t.path, t.title] { string(s) }
        optional(t.summary)
        for s in [t.markdown, t.html] { string(s) }
        headings(t.headings)
        for s in [t.plainText, t.excerpt] { string(s) }
    }

    fileprivate mutating func page(_ p: Page) {
        for s in [p.slug, p.path, p.title] { string(s) }
        if let n = p.navOrder { int(1); int(n < 0 ? 0 : 1); int(abs(n)) } else { int(0) }
        for s in [p.markdown, p.html] { string(s) }
        headings(p.headings)
        string(p.plainText)
    }
}

extension ByteReader {
    fileprivate mutating func optional() -> String?? {
        switch int() {
        case 0: return .some(nil)
        case 1: return string().map { .some($0) }
        default: return nil
        }
    }

    fileprivate mutating func headings() -> [Heading]? {
        guard let n = int(), n <= raw.count - offset else { return nil }
        var out: [Heading] = []
        for _ in 0..<n {
            guard let level = int(), let text = string(), let id = string() else { return nil }
            out.append(Heading(level: level, text: text, id: id))
        }
        return out
    }

    fileprivate mutating func announcement() -> Announcement? {
        guard let slug = string(), let path = string(), let title = string(), let y = int(), let m = int(), let d = int(),
              let date = CalendarDate(year: y, month: m, day: d), let summary = optional(), let pinned = int(),
              let markdown = string(), let html = string(), let headings = headings(), let plainText = string(),
              let excerpt = string(), let hasBatch = int() else { return nil }
        var batch: BatchMark?
        if hasBatch == 1 {
            guard let list = string().flatMap(BatchList.init(rawValue:)), let number = int(),
                  let fy = int(), let fm = int(), let fd = int(), let from = CalendarDate(year: fy, month: fm, day: fd),
                  let ty = int(), let tm = int(), let td = int(), let to = CalendarDate(year: ty, month: tm, day: td)
            else { return nil }
            batch = BatchMark(list: list, number: number, from: from, to: to)
        }
        return Announcement(slug: slug, path: path, title: title, date: date, summary: summary, pinned: pinned == 1,
                            markdown: markdown, html: html, headings: headings, plainText: plainText, excerpt: excerpt,
                            batch: batch)
    }

    fileprivate mutating func translation() -> Translation? {
        guard let path = string(), let title = string(), let summary = optional(), let markdown = string(),
              let html = string(), let headings = headings(), let plainText = string(), let excerpt = string()
        else { return nil }
        return Translation(path: path, title: title, summary: summary, markdown: markdown, html: html,
                           headings: headings, plainText: plainText, excerpt: excerpt)
    }

    fileprivate mutating func page() -> Page? {
        guard let slug = string(), let path = string(), let title = string(), let hasOrder = int() else { return nil }
        var navOrder: Int?
        if hasOrder == 1 {
            guard let sign = int(), let n = int() else { return nil }
            navOrder = sign == 0 ? -n : n
        }
        guard let markdown = string(), let html = string(), let headings = headings(), let plainText = string() else { return nil }
        return Page(slug: slug, path: path, title: title, navOrder: navOrder, markdown: markdown, html: html,
                    headings: headings, plainText: plainText)
    }
}

extension ContentCache.Entry: Sendable where Value: Sendable {}
