import BeianTrust
import Foundation
import Testing

/// `beian witness init / cosign` through the real binary (SPEC §11): a witness cosigns a
/// checkpoint only if it extends the last one it cosigned, and says where it does not.
@Suite struct WitnessCommandTests {
    static let registry = SigningKey(name: "beian.example.cn/registry", kind: .registry)

    /// Publishes a log of `n` entries into `folder` as a portal would: `checkpoint` (signed by
    /// `key`) and its C2SP tiles beside it. Entries from `forkAt` on differ from the main log's.
    @discardableResult
    static func publish(_ n: Int, in folder: URL, key: SigningKey = registry, forkAt: Int = .max) throws -> String {
        var flat: [UInt8] = []
        for i in 0..<n { flat += Array(MerkleTree.leafHash(Array((i < forkAt ? "entry \(i)" : "forked \(i)").utf8))) }
        for tile in TlogTiles.tiles(leafHashes: flat) {
            let url = folder.appendingPathComponent(tile.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(tile.bytes).write(to: url)
        }
        let note = SignedNote.sign(Checkpoint(origin: key.name, size: n, root: MerkleTree.root(flat: flat), extensions: ["time 2026-12-07T00:00:00Z"]).text, with: key)
        try Data(note.utf8).write(to: folder.appendingPathComponent("checkpoint"))
        return note
    }

    /// A scratch folder with a witness key (`keys/w.key`), the registry's key (`registry.pub`)
    /// and a witness state (`state/`) that follows it; removed at the end.
    final class Setup {
        let url: URL
        var witness = CosignatureKey(name: "-", publicKey: Data())
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("beian-witness-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            let made = try Beian.run(["key", "new", "keys/w.key", "--name", "witness.example.org/w1", "--kind", "witness", "--json"], in: url)
            #expect(made.status == 0, "\(made)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(made.stdout.utf8)) as? [String: String])
            #expect(json["kind"] == "witness")
            witness = try #require(CosignatureKey(json["publicKey"] ?? ""), "a witness key prints its cosignature key (type 0x04)")
            try write(WitnessCommandTests.registry.verifierKey.description + "\n", to: "registry.pub")
            let r = try Beian.run(["witness", "init", "--state", "state", "--log-key", "registry.pub"], in: url)
            #expect(r.status == 0 && r.stdout.contains("now follows the log 'beian.example.cn/registry'"), "\(r)")
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func cosign(_ folder: String, _ extra: [String] = []) throws -> Beian.Run {
            try Beian.run(["witness", "cosign", "\(folder)/checkpoint", "--key", "keys/w.key", "--state", "state"] + extra, in: url)
        }
        func read(_ relative: String) throws -> String { try String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8) }
        func write(_ text: String, to relative: String) throws {
            let file = url.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }

    @Test func cosignsOnlyCheckpointsThatExtendTheLastOne() throws {
        let s = try Setup()
        let dir = s.url
        let n300 = try Self.publish(300, in: dir.appendingPathComponent("a"))
        let n1000 = try Self.publish(1000, in: dir.appendingPathComponent("b"))
        try Self.publish(600, in: dir.appendingPathComponent("smaller"))
        try Self.publish(1000, in: dir.appendingPathComponent("fork-same"), forkAt: 999)
        try Self.publish(1200, in: dir.appendingPathComponent("fork-larger"), forkAt: 500)
        let n1500 = try Self.publish(1500, in: dir.appendingPathComponent("c"))

        // The first checkpoint: nothing to extend yet. The cosigned note goes to stdout.
        var r = try s.cosign("a")
        #expect(r.status == 0 && r.stderr.contains("✓ cosigned a/checkpoint (beian.example.cn/registry, 300 entries; last cosigned -)"), "\(r)")
        #expect(r.stdout.hasPrefix(n300) && r.stdout.hasSuffix("\n"))
        #expect(Cosignature.verify(noteText: r.stdout, key: s.witness).isSuccess)
        #expect(try s.read("state/checkpoint") == n300)

        // Larger, consistent: proved from b's tiles.
        r = try s.cosign("b", ["--out", "b.cosigned"])
        #expect(r.status == 0 && r.stdout.contains("300, consistency proof of"), "\(r)")
        let cosigned = try s.read("b.cosigned")
        #expect(cosigned.hasPrefix(n1000) && Cosignature.verify(noteText: cosigned, key: s.witness).isSuccess)
        #expect(try SignedNote.open(cosigned, verifiedBy: Self.registry.verifierKey).get() == Checkpoint(text: String(n1000.prefix { $0 != "\u{2014}" }.dropLast()))?.text)
        // The same checkpoint again, or with the witness's line already on it: cosigned again.
        #expect(try s.cosign("b").status == 0)

        // Refused, each located, and the state left as it was.
        r = try s.cosign("smaller")
        #expect(r.status == 2 && r.stdout.hasPrefix("smaller/checkpoint:2:1: error[W983]: the checkpoint has 600 entries, fewer than the 1000 of the last one cosigned"), "\(r)")
        r = try s.cosign("fork-same")
        #expect(r.status == 2 && r.stdout.hasPrefix("fork-same/checkpoint:3:1: error[W983]: the checkpoint has the 1000 entries of the last one cosigned but another root"), "\(r)")
        r = try s.cosign("fork-larger")
        #expect(r.status == 2 && r.stdout.hasPrefix("fork-larger/checkpoint:3:1: error[W984]: the checkpoint is not shown to extend the last one cosigned"), "\(r)")
        #expect(r.stdout.contains("the proof does not verify"), "\(r)")
        #expect(try s.read("state/checkpoint") == n1000)

        // Hostile or missing tiles: the tile is named. (The proof from 1000 to 1500 reads
        // tile/0/003, leaves 768…1023, below tile/1/000.p/5.)
        let tile = dir.appendingPathComponent("c/tile/0/003")
        let good = try Data(contentsOf: tile)
        var bad = good
        bad[100] ^= 1
        try bad.write(to: tile)
        r = try s.cosign("c")
        #expect(r.status == 2 && r.stdout.hasPrefix("c/tile/0/003:1:1: error[W984]") && r.stdout.contains("do not lead to the checkpoint's root"), "\(r)")
        try good.prefix(100).write(to: tile)
        r = try s.cosign("c")
        #expect(r.status == 2 && r.stdout.hasPrefix("c/tile/0/003:1:1: error[W984]") && r.stdout.contains("100 bytes, expected 8192"), "\(r)")
        try FileManager.default.removeItem(at: tile)
        try FileManager.default.createSymbolicLink(at: tile, withDestinationURL: dir.appendingPathComponent("b/tile/0/003"))
        r = try s.cosign("c")
        #expect(r.status == 2 && r.stdout.hasPrefix("c/tile/0/003:1:1: error[W984]") && r.stdout.contains("symbolic link"), "\(r)")
        try FileManager.default.removeItem(at: tile)
        r = try s.cosign("c")
        #expect(r.status == 2 && r.stdout.hasPrefix("c/tile/0/003:1:1: error[W984]") && r.stdout.contains("missing"), "\(r)")
        try good.write(to: tile)
        #expect(try s.read("state/checkpoint") == n1000)
        r = try s.cosign("c", ["--json"])
        #expect(r.status == 0, "\(r)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["size"] as? Int == 1500 && json["lastSize"] as? Int == 1000 && (json["proofHashes"] as? Int ?? 0) > 0)
        #expect(Cosignature.verify(noteText: json["note"] as? String ?? "", key: s.witness).isSuccess)
        #expect(try s.read("state/checkpoint") == n1500)
    }

    @Test func refusesCheckpointsKeysAndStatesThatAreNotTheLog() throws {
        let s = try Setup()
        let dir = s.url
        let other = SigningKey(name: "beian.example.cn/registry", kind: .registry)
        try Self.publish(10, in: dir.appendingPathComponent("other"), key: other)
        var r = try s.cosign("other")
        #expect(r.status == 2 && r.stdout.hasPrefix("other/checkpoint:1:1: error[W982]: the checkpoint: no signature by the log's key"), "\(r)")
        let note = try Self.publish(10, in: dir.appendingPathComponent("altered"))
        try s.write(note.replacingOccurrences(of: "\n10\n", with: "\n11\n"), to: "altered/checkpoint")
        r = try s.cosign("altered")
        #expect(r.status == 2 && r.stdout.contains("error[W982]") && r.stdout.contains("does not verify"), "\(r)")
        try s.write("not a note", to: "garbage/checkpoint")
        r = try s.cosign("garbage")
        #expect(r.status == 2 && r.stdout.hasPrefix("garbage/checkpoint:1:1: error[W982]: the checkpoint: not a signed note"), "\(r)")
        r = try s.cosign("missing")
        #expect(r.status == 2 && r.stdout.hasPrefix("missing/checkpoint:1:1: error[W982]: the checkpoint: cannot be read: missing"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("state/checkpoint").path))

        // A key that is not a witness's; a state that was never set up; another log.
        #expect(try Beian.run(["key", "new", "keys/r.key", "--name", "r", "--kind", "registry"], in: dir).status == 0)
        try Self.publish(10, in: dir.appendingPathComponent("ok"))
        r = try Beian.run(["witness", "cosign", "ok/checkpoint", "--key", "keys/r.key", "--state", "state"], in: dir)
        #expect(r.status == 2 && r.stdout.hasPrefix("keys/r.key:1:1: error[K961]: this is a registry key, not a witness key"), "\(r)")
        r = try Beian.run(["witness", "cosign", "ok/checkpoint", "--key", "keys/w.key", "--state", "nowhere"], in: dir)
        #expect(r.status == 2 && r.stdout.hasPrefix("nowhere/log:1:1: error[W981]"), "\(r)")
        r = try Beian.run(["witness", "init", "--state", "state", "--log-key", Self.registry.verifierKey.description], in: dir)
        #expect(r.status == 0 && r.stdout.contains("already follows"), "\(r)")
        r = try Beian.run(["witness", "init", "--state", "state", "--log-key", other.verifierKey.description], in: dir)
        #expect(r.status == 2 && r.stdout.hasPrefix("state/log:2:1: error[W981]: this state folder follows the log"), "\(r)")
        #expect(try s.read("state/log") == "beian witness state v1\nlog-key: \(Self.registry.verifierKey)\n")
        // A state checkpoint altered by hand is not believed.
        try s.write("beian.example.cn/registry\n5\nAAAA\n", to: "state/checkpoint")
        r = try s.cosign("ok")
        #expect(r.status == 2 && r.stdout.hasPrefix("state/checkpoint:1:1: error[W981]"), "\(r)")
    }

    /// Two cosigns cannot race: the second waits for the first's lock, then reads its state.
    @Test func aSecondCosignWaitsForTheLock() throws {
        let s = try Setup()
        let dir = s.url
        let note = try Self.publish(20, in: dir.appendingPathComponent("a"))
        let fd = open(dir.appendingPathComponent("state/.lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let process = Process()
        process.executableURL = try #require(Beian.executable)
        process.arguments = ["witness", "cosign", "a/checkpoint", "--key", "keys/w.key", "--state", "state", "--out", "a.cosigned"]
        process.currentDirectoryURL = dir
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": dir.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(1_500_000)
        #expect(process.isRunning, "the cosign waits while the lock is held")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("state/checkpoint").path))
        flock(fd, LOCK_UN)
        close(fd)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try s.read("state/checkpoint") == note)
        #expect(Cosignature.verify(noteText: try s.read("a.cosigned"), key: s.witness).isSuccess)
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { true } else { false } }
}
