public import BeianDiagnostics
public import BeianMarkdown
public import BeianModel
import BeianBundle
import BeianStore
public import Foundation

/// Reads `content/` — `site.yaml`, `announcements/*.md`, `pages/*.md`, `files/*`, and the
/// English versions `<slug>.en.md` beside the Markdown (attached to their originals, SPEC §10)
/// — into `SiteContent`, checking everything and collecting every problem (C801 front matter,
/// C802 the rest). The rules are in docs/content.md.
///
/// The same loader serves `beian build` and any check command: nothing else parses content.
public struct ContentLoader: Sendable {
    public static let siteFile = "site.yaml"
    public static let announcementsDir = "announcements"
    public static let pagesDir = "pages"
    /// Largest Markdown file accepted; an announcement is a few KB.
    public static let maxMarkdownSize = 512 * 1024

    /// The day checks run on (dates after it get a warning); fixed by `SOURCE_DATE_EPOCH`.
    public var today: CalendarDate
    /// How bodies are rendered. By default headings start at `<h2>`: the page's `<h1>` is the title.
    public var markdownOptions: MarkdownOptions

    public init(today: CalendarDate, markdownOptions: MarkdownOptions = MarkdownOptions(headingLevels: .startingAt(2))) {
        self.today = today
        self.markdownOptions = markdownOptions
    }

    /// Thrown only when the content folder itself is missing (exit 2), never for what is in it.
    public struct Unreadable: Error, Sendable {
        public var diagnostic: Diagnostic
    }

    /// Loads the content folder at `path` (as typed by the user, e.g. `content`). With a
    /// `cache` file (`ContentCache`), Markdown files unchanged since the load that wrote it are
    /// taken from it instead of being parsed and rendered again; the cache is then updated.
    public func load(_ path: String, cache: URL? = nil) throws(Unreadable) -> SiteContent {
        let trimmed = PathText.typed(path)
        // The folder named on the command line is the operator's own and may be a link (a
        // deployment's `content -> /srv/portal/content`); nothing below it may (C802).
        let root = URL(fileURLWithPath: trimmed).standardizedFileURL.resolvingSymlinksInPath()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            throw Unreadable(diagnostic: Diagnostic(
                .contentInvalid, at: SourceLocation(path: trimmed),
                message: Localized(zh: "找不到门户内容目录“\(trimmed)”", en: "no content folder at '\(trimmed)'"),
                help: Localized(zh: "在仓库根目录运行，或指明 content/ 的位置", en: "run from the repository root, or give the path of content/")))
        }
        let folder = ContentFolder(root: root, displayRoot: trimmed)
        var problems: [Diagnostic] = []
        let site = loadSite(folder, into: &problems)
        let header = "\(ContentCache.format)|\(today)|\(trimmed)|\(markdownOptions)"
        let previous = cache.flatMap { ContentCache.read($0, header: header) }
        var next = ContentCache(header: header)
        let useCache = cache != nil
        let announcementFiles = DirectoryFiles(folder.markdownFiles(in: Self.announcementsDir, into: &problems))
        var announcements = loadFiles(Self.announcementsDir, announcementFiles.originals, in: folder, useCache: useCache,
                                      previous: previous, next: &next, \.announcements, problems: &problems) { [self] in
            loadAnnouncement($0, in: folder, into: &$1)
        }
        let announcementTranslations = loadFiles(Self.announcementsDir, announcementFiles.translations, in: folder, useCache: useCache,
                                                 previous: previous, next: &next, \.announcementTranslations, problems: &problems) { [self] in
            loadTranslation($0, in: folder, schema: ContentSchema.announcementTranslation, original: ContentSchema.announcement, into: &$1)
        }
        let pageFiles = DirectoryFiles(folder.markdownFiles(in: Self.pagesDir, into: &problems))
        var pages = loadFiles(Self.pagesDir, pageFiles.originals, in: folder, useCache: useCache, previous: previous, next: &next,
                              \.pages, problems: &problems) { [self] in loadPage($0, in: folder, into: &$1) }
        let files = loadStaticFiles(folder, into: &problems)
        let pageTranslations = loadFiles(Self.pagesDir, pageFiles.translations, in: folder, useCache: useCache,
                                         previous: previous, next: &next, \.pageTranslations, problems: &problems) { [self] in
            loadTranslation($0, in: folder, schema: ContentSchema.pageTranslation, original: ContentSchema.page, into: &$1)
        }
        // Attached after loading (and after the cache): an entry of the cache is one file, so
        // editing only `x.en.md` reads only that file again, and `x.md` keeps its entry.
        problems += announcementFiles.orphans(in: Self.announcementsDir, folder: folder)
        problems += pageFiles.orphans(in: Self.pagesDir, folder: folder)
        let englishAnnouncements = Self.bySlug(announcementTranslations)
        for i in announcements.indices { announcements[i].english = englishAnnouncements[announcements[i].slug] }
        let englishPages = Self.bySlug(pageTranslations)
        for i in pages.indices { pages[i].english = englishPages[pages[i].slug] }
        if let cache, next != previous { next.write(cache) }
        return SiteContent(site: site,
                           // Their places sorted, not the records: moving 1,000 announcements of
                           // ten strings each through a sort cost more than loading them from the cache.
                           announcements: announcements.indices.sorted { Announcement.newestFirst(announcements[$0], announcements[$1]) }
                               .map { announcements[$0] },
                           pages: pages.sorted(by: Page.navigationOrder),
                           files: files,
                           diagnostics: problems.sorted())
    }
}

