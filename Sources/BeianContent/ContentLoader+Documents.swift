import BeianBundle
import BeianDiagnostics
import BeianMarkdown
import BeianModel

extension ContentLoader {
    /// One announcement, or nil when its file has an error (reported in `problems`).
    func loadAnnouncement(_ relative: String, in folder: ContentFolder, into problems: inout [Diagnostic]) -> Announcement? {
        var mine: [Diagnostic] = []
        defer { problems += mine }
        guard let doc = document(relative, in: folder, schema: ContentSchema.announcement, keys: "title、date", into: &mine),
              !mine.hasErrors, let date = CalendarDate(Self.string(doc.fields["date"]))
        else { return nil }
        let summary = doc.fields["summary"]?.text.map(\.trimmingSpacesAndNewlines)
        return Announcement(
            slug: doc.slug, path: doc.path, title: Self.string(doc.fields["title"]), date: date,
            summary: summary, pinned: doc.fields["pinned"]?.text == "true",
            markdown: doc.body, html: doc.rendered.html, headings: doc.rendered.headings,
            plainText: doc.rendered.plainText,
            excerpt: summary ?? MarkdownRenderer.excerpt(of: doc.rendered, limit: Self.excerptLength),
            batch: Self.batchMark(doc.fields["batch"]))
    }

    /// `batch:` as checked by the schema (nil when absent).
    static func batchMark(_ value: YAMLValue?) -> BatchMark? {
        guard let value, let list = BatchList(rawValue: string(value["list"])), let number = Int(string(value["number"])),
              let from = CalendarDate(string(value["from"])), let to = CalendarDate(string(value["to"])) else { return nil }
        return BatchMark(list: list, number: number, from: from, to: to)
    }

    /// One static page, or nil when its file has an error (reported in `problems`).
    func loadPage(_ relative: String, in folder: ContentFolder, into problems: inout [Diagnostic]) -> Page? {
        var mine: [Diagnostic] = []
        defer { problems += mine }
        guard let doc = document(relative, in: folder, schema: ContentSchema.page, keys: "title", into: &mine),
              !mine.hasErrors
        else { return nil }
        return Page(slug: doc.slug, path: doc.path, title: Self.string(doc.fields["title"]),
                    navOrder: doc.fields["nav_order"]?.text.flatMap { Int($0) },
                    markdown: doc.body, html: doc.rendered.html, headings: doc.rendered.headings,
                    plainText: doc.rendered.plainText)
    }

    /// The English version of a page or announcement (`<slug>.en.md`), or nil when its file
    /// has an error. Checked against `schema`; a key of the `original` schema that the
    /// translation does not take (`date`, `pinned`, `nav_order`) is an error that says the
    /// Chinese file's value is used. Rendered by the same renderer with the same rules.
    func loadTranslation(_ relative: String, in folder: ContentFolder, schema: [FieldSpec], original: [FieldSpec],
                         into problems: inout [Diagnostic]) -> Translation? {
        var mine: [Diagnostic] = []
        defer { problems += mine }
        let own = Set(schema.map(\.key))
        guard let doc = document(relative, in: folder, schema: schema, keys: "title",
                                 inherited: original.map(\.key).filter { !own.contains($0) }, into: &mine),
              !mine.hasErrors
        else { return nil }
        // The body's Chinese is marked as such (`ChineseRuns`); a title or summary is plain
        // text the English pages show as English.
        for key in ["title", "summary"] {
            guard let value = doc.fields[key], let text = value.text, text.unicodeScalars.contains(where: ChineseRuns.isChinese) else { continue }
            mine.append(Diagnostic(
                .frontMatter, at: value.location, severity: .warning,
                message: Localized(zh: "英文版的“\(key)”含有中文", en: "the English '\(key)' contains Chinese characters"),
                help: Localized(zh: "标题和摘要只写英文；中文名称可写在正文中，英文页面会把它标为中文",
                                en: "write the title and summary in English only; a Chinese name can go in the text, where English pages mark it as Chinese")))
        }
        let summary = own.contains("summary") ? doc.fields["summary"]?.text.map(\.trimmingSpacesAndNewlines) : nil
        return Translation(
            path: doc.path, title: Self.string(doc.fields["title"]), summary: summary,
            markdown: doc.body, html: ChineseRuns.marked(doc.rendered.html), headings: doc.rendered.headings,
            plainText: doc.rendered.plainText,
            excerpt: summary ?? MarkdownRenderer.excerpt(of: doc.rendered, limit: Self.englishExcerptLength))
    }

    /// Characters of the body used as an excerpt when there is no `summary`.
    static let excerptLength = 120
    /// The same for an English body: about as much to read as 120 Chinese characters.
    static let englishExcerptLength = 240

    /// A Markdown file with front matter, checked and rendered.
    struct Document {
        var slug: String
        var path: String
        var fields: YAMLValue
        var body: String
        var rendered: RenderedMarkdown
    }

