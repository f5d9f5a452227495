import Testing
@testable import BeianModel

/// GB 11643 居民身份证 numbers: 17 digits, a real birth date, check digit from weights mod 11.
@Suite struct IDNumberTests {
    @Test(arguments: ["110108198503072013", "440305199212143320", "11010819900101108X", "110105200002290013"])
    func acceptsValidNumbers(_ number: String) {
        #expect(IDNumber.check(number) == nil)
    }

    @Test func lowercaseXIsAcceptedAndNormalised() {
        #expect(IDNumber.check("11010819900101108x") == nil)
        #expect(IDNumber.normalized("11010819900101108x") == "11010819900101108X")
        #expect(IDNumber.normalized("110108198503072013") == "110108198503072013")
    }

    @Test func completeComputesTheCheckDigit() {
        #expect(IDNumber.complete("11010819850307201") == "110108198503072013")
        #expect(IDNumber.complete("11010819900101108") == "11010819900101108X")
        #expect(IDNumber.complete("1101081990010112") == nil)
        #expect(IDNumber.complete("1101081990010112A") == nil)
    }

    @Test(arguments: [
        ("11010819850307201", IDNumber.Problem.length(17)),
        ("1101081985030720133", .length(19)),
        ("11010819850307201X3", .length(19)),
        ("1101081985O3072013", .character(position: 11)),
        ("X10108198503072013", .character(position: 1)),
        ("110108199902300012", .birthDate("19990230")),   // 30 February
        ("110108190002290012", .birthDate("19000229")),   // 1900 was not a leap year
        ("110108198513012013", .birthDate("19851301")),   // month 13
        ("110108185001012013", .birthDate("18500101")),   // before 1900
        ("110108198503072014", .checkDigit(expected: "3", found: "4")),
        ("110108199001011081", .checkDigit(expected: "X", found: "1")),
    ])
    func reportsEachProblem(_ number: String, _ problem: IDNumber.Problem) {
        #expect(IDNumber.check(number) == problem)
    }

    @Test func leapDayOf2000Exists() {
        #expect(IDNumber.check(IDNumber.complete("11010520000229001")!) == nil)
        #expect(IDNumber.check(IDNumber.complete("11010520010229001")!) == .birthDate("20010229"))
    }
}
