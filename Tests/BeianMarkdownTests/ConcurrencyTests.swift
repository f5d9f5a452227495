import BeianMarkdown
import Testing

/// The portal renders in parallel. cmark-gfm keeps the extensions' special characters in a
/// process-wide table during parsing; without the renderer's parse lock, about one document
/// in 700 loses its strikethrough or autolinks when four threads parse at once.
@Suite struct ConcurrencyTests {
    static let documents: [String] = (0..<16).map { i in
        """
        # 公告 \(i)

        a ~~b\(i)~~ c www.example\(i).cn d 详见https://x.cn/\(i)。请 **“重要”**

        | 序号 | 名称 |
        |---|---|
        | \(i) | ~~旧~~ www.a.cn |
        """
    }

    @Test func parallelRenderingMatchesSerialRendering() async {
        let expected = Self.documents.map { MarkdownRenderer.render($0) }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var bad = 0
                    for round in 0..<400 {
                        let k = (worker * 7 + round) % Self.documents.count
                        if MarkdownRenderer.render(Self.documents[k]) != expected[k] { bad += 1 }
                    }
                    return bad
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        #expect(expected[3].html.contains("<del>b3</del>"))
        #expect(expected[3].html.contains("<a href=\"http://www.example3.cn\">"))
    }
}
