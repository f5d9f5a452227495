import BeianStore
import Testing

/// `PathText.parent`, which replaces `NSString.deletingLastPathComponent` (it traps on "b").
@Suite struct PathTextTests {
    @Test(arguments: [("b", ""), ("xc", ""), ("a/b", "a"), ("a/b/", "a"), ("/b", "/"), ("/", "/"), ("./b", "."),
                      ("bundles//b", "bundles"), ("../x/y", "../x"), ("", "")])
    func parent(_ path: String, _ expected: String) {
        #expect(PathText.parent(path) == expected)
    }
}
