import Foundation
import Testing

/// `beian form` through the real binary: what it refuses before serving anything (the form
/// itself is Tests/BeianFormTests and Tests/browser/check_form.py).
@Suite struct FormCommandTests {
    @Test func refusesBadStartsWithoutServing() throws {
        let s = try Scratch()
        try s.write("x\n", to: "taken/file.txt")
        var r = try Beian.run(["form", "--new", "taken", "--lang", "en"], in: s.url)
        #expect(r.status == 1 && r.stderr.contains("exists and is not empty"), "\(r)")
        r = try Beian.run(["form", "--new", "Not_An_Id", "--lang", "en"], in: s.url)
        #expect(r.status == 1 && r.stderr.contains("cannot be an id"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: s.path("Not_An_Id").path))
        r = try Beian.run(["form", "--lang", "en"], in: s.url)
        #expect(r.status == 64, "\(r)")
        r = try Beian.run(["form", "nowhere", "--lang", "en"], in: s.url)
        #expect(r.status == 2 && r.stdout.isEmpty, "\(r)")
        r = try Beian.run(["form", "taken", "--key", "k", "--lang", "en"], in: s.url)
        #expect(r.status == 64, "\(r)")
    }
}
