import BeianModel
import Testing

/// The site's base path, the one derivation `build`, `serve`, `announce` and the search index share.
@Suite struct BasePathTests {
    @Test func theBaseURLsPathEndsInASlash() {
        #expect(BasePath(baseURL: "https://beian.example.gov.cn").path == "/")
        #expect(BasePath(baseURL: "https://beian.example.gov.cn/").path == "/")
        #expect(BasePath(baseURL: "https://example.org/beian").path == "/beian/")
        #expect(BasePath(baseURL: "https://example.org/beian/").path == "/beian/")
        #expect(BasePath(baseURL: "http://127.0.0.1:8080/").path == "/")
        #expect(BasePath(baseURL: "").path == "/")
    }

    @Test func pathsJoinBelowIt() {
        #expect(BasePath(baseURL: "https://example.org/beian").joined("files/batch-1.csv") == "/beian/files/batch-1.csv")
        #expect(BasePath(path: "").joined("search/") == "/search/")
        #expect(BasePath(path: "/sub").description == "/sub/")
    }
}