    /// Reads, splits, checks and renders one file; every problem goes to `problems`. Returns
    /// nil only when there is nothing further to check. A file named `<slug>.en.md` is an
    /// English translation: its slug is `<slug>`, and a key in `inherited` (one the Chinese
    /// file sets for both) is refused with words that say so.
    func document(_ relative: String, in folder: ContentFolder, schema: [FieldSpec], keys: String,
                  inherited: [String] = [], into problems: inout [Diagnostic]) -> Document? {
        let path = folder.display(relative)
        let name = String(relative.split(separator: "/").last ?? "")
        let isTranslation = name.hasSuffix(Translation.fileSuffix)
        let slug = String(name.dropLast(isTranslation ? Translation.fileSuffix.count : 3)) // ".md"
        if !IdentifierRule.isValid(slug) {
            problems.append(Diagnostic(
                .contentInvalid, at: SourceLocation(path: path),
                message: Localized(zh: "文件名“\(name)”不能用作网址", en: "the file name '\(name)' cannot be used in a URL"),
                help: slug.contains(".")
                    ? Localized(zh: "只支持英文版，命名为 <原文名>.en.md（如 about.en.md）；其他文件名只用小写字母、数字和连字符",
                                en: "only English versions are supported, named <original>.en.md (e.g. about.en.md); other names use lowercase letters, digits and hyphens")
                    : Localized(zh: "改名为小写字母、数字和连字符，如 2024-06-01-system-upgrade.md",
                                en: "rename it to lowercase letters, digits and hyphens, e.g. 2024-06-01-system-upgrade.md")))
        }
        guard let text = folder.readText(relative, limit: Self.maxMarkdownSize, into: &problems) else { return nil }
        let front: FrontMatter
        switch FrontMatter.split(text, path: path, keys: keys) {
        case .failure(let d): problems.append(d); return nil
        case .success(let f): front = f
        }
        problems += front.diagnostics
        guard let fields = front.yaml else { return nil }
        problems += SchemaChecker(draft: false, today: today).check(fields, fields: schema).diagnostics.map {
            frontMatterProblem(inheritedKeyProblem($0, inherited: inherited, original: "\(slug).md"))
        }

        // An English version names its tables in English (`Table 1`), as its page does.
        var options = markdownOptions
        if isTranslation { options.tableLabel = "Table" }
        let rendered = MarkdownRenderer.render(front.body, options: options)
        if rendered.plainText.isEmpty {
            problems.append(Diagnostic(
                .contentInvalid, at: SourceLocation(path: path, line: front.bodyLine), severity: .warning,
                message: Localized(zh: "正文为空", en: "the text is empty"),
                help: Localized(zh: "在结束头信息的 --- 之后写正文", en: "write the text after the --- that closes the front matter")))
        }
        for line in rendered.rawHTMLLines {
            problems.append(Diagnostic(
                .contentInvalid, at: SourceLocation(path: path, line: front.bodyLine + line - 1), severity: .warning,
                message: Localized(zh: "此行的 HTML 标签不会显示", en: "the HTML on this line will not be shown"),
                help: Localized(zh: "门户不发布原始 HTML；改用 Markdown，如 **加粗**、[链接](https://…)、空行分段",
                                en: "the portal never publishes raw HTML; use Markdown instead: **bold**, [link](https://…), blank lines")))
        }
        return Document(slug: slug, path: path, fields: fields, body: front.body, rendered: rendered)
    }

    /// An unknown key of a translation that the Chinese file sets (`date`, `pinned`,
    /// `nav_order`): said as such, since the operator may expect it to count.
    func inheritedKeyProblem(_ d: Diagnostic, inherited: [String], original: String) -> Diagnostic {
        guard d.code == .unknownKey, let key = d.field?.key, inherited.contains(key) else { return d }
        var d = d
        d.message = Localized(zh: "英文版不设“\(key)”：沿用中文原文 \(original) 的值",
                              en: "an English version does not set '\(key)': the value of the Chinese original \(original) is used")
        d.help = Localized(zh: "删除这一行；要修改请编辑 \(original)", en: "remove this line; to change it, edit \(original)")
        return d
    }

    /// A schema finding in front matter, coded C801; a date after today is only a warning,
    /// said in words that fit an announcement.
    func frontMatterProblem(_ d: Diagnostic) -> Diagnostic {
        let future = d.code == .dateInFuture
        var d = d.recoded(.frontMatter)
        if future {
            d.message = Localized(zh: "发布日期晚于今天（\(today)）", en: "the date is after today (\(today))")
            d.help = Localized(zh: "构建时公告会立即发布；请确认日期，或到当天再加入该文件",
                               en: "the announcement is published at the next build anyway; check the date, or add the file on that day")
        }
        return d
    }
}
