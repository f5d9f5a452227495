import BeianDiagnostics
import BeianTestSupport
import BeianTrust
import Foundation
import Testing

/// Keys (SPEC §7): files written 0600 and never over another file or inside a bundle or
/// registry; read back only when private; verifier keys in the C2SP `name+id+base64` form.
@Suite struct KeyFileTests {
    let dir: URL

    init() throws {
        dir = ScratchFolders.register(FileManager.default.temporaryDirectory.appendingPathComponent("beian-keys-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    @Test func writesPrivatelyAndReadsBackTheSameKey() throws {
        let key = SigningKey(name: "王审", kind: .reviewer)
        try KeyFile.write(key, to: path("r.key")).get()
        var st = stat()
        #expect(stat(path("r.key"), &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600)
        let back = try KeyFile.read(path("r.key")).get()
        #expect(back.verifierKey == key.verifierKey)
        #expect(back.kind == .reviewer)
        let message = Data("网信算备110108823483902220017号".utf8)
        #expect(back.verifierKey.isValidSignature(key.sign(message), for: message))
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["r.key"])
    }

    @Test func neverOverwritesAKeyOrAnyFile() throws {
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path("taken")))
        let d = try #require(KeyFile.write(SigningKey(name: "a", kind: .filer), to: path("taken")).failure)
        #expect(d.code == .keyExists)
        #expect(try String(contentsOfFile: path("taken"), encoding: .utf8) == "precious")
    }

    @Test(arguments: ["entity.yaml", ".beian", ".beian-registry"])
    func refusesAPlaceInsideABundleOrRegistry(_ marker: String) throws {
        let holder = dir.appendingPathComponent("holder")
        try FileManager.default.createDirectory(at: holder.appendingPathComponent("keys"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: holder.appendingPathComponent(marker).path, contents: Data())
        let file = holder.appendingPathComponent("keys/k.key").path
        let d = try #require(KeyFile.write(SigningKey(name: "a", kind: .filer), to: file).failure)
        #expect(d.code == .keyMisplaced)
        #expect(!FileManager.default.fileExists(atPath: file))
        // A key moved there afterwards is refused on read too.
        try FileManager.default.removeItem(atPath: holder.appendingPathComponent(marker).path)
        try KeyFile.write(SigningKey(name: "a", kind: .filer), to: file).get()
        FileManager.default.createFile(atPath: holder.appendingPathComponent(marker).path, contents: Data())
        #expect(KeyFile.read(file).failure?.code == .keyMisplaced)
    }

    @Test func refusesLoosePermissionsAndLinks() throws {
        try KeyFile.write(SigningKey(name: "a", kind: .filer), to: path("a.key")).get()
        #expect(chmod(path("a.key"), 0o644) == 0)
        let d = try #require(KeyFile.read(path("a.key")).failure)
        #expect(d.code == .keyExposed)
        #expect(d.message.en.contains("644") && d.help.en.contains("chmod 600"))
        #expect(chmod(path("a.key"), 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: path("link.key"), withDestinationPath: path("a.key"))
        #expect(KeyFile.read(path("link.key")).failure?.code == .keyInvalid)
        #expect(KeyFile.read(path("nothing.key")).failure?.code == .keyInvalid)
    }

    @Test func aDamagedKeyFileIsLocated() throws {
        let key = SigningKey(name: "a", kind: .registry)
        var lines = key.fileText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(KeyFile.parse(key.fileText, path: "k").success?.verifierKey == key.verifierKey)
        lines[3] = "seed: AAAA"
        #expect(KeyFile.parse(lines.joined(separator: "\n"), path: "k").failure?.location == SourceLocation(path: "k", line: 4))
        lines = key.fileText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[4] = "public: " + SigningKey(name: "a", kind: .registry).verifierKey.description
        #expect(KeyFile.parse(lines.joined(separator: "\n"), path: "k").failure?.location.line == 5)
        lines[2] = "kind: boss"
        #expect(KeyFile.parse(lines.joined(separator: "\n"), path: "k").failure?.location.line == 3)
        #expect(KeyFile.parse("hello\n", path: "k").failure?.code == .keyInvalid)
    }

    @Test func verifierKeysRoundTripAndRejectTampering() throws {
        let v = SigningKey(name: "beian-registry", kind: .registry).verifierKey
        let text = v.description
        #expect(text.hasPrefix("beian-registry+" + v.keyID + "+"))
        #expect(VerifierKey(text) == v)
        // The id binds the name and the key: change either and the key no longer parses.
        #expect(VerifierKey(text.replacingOccurrences(of: "beian-registry+", with: "beian-registrx+")) == nil)
        var raw = Data(base64Encoded: String(text.split(separator: "+", maxSplits: 2)[2]))!
        raw[5] ^= 0x01
        #expect(VerifierKey("beian-registry+\(v.keyID)+\(raw.base64EncodedString())") == nil)
        for bad in ["", "a+b", "a b+12345678+AAAA", "name+1234567+AAAA", "name+12345678+not base64"] {
            #expect(VerifierKey(bad) == nil, "\(bad)")
        }
    }

    /// Known-answer: C2SP's example verifier key (from the signed-note spec) parses and its
    /// key id is recomputed exactly, so another implementation reads beian's keys the same way.
    @Test func readsTheSignedNoteSpecExampleKey() throws {
        let example = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
        let v = try #require(VerifierKey(example))
        #expect(v.name == "PeterNeumann" && v.keyID == "c74f20a3" && v.description == example)
    }
}

extension Result {
    var failure: Failure? { if case .failure(let f) = self { f } else { nil } }
    var success: Success? { if case .success(let s) = self { s } else { nil } }
}