extension ContentLoader {
    /// The Markdown files `names` of the folder `dir`, in name order, parsed and rendered on all cores
    /// (1,000 announcements are most of a small site's build): each taken from `previous` when
    /// its file signature is the recorded one, else loaded by `load`; recorded in `next` (at
    /// `cached`) when it had no problem. Nil values (files with errors) are left out.
    func loadFiles<Value: Sendable & Equatable>(
        _ dir: String, _ names: [String], in folder: ContentFolder, useCache: Bool, previous: ContentCache?, next: inout ContentCache,
        _ cached: WritableKeyPath<ContentCache, [String: ContentCache.Entry<Value>]>, problems: inout [Diagnostic],
        load: @escaping @Sendable (String, inout [Diagnostic]) -> Value?
    ) -> [Value] {
        let recorded = previous?[keyPath: cached]
        let files = Concurrent.map(names.count, tasks: ProcessInfo.processInfo.activeProcessorCount) {
            i -> (String, Value?, ContentCache.Entry<Value>?, [Diagnostic]) in
            let relative = "\(dir)/\(names[i])"
            let signature = useCache ? FileSignature.of(folder.url(relative).path) : nil
            if let signature, let hit = recorded?[relative], hit.signature == signature {
                return (relative, hit.value, hit, [])
            }
            var mine: [Diagnostic] = []
            let value = load(relative, &mine)
            let entry = value.flatMap { v in mine.isEmpty ? signature.map { ContentCache.Entry(signature: $0, value: v) } : nil }
            return (relative, value, entry, mine)
        }
        var values: [Value] = []
        for (relative, value, entry, mine) in files {
            if let value { values.append(value) }
            if let entry { next[keyPath: cached][relative] = entry }
            problems += mine
        }
        return values
    }
}

/// The `.md` files of one folder, cut into originals (`x.md`) and English translations
/// (`x.en.md`, SPEC §10).
struct DirectoryFiles {
    var originals: [String] = []
    var translations: [String] = []

    init(_ names: [String]) {
        for name in names {
            if name.hasSuffix(Translation.fileSuffix) { translations.append(name) } else { originals.append(name) }
        }
    }

    /// A translation without its Chinese original: an error at the translation (C802). It is
    /// still checked, but published nowhere.
    func orphans(in dir: String, folder: ContentFolder) -> [Diagnostic] {
        let present = Set(originals)
        return translations.compactMap { name -> Diagnostic? in
            let original = String(name.dropLast(Translation.fileSuffix.count)) + ".md"
            guard !present.contains(original) else { return nil }
            return Diagnostic(
                .contentInvalid, at: SourceLocation(path: folder.display("\(dir)/\(name)")),
                message: Localized(zh: "英文版“\(name)”没有对应的中文原文 \(original)",
                                   en: "the English version '\(name)' has no Chinese original \(original)"),
                help: Localized(zh: "在同一目录写中文原文 \(original)，或把本文件改名为“原文文件名去掉 .md 加 .en.md”",
                                en: "write the Chinese original \(original) in the same folder, or rename this file to the original's name with .en.md in place of .md"))
        }
    }
}

