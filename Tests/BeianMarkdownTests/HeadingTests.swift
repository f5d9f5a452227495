import BeianMarkdown
import Testing

@Suite struct HeadingTests {
    @Test func chineseHeadingKeepsItsTextAsID() {
        #expect(MarkdownRenderer.html("## 算法基本原理") == "<h2 id=\"算法基本原理\">算法基本原理</h2>\n")
    }

    @Test func repeatedHeadingsGetNumberedIDs() {
        #expect(MarkdownRenderer.html("## 说明\n\n## 说明\n\n## 说明") ==
            "<h2 id=\"说明\">说明</h2>\n<h2 id=\"说明-2\">说明</h2>\n<h2 id=\"说明-3\">说明</h2>\n")
    }

    @Test func slugDropsPunctuationAndLowersLatin() {
        #expect(MarkdownRenderer.html("### 第 1 步：运行 `beian init`（初始化）") ==
            "<h3 id=\"第-1-步运行-beian-init初始化\">第 1 步：运行 <code>beian init</code>（初始化）</h3>\n")
    }

    @Test func fullWidthLettersAndDigitsAreNormalised() {
        #expect(MarkdownRenderer.html("## ＡＰＩ　２０２４") == "<h2 id=\"api-2024\">ＡＰＩ　２０２４</h2>\n")
    }

    @Test func punctuationOnlyHeadingStillGetsAnID() {
        #expect(MarkdownRenderer.html("## ！！\n\n## ？") == "<h2 id=\"section\">！！</h2>\n<h2 id=\"section-2\">？</h2>\n")
    }

    @Test func numberedIDNeverCollidesWithALaterHeading() {
        #expect(MarkdownRenderer.render("## a\n\n## a\n\n## a-2").headings.map(\.id) == ["a", "a-2", "a-2-2"])
    }

    @Test func reservedIDsAndPrefix() {
        let options = MarkdownOptions(idPrefix: "", reservedIDs: ["main"])
        #expect(MarkdownRenderer.html("# Main", options: options) == "<h1 id=\"main-2\">Main</h1>\n")
        #expect(MarkdownRenderer.html("# Main", options: MarkdownOptions(idPrefix: "sec-")) == "<h1 id=\"sec-main\">Main</h1>\n")
    }

    @Test func shiftedLevels() {
        let r = MarkdownRenderer.render("# 通知\n\n## 说明\n\n###### 细则", options: MarkdownOptions(headingLevels: .shifted(by: 1)))
        #expect(r.html == "<h2 id=\"通知\">通知</h2>\n<h3 id=\"说明\">说明</h3>\n<h6 id=\"细则\">细则</h6>\n")
    }

    @Test func startingAtKeepsADocumentThatAlreadyStartsThere() {
        let options = MarkdownOptions(headingLevels: .startingAt(2))
        #expect(MarkdownRenderer.html("## 算法基本原理\n\n### 细节", options: options) ==
            "<h2 id=\"算法基本原理\">算法基本原理</h2>\n<h3 id=\"细节\">细节</h3>\n")
        #expect(MarkdownRenderer.html("# 通知\n\n## 说明", options: options) ==
            "<h2 id=\"通知\">通知</h2>\n<h3 id=\"说明\">说明</h3>\n")
    }

    @Test func headingsAreListedForATableOfContents() {
        let r = MarkdownRenderer.render("# 填报指南\n\n正文\n\n## 第一步 **准备**\n\n> ## 引用里的标题\n",
                                        options: MarkdownOptions(headingLevels: .startingAt(2)))
        #expect(r.headings == [
            Heading(level: 2, text: "填报指南", id: "填报指南"),
            Heading(level: 3, text: "第一步 准备", id: "第一步-准备"),
            Heading(level: 3, text: "引用里的标题", id: "引用里的标题"),
        ])
        #expect(r.html == """
        <h2 id="填报指南">填报指南</h2>
        <p>正文</p>
        <h3 id="第一步-准备">第一步 <strong>准备</strong></h3>
        <blockquote>
        <h3 id="引用里的标题">引用里的标题</h3>
        </blockquote>

        """)
    }

    @Test func setextHeadingsToo() {
        #expect(MarkdownRenderer.html("公告\n===") == "<h1 id=\"公告\">公告</h1>\n")
    }
}
