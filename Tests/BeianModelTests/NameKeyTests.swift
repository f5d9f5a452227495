import BeianModel
import Testing

/// `NameKey`: when two entity names are the same name, and when they only look alike.
@Suite struct NameKeyTests {
    static let original = "海棠Acme出行科技有限公司"

    @Test(arguments: [
        "海棠\u{200B}Acme出行科技有限公司",       // zero-width space
        "海棠Acme出行\u{202E}科技有限公司",       // right-to-left override
        "海棠Acme出行科技有限公司\u{3000}\u{3000}",  // trailing full-width spaces
        "海棠Ａｃｍｅ出行科技有限公司",            // full-width Latin
        " 海棠 ACME 出行科技有限公司\u{FEFF}",      // spaces, case, BOM
        "海棠A\u{00AD}cme出行科技有限公司",        // soft hyphen
    ])
    func variantsHaveTheSameKey(_ variant: String) {
        #expect(NameKey.key(variant) == NameKey.key(Self.original))
        #expect(NameKey.skeleton(variant) == NameKey.skeleton(Self.original))
    }

    @Test(arguments: [
        "海棠\u{0410}cme出行科技有限公司",   // Cyrillic А
        "海棠Acm\u{0435}出行科技有限公司",   // Cyrillic е
        "海棠Acme出行科技有限公\u{53F8}",    // 司 itself: identical, a control case
    ])
    func lookalikesShareTheSkeleton(_ variant: String) {
        #expect(NameKey.skeleton(variant) == NameKey.skeleton(Self.original))
    }

    @Test func lookalikesAreNotTheSameName() {
        #expect(NameKey.key("海棠\u{0410}cme出行科技有限公司") != NameKey.key(Self.original))
        #expect(NameKey.skeleton("〇一科技") == NameKey.skeleton("O-科技"))
        #expect(NameKey.skeleton("ロ工力") == NameKey.skeleton("口エカ"))
    }

    @Test func differentNamesStayDifferent() {
        #expect(NameKey.key("海棠出行科技有限公司") != NameKey.key("海棠出游科技有限公司"))
        #expect(NameKey.skeleton("海棠出行科技有限公司") != NameKey.skeleton("海棠出游科技有限公司"))
        #expect(NameKey.skeleton("Acme") != NameKey.skeleton("Acne"))
    }
}