extension ContentLoader {
    /// Translations by the slug of the file they translate.
    static func bySlug(_ translations: [Translation]) -> [String: Translation] {
        var out: [String: Translation] = [:]
        for t in translations {
            let name = String(t.path.split(separator: "/").last ?? "")
            out[String(name.dropLast(Translation.fileSuffix.count))] = t
        }
        return out
    }
}

/// The content folder on disk and how its files are named in messages.
struct ContentFolder {
    var root: URL
    var displayRoot: String

    /// `content/announcements/x.md` as the user would type it.
    func display(_ relative: String) -> String {
        PathText.join(displayRoot, relative)
    }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// True when something (a link included, which `readText` then refuses) is at `relative`.
    func exists(_ relative: String) -> Bool { NoFollow.kind(root: root, relative) != .missing }

    /// Sorted `.md` file names of a folder (none when it does not exist); anything else in it
    /// gets a warning, hidden files aside. A symbolic link — the folder itself or an entry of
    /// it — is an error (C802) and is never read: nothing is published from outside `content/`
    /// (a page linked to a file elsewhere once published that file's ID number).
    func markdownFiles(in relative: String, into problems: inout [Diagnostic]) -> [String] {
        switch NoFollow.kind(root: root, relative) {
        case .folder: break
        case .link:
            problems.append(linkRefused(relative))
            return []
        case .missing, .file, .other: return []
        }
        var out: [String] = []
        for name in NoFollow.list(root: root, relative).sorted() where !name.hasPrefix(".") {
            let entry = "\(relative)/\(name)"
            switch NoFollow.kind(root: root, entry) {
            case .link:
                problems.append(linkRefused(entry))
            case .file where name.hasSuffix(".md"), .other where name.hasSuffix(".md"):
                out.append(name)  // a FIFO or device is refused when read (C802), never opened
            default:
                problems.append(Diagnostic(
                    .contentInvalid, at: SourceLocation(path: display(entry)), severity: .warning,
                    message: Localized(zh: "不是 .md 文件，已忽略", en: "not a .md file, ignored"),
                    help: Localized(zh: "\(relative)/ 下每篇一个 <名称>.md 文件；图片等请放到主题目录",
                                    en: "\(relative)/ holds one <name>.md file per item; put images in the theme folder")))
            }
        }
        return out
    }

    /// C802 for a symbolic link at `relative`: content is read only from the folder itself.
    func linkRefused(_ relative: String) -> Diagnostic {
        let shown = display(relative)
        return Diagnostic(
            .contentInvalid, at: SourceLocation(path: shown),
            message: Localized(zh: "“\(shown)”是符号链接；门户内容不跟随链接", en: "'\(shown)' is a symbolic link; content/ follows no link"),
            help: Localized(zh: "用文件或目录本身替换该链接", en: "replace the link with the file or folder itself"))
    }

    /// The text of a file, size and UTF-8 checked, never read through a symbolic link
    /// (problems coded C802).
    func readText(_ relative: String, limit: Int, into problems: inout [Diagnostic]) -> String? {
        let path = display(relative)
        let data: Data
        switch NoFollow.read(root: root, relative, limit: limit) {
        case .success(let d): data = d
        case .failure(.link(let at)):
            problems.append(linkRefused(at))
            return nil
        case .failure(.tooLarge(let size)):
            problems.append(TextFile.tooLarge(path: path, size: size, limit: limit).recoded(.contentInvalid))
            return nil
        case .failure(.notRegular):
            problems.append(Diagnostic(.contentInvalid, at: SourceLocation(path: path),
                                       message: Localized(zh: "不是普通文件（可能是目录）", en: "not a regular file (a folder?)"),
                                       help: Localized(zh: "此处应为文本文件；删除或改名该目录", en: "this must be a text file; remove or rename what is there")))
            return nil
        case .failure(.missing), .failure(.unreadable):
            problems.append(Diagnostic(.contentInvalid, at: SourceLocation(path: path),
                                       message: Localized(zh: "无法打开文件", en: "cannot open the file"),
                                       help: Localized(zh: "检查文件是否存在以及读取权限", en: "check that the file exists and is readable")))
            return nil
        }
        switch TextFile.decodeUTF8(data, path: path) {
        case .failure(let d):
            problems.append(d.recoded(.contentInvalid))
            return nil
        case .success(let text):
            return text
        }
    }
}
