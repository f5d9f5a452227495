import BeianModel
import BeianTemplates
import Testing

/// What a filer sees on the printed page: filled fields, every section, nothing unescaped.
@Suite struct TemplateRendererTests {
    func render(_ kind: TemplateKind, _ input: TemplateInput = Samples.input, algorithm: String? = nil) throws -> String {
        try TemplateRenderer.render(kind, input, algorithm: algorithm)
    }

    @Test func everyKindIsAnA4PrintablePage() throws {
        for kind in TemplateKind.allCases {
            let html = try render(kind, algorithm: kind.needsAlgorithm ? "news-feed" : nil)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), "\(kind)")
            #expect(html.contains("@page {\n  size: A4;"), "\(kind)")
            #expect(html.contains("Noto Serif CJK SC"), "\(kind)")
            #expect(html.contains("<h1>\(kind.title)</h1>") || html.contains("<p class=\"cover-title\">\(kind.title)</p>"), "\(kind)")
            #expect(html.contains("单位（盖章）"), "\(kind)")
        }
    }

    @Test func commitmentLetterNamesTheEntityAndItsCommitments() throws {
        let html = try render(.commitmentLetter)
        #expect(html.contains("国家互联网信息办公室："))
        #expect(html.contains("本单位北京样例科技有限公司（统一社会信用代码：91110108MA0000000A）"))
        #expect(html.contains("真实、准确、完整"))
        #expect(html.contains("落实算法安全主体责任"))
        #expect(html.contains("接受网信部门"))
        #expect(html.contains("在变更之日起十个工作日内办理变更手续"))
        #expect(html.contains("法定代表人：周样例"))
        #expect(html.contains("年　　月　　日"))
    }

    @Test func commitmentLetterCitesDeepSynthesisRulesOnlyForGenerativeAlgorithms() throws {
        #expect(try render(.commitmentLetter).contains("《互联网信息服务深度合成管理规定》"))
        let noGenerator = TemplateInput(entity: Samples.entity, products: Samples.input.products, algorithms: [Samples.feed])
        #expect(try !render(.commitmentLetter, noGenerator).contains("深度合成"))
    }

    @Test func responsibilityReportFillsTheOfficerAndListsTheRules() throws {
        let html = try render(.responsibilityReport)
        #expect(html.contains("<td>林责任</td><td>首席算法安全官</td><td>13800000101</td><td>officer@sample.example.cn</td>"))
        #expect(html.contains("北京市海淀区（110108）"))
        for heading in ["一、算法安全责任人", "二、算法安全机构与人员", "三、算法安全管理制度", "四、算法安全技术保障措施", "五、算法服务概况", "六、其他需要说明的情况"] {
            #expect(html.contains("<h2>\(heading)</h2>"), "\(heading)")
        }
        for rule in ["科技伦理审查制度", "用户注册管理制度", "信息发布审核制度", "数据安全和个人信息保护制度", "反电信网络诈骗制度",
                     "算法安全自评估与安全监测制度", "算法安全事件应急处置制度"] {
            #expect(html.contains(rule), "\(rule)")
        }
        // The overview lists each algorithm; a technical supporter's products print as --.
        #expect(html.contains("<tr><td>样例个性化推荐算法</td><td>个性化推送类</td><td>服务提供者</td><td>样例资讯（APP）、样例网（网站）</td></tr>"))
        #expect(html.contains("<tr><td>样例图像生成合成算法</td><td>生成合成类</td><td>服务技术支持者</td><td>--</td></tr>"))
    }

    @Test func selfAssessmentHasEverySectionFilledFromTheAlgorithm() throws {
        let html = try render(.selfAssessment, algorithm: "news-feed")
        for heading in ["一、算法情况", "二、服务情况", "三、风险研判", "四、风险防控情况", "五、安全评估结论", "六、其他应当说明的情况"] {
            #expect(html.contains("<h2>\(heading)</h2>"), "\(heading)")
        }
        #expect(html.contains("<td colspan=\"3\">样例个性化推荐算法</td>"))
        #expect(html.contains("<td>个性化推送类</td>"))
        #expect(html.contains("<td>服务提供者</td>"))
        #expect(html.contains("<td>新闻资讯、文化娱乐</td>"))
        #expect(html.contains("2021年9月15日"))
        #expect(html.contains("为用户推荐可能感兴趣的资讯。"))
        #expect(html.contains("<li>首页推荐信息流</li>"))
        #expect(html.contains("<p>可能导致信息茧房。</p>"))
        #expect(html.contains("<td>多样性约束。</td>"))
        #expect(html.contains("<td>深度学习排序模型</td>"))
    }

    @Test func selfAssessmentResolvesEachFormOfAppliesTo() throws {
        let html = try render(.selfAssessment, algorithm: "news-feed")
        // product + path: every function under that path, with its navigation steps.
        #expect(html.contains("<td>功能访问路径下全部功能</td><td><p>推荐信息流（打开App → 首页 → 推荐）</p><p>相关阅读（打开App → 首页 → 推荐）</p></td>"))
        // the whole product.
        #expect(html.contains("<td>全部功能</td><td><p>热点榜单（打开网站 → 首页 → 热点榜单）</p></td>"))
        // product + function: that function only.
        #expect(html.contains("<td>指定功能</td><td><p>发表评论（打开App → 资讯详情页 → 评论区）</p></td>"))
    }

    @Test func selfAssessmentOfATechnicalSupporterDescribesItsService() throws {
        let html = try render(.selfAssessment, algorithm: "image-generation")
        #expect(html.contains("服务技术支持者身份"))
        #expect(html.contains("<td>API、SDK</td>"))
        #expect(html.contains("<td>面向企业客户提供接口。</td>"))
        #expect(!html.contains("<th scope=\"col\">应用产品</th>"))
        #expect(html.contains("生成合成内容被用于制作、传播虚假信息的风险"))
    }

    @Test func disclosurePrintsTheFourSectionsFromDisclosureMarkdown() throws {
        let html = try render(.disclosure, algorithm: "news-feed")
        let headings = ["一、算法基本原理", "二、算法运行机制", "三、算法应用场景", "四、算法目的意图", "五、算法公示情况"]
        let positions = headings.map { html.range(of: "<h2>\($0)</h2>")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(html.contains("<p>根据用户兴趣推荐资讯。</p>"))
        #expect(html.contains("<li>用户可关闭个性化推荐</li>"))
        #expect(html.contains("<p>已在 App 内公示。</p>"))
        #expect(!html.contains("拟公示内容</h1>\n<h1>"), "the Markdown title is not printed twice")
        #expect(html.contains("<td colspan=\"3\">样例资讯（APP）、样例网（网站）</td>"))
    }

    @Test func aSectionWithOnlyThePromptIsLeftToWriteIn() throws {
        let html = try render(.disclosure, algorithm: "news-feed")
        let scenario = try #require(html.range(of: "<h2>三、算法应用场景</h2>"))
        let next = try #require(html.range(of: "<h2>四、算法目的意图</h2>"))
        let body = html[scenario.upperBound..<next.lowerBound]
        #expect(body.contains("<div class=\"lines\">"))
        #expect(!body.contains("说明算法用在哪些产品"))
        #expect(!body.contains("raw HTML omitted"))
    }

    @Test func blankFieldsPrintAsLinesAndNeverBorrowAnotherField() throws {
        var entity = Samples.entity
        entity.creditCode = ""
        entity.securityOfficer = Person()
        var feed = Samples.feed
        feed.purpose = ""
        let input = TemplateInput(entity: entity, products: Samples.input.products, algorithms: [feed])
        let letter = try render(.commitmentLetter, input)
        #expect(letter.contains("（统一社会信用代码：<span class=\"blank wide\"></span>）"))
        let report = try render(.responsibilityReport, input)
        #expect(report.contains("<tr><td></td><td></td><td></td><td></td></tr>"))
        #expect(report.contains("由本单位<span class=\"blank\"></span>担任"))
        let assessment = try render(.selfAssessment, input, algorithm: "news-feed")
        #expect(assessment.contains("<th class=\"row\" scope=\"row\">主要用途</th><td colspan=\"3\"></td>"))
    }

    @Test func filerTextIsEscapedInEveryKind() throws {
        let hostile = "<script>alert(\"x\")</script>&'"
        var entity = Samples.entity
        entity.name = hostile
        entity.securityOfficer.title = hostile
        var feed = Samples.feed
        feed.name = "<img src=x onerror=alert(1)>"
        feed.purpose = hostile
        feed.scenarios = [hostile]
        feed.disclosure = "## 算法基本原理\n\n<script>alert(1)</script>\n\n正文 <b onclick=\"x()\">粗体</b>\n\n[链接](javascript:alert(1))\n"
        var app = Samples.app
        app.name = "</td><script>"
        app.paths[0].steps = ["<iframe>"]
        let input = TemplateInput(entity: entity, products: [app, Samples.site], algorithms: [feed])
        for kind in TemplateKind.allCases {
            let html = try render(kind, input, algorithm: kind.needsAlgorithm ? "news-feed" : nil)
            #expect(!html.contains("<script"), "\(kind)")
            #expect(!html.contains("<img"), "\(kind)")
            #expect(!html.contains("<iframe"), "\(kind)")
            #expect(!html.contains("onclick"), "\(kind)")
            #expect(!html.contains("javascript:"), "\(kind)")
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"), "\(kind)")
        }
        let assessment = try render(.selfAssessment, input, algorithm: "news-feed")
        #expect(assessment.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(assessment.contains("&lt;/td&gt;&lt;script&gt;（APP）"))
        #expect(assessment.contains("&lt;iframe&gt;"))
    }

    @Test func perAlgorithmKindsNeedAnExistingAlgorithm() {
        #expect(throws: TemplateError.algorithmRequired(.selfAssessment)) {
            try TemplateRenderer.render(.selfAssessment, Samples.input)
        }
        #expect(throws: TemplateError.algorithmRequired(.disclosure)) {
            try TemplateRenderer.render(.disclosure, Samples.input)
        }
        #expect(throws: TemplateError.unknownAlgorithm("no-such")) {
            try TemplateRenderer.render(.disclosure, Samples.input, algorithm: "no-such")
        }
    }

    @Test func aDanglingProductIsNamedNotDropped() throws {
        var feed = Samples.feed
        feed.appliesTo = [AppliesTo(product: "gone-app")]
        let html = try render(.selfAssessment, TemplateInput(entity: Samples.entity, products: [], algorithms: [feed]), algorithm: "news-feed")
        #expect(html.contains("gone-app（备案包中未找到该产品）"))
    }

    @Test func anUnfilledScaffoldEntryPrintsNoPhantomProduct() throws {
        var feed = Samples.feed
        feed.appliesTo = [AppliesTo(product: "", path: "", function: "")]
        let html = try render(.selfAssessment, TemplateInput(entity: Samples.entity, products: [], algorithms: [feed]), algorithm: "news-feed")
        #expect(!html.contains("未找到"))
        #expect(html.contains("<tr class=\"write\"><td></td><td></td><td></td></tr>"))
    }
}
