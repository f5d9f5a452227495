import BeianModel
@testable import BeianSearch
import Foundation
import Testing

/// Lookup by what people meet (SPEC §13): a website's domain, or any part of a product's name,
/// finds the filing; the result record carries the hosts after the products, so the client
/// checks and shows them with no code of its own.
@Suite struct ProductLookupTests {
    /// The 342 real rows, the first of them given a product with a website host.
    static let filings: [PublicFiling] = {
        var out = FixtureFilings.all
        out[0].products = ["审计商城在线（网站）"] + out[0].products
        out[0].hosts = ["shop.audit.example.cn"]
        return out
    }()
    static let files = try! SearchIndex.build(filings, basePath: "/")
    static let reader = try! IndexReader(files)
    static var id: Int { SearchDocument.order(filings).firstIndex { $0.filing.number == filings[0].number }! }

    @Test func aDomainFindsItsFiling() {
        #expect(Self.reader.nameCandidates("shop.audit.example.cn").contains(Self.id))
        #expect(Self.reader.nameCandidates("SHOP.AUDIT.EXAMPLE.CN").contains(Self.id), "case-folded")
        #expect(Self.reader.nameCandidates("audit.example").contains(Self.id), "part of a domain")
        #expect(!Self.reader.nameCandidates("shop.audit.example.cn").contains((Self.id + 1) % Self.filings.count))
    }

    @Test func everySubstringOfAProductNameFindsItsFiling() {
        let chars = Array("审计商城在线")
        for length in 2...chars.count {
            for start in 0...(chars.count - length) {
                let sub = String(chars[start..<start + length])
                #expect(Self.reader.nameCandidates(sub).contains(Self.id), "\(sub)")
            }
        }
    }

    @Test func theResultRecordCarriesTheHosts() throws {
        let chunk = Self.reader.manifest["chunk"] as! Int
        let at = Self.reader.offset + Self.id
        let records = try #require(Self.reader.json("d/\(at / chunk).json") as? [Any])
        let record = try #require(records[at % chunk] as? [Any])
        // [.., products and then hosts, joined with 、, ..]: what the client checks and shows.
        #expect(record[7] as? String == (Self.filings[0].products + ["shop.audit.example.cn"]).joined(separator: "、"))
    }
}
