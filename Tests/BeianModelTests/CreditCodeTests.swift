import Testing
@testable import BeianModel

/// GB 32100-2015: 18 characters from `0-9A-HJ-NPQRTUWXY`, check character from weights 3^(i-1) mod 31.
@Suite struct CreditCodeTests {
    /// Codes in the real format (registration authority, kind, region, organisation code, check),
    /// including a check character of `0` (sum ≡ 0) and a letter.
    @Test(arguments: [
        "91110108MA01KXQ3TD",
        "91440300MA5FUWL2X0",
        "12100000400000123X",
        "91110000802100433B",  // 百度在线网络技术（北京）有限公司, as printed on its licence
        "91330100799655058B",  // 网易（杭州）网络有限公司
    ])
    func acceptsValidCodes(_ code: String) {
        #expect(CreditCode.check(code) == nil)
    }

    @Test func completeComputesTheCheckCharacter() {
        #expect(CreditCode.complete("91110108MA01KXQ3T") == "91110108MA01KXQ3TD")
        #expect(CreditCode.complete("91440300MA5FUWL2X") == "91440300MA5FUWL2X0")
        #expect(CreditCode.complete("9111010") == nil)
        #expect(CreditCode.complete("91110108MA01KXQ3I") == nil)
    }

    @Test(arguments: [
        ("91110108MA01KXQ3T", CreditCode.Problem.length(17)),
        ("91110108MA01KXQ3TDD", .length(19)),
        ("", .length(0)),
        ("91110108MA01KXO3TD", .character("O", position: 15)),
        ("91110108MA01KXQ3TI", .character("I", position: 18)),
        ("9111010８MA01KXQ3TD", .character("８", position: 8)),  // full-width digit
        ("91110108ma01kxq3td", .character("m", position: 9)),  // the rule takes upper case only
        ("91110108MA01KXQ3TE", .checkDigit(expected: "D", found: "E")),
        ("91440300MA5FUWL2X1", .checkDigit(expected: "0", found: "1")),
    ])
    func reportsEachProblem(_ code: String, _ problem: CreditCode.Problem) {
        #expect(CreditCode.check(code) == problem)
    }

    /// Every single-character typo of a valid code is caught (the point of a check character).
    @Test func everySingleSubstitutionIsCaught() {
        let valid = Array("91110108MA01KXQ3TD")
        for i in 0..<17 {
            for c in CreditCode.alphabet where c != valid[i] {
                var typo = valid
                typo[i] = c
                #expect(CreditCode.check(String(typo)) != nil, "\(String(typo)) passed")
            }
        }
    }
}
