import Foundation
import Testing

/// The tests below run the real binary; this one says clearly when it cannot be found.
@Suite struct ExecutableTests {
    @Test func theBuiltExecutableIsFound() throws {
        let exe = try #require(Beian.executable)
        #expect(exe.lastPathComponent == "beian")
        let run = try Beian.run(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: beian"))
        #expect(run.stdout.contains("Exit codes: 0 ok"))
    }
}
