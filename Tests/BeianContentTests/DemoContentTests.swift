import BeianContent
import BeianMarkdown
import BeianModel
import Testing

/// The content shipped in the repository loads cleanly and renders what the portal expects.
@Suite struct DemoContentTests {
    let content: SiteContent

    init() throws {
        content = try Fixture.load(Fixture.demoContent)
    }

    @Test func loadsWithoutProblems() {
        #expect(content.diagnostics.isEmpty)
    }

    @Test func siteSettings() throws {
        let site = try #require(content.site)
        #expect(site.title == "算法备案公示平台")
        #expect(site.baseURL == "https://beian.example.cn")
        #expect(site.contact == "service@beian.example.cn")
        #expect(site.footer.hasPrefix("主办单位："))
        #expect(site.description != nil)
        #expect(site.nav == [NavLink(title: "官方备案系统", url: "https://beian.cac.gov.cn", titleEN: "Official filing system")])
        #expect(site.titleEN == "Algorithm Filing Public Portal")
        #expect(site.footerEN?.contains("fictional") == true)
    }

    @Test func announcementsNewestFirstWithOnePinned() {
        #expect(content.announcements.map(\.slug) == [
            "2026-11-10-maintenance", "2026-09-15-open-data", "2026-07-06-attachment-requirements",
            "2026-05-18-filing-list-2026-04", "2026-03-02-platform-launch",
        ])
        #expect(content.pinned.map(\.slug) == ["2026-03-02-platform-launch"])
        #expect(content.announcements.last?.date == CalendarDate("2026-03-02"))
    }

    @Test func tableAnnouncementIsWrappedForPhones() throws {
        let a = try #require(content.announcements.first { $0.slug == "2026-05-18-filing-list-2026-04" })
        #expect(a.html.contains("<div class=\"table-scroll\" role=\"region\" aria-label=\"表格 1\" tabindex=\"0\">\n<table>"))
        #expect(a.html.contains("<td class=\"align-right\"><strong>37</strong></td>"))
    }

    @Test func bareURLBeforeChineseStaysOutOfTheLink() throws {
        let a = try #require(content.announcements.first { $0.slug == "2026-09-15-open-data" })
        #expect(a.html.contains("CSV 文件下载地址为<a href=\"https://beian.example.cn/filings.csv\">https://beian.example.cn/filings.csv</a>，使用"))
        #expect(a.summary == nil)
        #expect(a.excerpt.hasPrefix("为便于社会公众和研究机构使用算法备案公示信息"))
        #expect(a.excerpt.hasSuffix("…"))
        #expect(a.excerpt.count == 120)
    }

    @Test func boldAroundQuotesAndBookTitles() throws {
        let a = try #require(content.announcements.first { $0.slug == "2026-07-06-attachment-requirements" })
        #expect(a.html.contains("<p>这是<strong>“重要”</strong>通知："))
        #expect(a.html.contains("<li><strong>《算法备案承诺书》</strong>与<strong>《落实算法安全主体责任基本情况》</strong>须打印后"))
        #expect(a.excerpt == a.summary)
    }

    @Test func rangesAreNotStruckButDoubleTildeIs() throws {
        let a = try #require(content.announcements.first { $0.slug == "2026-11-10-maintenance" })
        #expect(a.html.contains("维护时间为 <del>9:00~12:00</del> 8:00~11:00，期间"))
    }

    @Test func pagesInNavigationOrderWithHeadingsFromH2() throws {
        #expect(content.pages.map(\.slug) == ["guide", "about"])
        #expect(content.navigationPages.map(\.title) == ["填报指南", "关于"])
        let guide = try #require(content.pages.first)
        #expect(guide.headings.first == Heading(level: 2, text: "第一步：创建备案包", id: "第一步创建备案包"))
        #expect(guide.headings.allSatisfy { $0.level == 2 })
        #expect(guide.html.contains("<h2 id=\"第五步提交\">第五步：提交</h2>"))
        for command in ["beian init", "beian add product", "beian add algorithm", "beian validate", "beian drafts",
                        "beian template", "beian submit", "--attest", "beian status", "beian cancel"] {
            #expect(guide.markdown.contains(command), "the guide explains \(command)")
        }
    }
}
