import BeianModel
import BeianTemplates

/// Small filings built in code, so each test shows the values it prints.
enum Samples {
    static let entity = Entity(
        id: "sample-co", name: "北京样例科技有限公司", creditCode: "91110108MA0000000A", kind: "企业", region: "110108",
        address: "北京市海淀区样例路 1 号", legalRepresentative: Person(name: "周样例", idType: "居民身份证", idNumber: "110108198001010007"),
        securityOfficer: Person(name: "林责任", title: "首席算法安全官", mobile: "13800000101", email: "officer@sample.example.cn"))

    static let app = Product(
        id: "sample-app", name: "样例资讯", form: "APP", url: "https://app.sample.example.cn", status: "运行中", audience: "公众用户",
        paths: [
            AccessPath(id: "home-recommend", steps: ["打开App", "首页", "推荐"], functions: [
                ProductFunction(id: "feed", name: "推荐信息流", description: "首页推荐"),
                ProductFunction(id: "related", name: "相关阅读", description: "详情页底部"),
            ]),
            AccessPath(id: "comments", steps: ["打开App", "资讯详情页", "评论区"], functions: [
                ProductFunction(id: "post-comment", name: "发表评论", description: "发表评论"),
            ]),
        ])

    static let site = Product(
        id: "sample-web", name: "样例网", form: "网站", url: "https://www.sample.example.cn",
        paths: [AccessPath(id: "hot", steps: ["打开网站", "首页", "热点榜单"], functions: [ProductFunction(id: "hot-board", name: "热点榜单")])])

    static let feed = Algorithm(
        id: "news-feed", name: "样例个性化推荐算法", type: "个性化推送类", role: "服务提供者", domains: ["新闻资讯", "文化娱乐"],
        scenarios: ["首页推荐信息流", "相关阅读推荐"], purpose: "为用户推荐可能感兴趣的资讯。", launchedOn: "2021-09-15",
        appliesTo: [AppliesTo(product: "sample-app", path: "home-recommend"), AppliesTo(product: "sample-web"),
                    AppliesTo(product: "sample-app", function: "post-comment")],
        details: ["details.data.sources": "用户行为日志", "details.model.kind": "深度学习排序模型",
                  "details.risks.risks": "可能导致信息茧房。", "details.risks.safeguards": "多样性约束。"],
        disclosure: """
        # 样例个性化推荐算法拟公示内容

        ## 算法基本原理

        根据用户兴趣推荐资讯。

        ## 算法运行机制

        召回、排序、重排。

        - 用户可关闭个性化推荐

        ## 算法应用场景

        <!-- 说明算法用在哪些产品 -->

        ## 算法目的意图

        提高获取信息的效率。

        ## 算法公示情况

        已在 App 内公示。
        """)

    static let generator = Algorithm(
        id: "image-generation", name: "样例图像生成合成算法", type: "生成合成类", role: "服务技术支持者", domains: ["文化创意"],
        scenarios: ["文生图接口"], purpose: "向企业客户提供图像生成接口。", launchedOn: "2023-08-10",
        technicalService: TechnicalService(modes: ["API", "SDK"], description: "面向企业客户提供接口。"))

    static let input = TemplateInput(entity: entity, products: [app, site], algorithms: [feed, generator])
}
