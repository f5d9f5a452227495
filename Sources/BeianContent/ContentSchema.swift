public import BeianBundle
import BeianModel

/// The keys of `site.yaml` and of the front matter of announcements and pages, checked by the
/// same `SchemaChecker` as bundle files.
public enum ContentSchema {
    /// `content/site.yaml`.
    public static let site: [FieldSpec] = [
        FieldSpec("title", "站点标题", "site title", .text(min: 2, max: 60), hint: "如 算法备案公示平台"),
        FieldSpec("base_url", "站点地址", "base URL", .url, hint: "发布后的地址，以 https:// 开头"),
        FieldSpec("description", "站点简介", "site description", .paragraph(max: 200), required: false,
                  hint: "可选，搜索引擎与订阅显示的简介"),
        FieldSpec("footer", "页脚", "footer", .paragraph(max: 500), hint: "主办单位、ICP 备案号等"),
        FieldSpec("contact", "联系邮箱", "contact email", .email, required: false, hint: "可选，公众咨询用的电子邮箱"),
        FieldSpec("title_en", "英文站点标题", "site title in English", .text(min: 2, max: 80), required: false,
                  hint: "可选，英文页面（/en/）的站点标题；不填则显示中文标题"),
        FieldSpec("description_en", "英文站点简介", "site description in English", .paragraph(max: 300), required: false,
                  hint: "可选，英文页面的站点简介"),
        FieldSpec("footer_en", "英文页脚", "footer in English", .paragraph(max: 700), required: false,
                  hint: "可选，英文页面的页脚；不填则显示中文页脚"),
        FieldSpec("nav", "导航链接", "navigation links", .objectList([
            FieldSpec("title", "链接文字", "link text", .text(min: 1, max: 20), hint: "导航栏上显示的文字"),
            FieldSpec("title_en", "英文链接文字", "link text in English", .text(min: 1, max: 40), required: false,
                      hint: "可选，英文页面导航栏上显示的文字"),
            FieldSpec("url", "链接地址", "link address", .text(min: 1, max: 300),
                      hint: "站内路径如 /list/，或以 https:// 开头的地址"),
        ], minCount: 0), required: false, hint: "可选，附加在页面导航之后"),
    ]

    /// The front matter of `content/announcements/*.md`.
    public static let announcement: [FieldSpec] = [
        FieldSpec("title", "公告标题", "announcement title", .text(min: 2, max: 100), hint: "公告标题"),
        FieldSpec("date", "发布日期", "publication date", .date, hint: "YYYY-MM-DD"),
        FieldSpec("summary", "摘要", "summary", .paragraph(max: 200), required: false,
                  hint: "可选，列表和订阅中显示；不填则取正文开头"),
        FieldSpec("pinned", "置顶", "pinned", .boolean, required: false, hint: "可选，true 表示置顶"),
        FieldSpec("batch", "备案批次", "filing batch", .object(batch), required: false,
                  hint: "可选，beian announce batch 写入：批次公告的清单、批次号与期间"),
    ]

    /// `batch:` in an announcement's front matter: which published list, which 第N批, which
    /// period (written by `beian announce batch`, read back to number the next batch).
    public static let batch: [FieldSpec] = [
        FieldSpec("list", "清单类别", "list", .choice(BatchList.allCases.map(\.rawValue)), hint: "algorithm | deep-synthesis"),
        FieldSpec("number", "批次号", "batch number", .integer(min: 1, max: 9999), hint: "第N批的 N"),
        FieldSpec("from", "期间起", "period start", .date, hint: "YYYY-MM-DD"),
        FieldSpec("to", "期间止", "period end", .date, hint: "YYYY-MM-DD"),
    ]

    /// The front matter of `content/pages/*.md`.
    public static let page: [FieldSpec] = [
        FieldSpec("title", "页面标题", "page title", .text(min: 1, max: 60), hint: "页面标题"),
        FieldSpec("nav_order", "导航顺序", "navigation order", .integer(min: 1, max: 99), required: false,
                  hint: "可选，填写后出现在导航栏，数字小的在前"),
    ]

    /// The front matter of `content/announcements/<slug>.en.md`, the English version of
    /// `<slug>.md`: only what is translated. `date` and `pinned` are the Chinese file's, so any
    /// other key is an error (it would be silently ignored otherwise).
    public static let announcementTranslation: [FieldSpec] = [
        FieldSpec("title", "英文公告标题", "announcement title in English", .text(min: 2, max: 200),
                  hint: "英文页面（/en/）显示的公告标题"),
        FieldSpec("summary", "英文摘要", "summary in English", .paragraph(max: 500), required: false,
                  hint: "可选，英文列表中显示；不填则取英文正文开头"),
    ]

    /// The front matter of `content/pages/<slug>.en.md`: the title only (`nav_order` is the
    /// Chinese file's).
    public static let pageTranslation: [FieldSpec] = [
        FieldSpec("title", "英文页面标题", "page title in English", .text(min: 1, max: 120),
                  hint: "英文页面（/en/）显示的页面标题"),
    ]
}
