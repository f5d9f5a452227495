import BeianTestSupport
import Foundation
import Testing

/// 应用领域 (`domains`) is selected from a list, checked by `validate` (F204, with the allowed
/// values in the help); 其他 names the domain in `domains_other` (F203 without it), and
/// `domains_other` without 其他 is refused (F204).
@Suite struct DomainChoiceTests {
    static let file = "xc/algorithms/feed/algorithm.yaml"

    func validate(_ domains: String, other: String? = nil) throws -> CLI.Result {
        let s = try Scratch()
        try s.edit(Self.file, replacing: "domains: [新闻资讯]", with: "domains: \(domains)" + (other.map { "\ndomains_other: \($0)" } ?? ""))
        return try CLI.run(["validate", "xc"], cwd: s.root)
    }

    @Test func aDomainOutsideTheListIsRefusedWithTheChoices() throws {
        let r = try validate("[新闻资讯, 区块链]")
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stdout.contains("algorithms/feed/algorithm.yaml:4:17: error[F204]: domains[2] (应用领域 / application domains): '区块链' is not an allowed value"), "\(r.stdout)")
        #expect(r.stdout.contains("allowed: 新闻资讯 | 社交互动 | 电子商务") && r.stdout.contains("| 其他"), "\(r.stdout)")
    }

    @Test func otherNeedsItsFreeText() throws {
        var r = try validate("[其他]")
        #expect(r.status == 1 && r.stdout.contains("error[F203]") && r.stdout.contains("domains_other does not say which domain"), "\(r.stdout)")
        r = try validate("[新闻资讯]", other: "区块链")
        #expect(r.status == 1 && r.stdout.contains("algorithms/feed/algorithm.yaml:5:16: error[F204]") && r.stdout.contains("domains_other is filled but domains does not list 其他"), "\(r.stdout)")
        r = try validate("[新闻资讯, 其他]", other: "区块链")
        #expect(r.status == 0, "\(r.stdout)")
    }
}
