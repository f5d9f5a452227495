import BeianModel
import Testing

/// The one place a product URL becomes public: its host, and nothing else of it.
@Suite struct ProductHostTests {
    @Test func theHostOnlyLowerCasedWithoutUserinfoPortPathQueryOrFragment() {
        #expect(ProductHost.of("https://PRIV-USER:PRIV-PASS@Shop.Audit.Example.cn:8443/PRIV-PATH/x?token=PRIV#frag") == "shop.audit.example.cn")
        #expect(ProductHost.of("https://app.example.cn/download") == "app.example.cn")
        #expect(ProductHost.of("http://example.cn.") == "example.cn")
        #expect(ProductHost.of("  https://mp.example.cn  ") == "mp.example.cn")
        #expect(ProductHost.of("https://例子.中国/路径") == "例子.中国", "an internationalized name as given")
        #expect(ProductHost.of("https://shop.example.cn?x=1") == "shop.example.cn")
        #expect(ProductHost.of("https://shop.example.cn\\evil.cn/") == "shop.example.cn")
    }

    @Test func noHostForAnythingThatIsNotAName() {
        for url in ["", "https://", "https:///path", "https://<b>x</b>.cn/", "https://a b.cn/", "https://[::1]/", "https://a..b.cn/",
                    "https://\"onerror=x\".cn", "javascript:alert(1)//x.cn"] {
            #expect(ProductHost.of(url) == nil, "\(url)")
        }
    }

    @Test func onlyWebsitesAndAppsPublishAHost() {
        var p = Product(id: "p", name: "商城", form: "网站", url: "https://Shop.Example.cn/a?b")
        #expect(p.publicHost == "shop.example.cn")
        p.form = "APP"
        #expect(p.publicHost == "shop.example.cn")
        p.form = "小程序"
        #expect(p.publicHost == nil)
    }
}
