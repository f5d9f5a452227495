import BeianBundle
public import BeianModel

/// The front matter of an announcement as a program writes it (`beian announce batch`): the
/// keys of `ContentSchema.announcement` in its order, each text through `YAMLScalarText` (the
/// one place that quotes YAML). The target that reads `content/announcements/*.md` also
/// writes their front matter, so the format has one owner.
public struct AnnouncementFrontMatter: Sendable, Hashable {
    public var title: String
    /// 发布日期.
    public var date: CalendarDate
    public var summary: String?
    /// `batch:` of a batch announcement.
    public var batch: BatchMark?

    public init(title: String, date: CalendarDate, summary: String? = nil, batch: BatchMark? = nil) {
        self.title = title
        self.date = date
        self.summary = summary
        self.batch = batch
    }

    /// `---`, one line per key (`batch:` nested two spaces), `---`, each line ending in a newline.
    public func rendered() -> String {
        var lines = ["---", "title: " + YAMLScalarText.render(title), "date: \(date)"]
        if let summary { lines.append("summary: " + YAMLScalarText.render(summary)) }
        if let batch {
            lines += ["batch:", "  list: " + YAMLScalarText.render(batch.list.rawValue), "  number: \(batch.number)",
                      "  from: \(batch.from)", "  to: \(batch.to)"]
        }
        lines.append("---")
        return lines.map { $0 + "\n" }.joined()
    }
}
