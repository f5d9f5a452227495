import Testing
@testable import BeianModel

/// GB/T 2260 lookups behind 注册地 and the first six digits of every 备案编号.
@Suite struct RegionTests {
    @Test(arguments: [
        ("110108", "海淀区", "北京市", "北京市海淀区"),
        ("440305", "南山区", "广东省", "广东省深圳市南山区"),
        ("441901", "东莞市", "广东省", "广东省东莞市"),   // a city without districts
        ("110000", "北京市", "北京市", "北京市"),
        ("810000", "香港特别行政区", "香港特别行政区", "香港特别行政区"),
    ])
    func knownDivisions(_ code: String, _ name: String, _ province: String, _ display: String) {
        #expect(Region.isValid(code))
        #expect(Region.name(of: code) == name)
        #expect(Region.provinceName(of: code) == province)
        #expect(Region.displayName(of: code) == display)
    }

    @Test(arguments: ["110199", "999999", "11010", "1101080", "11O108", "１１０１０８", "", " 110108"])
    func unknownOrMalformedCodes(_ code: String) {
        #expect(!Region.isValid(code))
        #expect(Region.displayName(of: code) == nil)
    }

    @Test func provinceCodeIsTheFirstTwoDigits() {
        #expect(Region.provinceCode(of: "440305") == "440000")
        #expect(Region.provinceCode(of: "4403") == nil)
    }

    /// Every region of a real published number is in the table (filing numbers start with it).
    @Test func everyPublishedRegionIsKnown() {
        let regions = Set(FilingNumberTests.rows.filter(\.checkOK).map(\.region))
        #expect(regions.count > 20)
        let unknown = regions.filter { !Region.isValid($0) }.sorted()
        #expect(unknown.isEmpty, "unknown regions: \(unknown)")
    }

    @Test func tableIsPlausiblyComplete() {
        #expect(Region.names.count > 3_000)
        #expect(Region.names.keys.allSatisfy { $0.utf8.count == 6 && $0.allSatisfy(\.isASCIIDigitChar) })
    }
}
