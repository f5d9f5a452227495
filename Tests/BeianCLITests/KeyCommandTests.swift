import Foundation
import Testing

/// `beian key new / show` through the real binary: exit codes and output are API.
@Suite struct KeyCommandTests {
    @Test func newThenShowPrintTheSamePublicKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-keycli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try Beian.run(["key", "new", "r.key", "--name", "王审", "--kind", "reviewer", "--json"], in: dir)
        #expect(made.status == 0, "\(made)")
        let shown = try Beian.run(["key", "show", "r.key", "--json"], in: dir)
        #expect(shown.status == 0, "\(shown)")
        let a = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: String])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: String])
        #expect(a == b)
        #expect(a["kind"] == "reviewer" && a["name"] == "王审")
        #expect(a["publicKey"]?.hasPrefix("王审+\(a["keyID"]!)+") == true)
        // The private seed is never printed.
        let seed = try String(contentsOf: dir.appendingPathComponent("r.key"), encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("seed: ") }!.dropFirst(6)
        #expect(!made.stdout.contains(seed) && !shown.stdout.contains(seed))

        var r = try Beian.run(["key", "new", "r.key", "--name", "x"], in: dir)
        #expect(r.status == 2 && r.stdout.hasPrefix("r.key:1:1: error[K964]"), "\(r)")
        #expect(chmod(dir.appendingPathComponent("r.key").path, 0o640) == 0)
        r = try Beian.run(["key", "show", "r.key"], in: dir)
        #expect(r.status == 2 && r.stdout.hasPrefix("r.key:1:1: error[K962]: the private key file has mode 640"), "\(r)")
        r = try Beian.run(["key", "new", "bad.key", "--name", "has space"], in: dir)
        #expect(r.status == 64, "\(r)")
    }

    @Test func aKeyInsideABundleIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-keycli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("bundle/keys"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("schema: beian/v1\n".utf8).write(to: dir.appendingPathComponent("bundle/entity.yaml"))
        let r = try Beian.run(["key", "new", "bundle/keys/f.key", "--name", "filer"], in: dir)
        #expect(r.status == 2 && r.stdout.hasPrefix("bundle/keys/f.key:1:1: error[K963]"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bundle/keys/f.key").path))
    }

    /// `~/.beian/keys/`, the place K963's help recommends, is accepted (before: `~/.beian` was
    /// taken for a bundle's tool folder and the home folder for a bundle, so the README's
    /// `beian key new ~/.beian/keys/wang.key` failed with K963). A real bundle's `.beian` still is not.
    @Test func theRecommendedKeyFolderUnderHomeIsAccepted() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("beian-keyhome-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("home"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let home = ["HOME": dir.appendingPathComponent("home").path]
        var r = try Beian.run(["key", "new", "home/.beian/keys/wang.key", "--name", "王审", "--kind", "reviewer"], in: dir, env: home)
        #expect(r.status == 0, "the folder is made, private: \(r)")
        var st = stat()
        #expect(stat(dir.appendingPathComponent("home/.beian/keys").path, &st) == 0 && st.st_mode & 0o777 == 0o700)
        r = try Beian.run(["key", "show", "home/.beian/keys/wang.key"], in: dir, env: home)
        #expect(r.status == 0, "\(r)")
        // Elsewhere a `.beian` folder still marks a bundle.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("b/.beian/keys"), withIntermediateDirectories: true)
        r = try Beian.run(["key", "new", "b/.beian/keys/f.key", "--name", "filer"], in: dir, env: home)
        #expect(r.status == 2 && r.stdout.contains("error[K963]"), "\(r)")
    }
}
