import BeianMarkdown
import Testing

@Test func rendersParagraph() {
    #expect(MarkdownRenderer.html("你好 **世界**") == "<p>你好 <strong>世界</strong></p>\n")
}
