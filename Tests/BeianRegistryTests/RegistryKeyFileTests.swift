import BeianTestSupport
import Foundation
import Testing

/// `beian verify --registry-key` takes the key or a file holding it, as `verify-site` does
/// (issue 25): the key as the regulator publishes it is a file (`registry.pub`).
@Suite(.serialized) struct RegistryKeyFileTests {
    @Test func verifyTakesTheRegistryKeyFromAFile() throws {
        let s = try Scratch()
        let k = try TrustTests.Keys(s)
        try TrustTests.initialize(s, k)
        // As `beian key show` prints it to a file: the key on the first line.
        let pub = k.dir.appendingPathComponent("registry.pub")
        try Data((k.registryPublic + "\n").utf8).write(to: pub)
        var r = try CLI.run(["verify", "--registry", ".", "--registry-key", pub.path], cwd: s.root)
        #expect(r.status == 0, "the pinned key read from the file\n\(r.stdout)\(r.stderr)")

        // A file holding another registry's key: the registry is not the one pinned.
        let stranger = try CLI.run(["key", "show", k.stranger, "--json"], cwd: s.root)
        let strangerKey = try #require((try JSONSerialization.jsonObject(with: Data(stranger.stdout.utf8)) as? [String: String])?["publicKey"])
        let other = k.dir.appendingPathComponent("other.pub")
        try Data((strangerKey + "\n").utf8).write(to: other)
        r = try CLI.run(["verify", "--registry", ".", "--registry-key", other.path], cwd: s.root)
        #expect(r.status == 2 && r.stdout.contains("error[S713]"), "\(r.stdout)\(r.stderr)")

        // Neither a key nor a file holding one: a located diagnostic (K965), as verify-site says it.
        let junk = k.dir.appendingPathComponent("junk.pub")
        try Data("not a key\n".utf8).write(to: junk)
        for given in [junk.path, "not-a-key"] {
            for command in [["verify", "--registry", "."], ["verify-site", "site"]] {
                r = try CLI.run(command + ["--registry-key", given], cwd: s.root)
                #expect(r.status == 2, "\(command[0]) \(given)\n\(r.stdout)\(r.stderr)")
                #expect(r.stdout.contains("\(given):1:1: error[K965]: registry-key (登记簿公钥 / registry key): '\(given)' is neither a public key nor a file holding one"),
                        "\(command[0]) \(given)\n\(r.stdout)\(r.stderr)")
            }
        }
    }
}
