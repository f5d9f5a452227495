@testable import BeianSearch
import Testing

@Suite struct TokenizerTests {
    func segs(_ s: String) -> [String] {
        Tokenizer.segments(s).map { String(String.UnicodeScalarView($0.map { Unicode.Scalar($0)! })) }
    }

    @Test func chineseTextGivesUnigramsAndOverlappingBigrams() {
        #expect(Set(Tokenizer.terms("网易新闻")) == ["网", "易", "新", "闻", "网易", "易新", "新闻"])
    }

    @Test func oneCharacterNameStillIndexed() {
        #expect(Set(Tokenizer.terms("猫")) == ["猫"])
    }

    @Test func punctuationSplitsSegmentsAndNeverFormsBigrams() {
        #expect(segs("腾讯科技（深圳）有限公司") == ["腾讯科技", "深圳", "有限公司"])
        #expect(segs("网易新闻（APP）、网易网（网站）") == ["网易新闻", "app", "网易网", "网站"])
        #expect(!Tokenizer.terms("科技（深圳").contains("技深"))
        #expect(segs("《算法》“推荐”，用户·画像。") == ["算法", "推荐", "用户", "画像"])
    }

    @Test func latinIsLowerCasedAndFullWidthFolded() {
        #expect(segs("DeepSeek") == ["deepseek"])
        #expect(segs("ＡＰＰ１２３") == ["app123"])
        #expect(segs("Ｂｌｕｅｄ　直播") == ["blued", "直播"])
        #expect(Tokenizer.normalize(0xFF21) == 0x61)
        #expect(Tokenizer.folded("腾讯科技（深圳）有限公司") == Tokenizer.folded("腾讯科技(深圳)有限公司"))
    }

    @Test func digitsAndLettersJoinChineseInOneSegment() {
        // Every substring of ≥ 2 word characters is a run of bigrams, across scripts too.
        #expect(segs("360搜索信息检索算法") == ["360搜索信息检索算法"])
        #expect(Tokenizer.terms("360搜索").contains("0搜"))
        #expect(Tokenizer.terms("TapTap个性化").contains("p个"))
    }

    @Test func ideographicIterationAndZeroAreWordCharacters() {
        #expect(segs("二〇二四年") == ["二〇二四年"])
        #expect(segs("人々") == ["人々"])
    }

    @Test func emojiAndSymbolsAreSeparators() {
        #expect(segs("好物😀推荐★榜单") == ["好物", "推荐", "榜单"])
    }

    @Test func filingNumbersAreFoundWholeOrByPrefix() {
        #expect(Tokenizer.numberQuery("网信算备110108823483902220017号") == "110108823483902220017")
        #expect(Tokenizer.numberQuery("110108823483902220017") == "110108823483902220017")
        #expect(Tokenizer.numberQuery("网信算备1101") == "1101")
        #expect(Tokenizer.numberQuery("１１０１０８") == "110108")
        #expect(Tokenizer.numberQuery(" 4403 ") == "4403")
        #expect(Tokenizer.numberQuery("110") == nil)
        #expect(Tokenizer.numberQuery("网信算备") == nil)
        #expect(Tokenizer.numberQuery("1101a") == nil)
        #expect(Tokenizer.numberQuery(String(repeating: "1", count: 22)) == nil)
    }
}
