import BeianCLI
import Foundation
import Testing

/// What a release relies on (SPEC §14, docs/release.md), through the real binary: `--version`,
/// and the signed SHA256SUMS — `sign-note` with a release key only, `verify-note` printing
/// exactly the signed text and refusing any change. The released binary itself (static Swift
/// library, no toolchain, the commit baked in) is Tests/release/check-release.sh's.
@Suite struct ReleaseCommandsTests {
    static let sums = """
        3f1c5a0e9d7b2468ace013579bdf2468ace013579bdf2468ace013579bdf2468  beian-0.3.0-linux-x86_64
        0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9  beian-0.3.0-linux-x86_64.tar.gz

        """

    /// `beian 0.3.0 (commit …)`: the number from Version.swift; the commit given at build time,
    /// or "unknown" for a plain `swift build` (what the tests run).
    @Test func versionNamesTheNumberAndTheCommit() throws {
        let r = try Beian.run(["--version"])
        #expect(r.status == 0, "\(r)")
        let line = r.stdout.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("beian \(BeianVersion.number) (commit "), "\(r)")
        #expect(line.range(of: #"^beian [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{7,40}(-dirty)?|unknown)\)$"#, options: .regularExpression) != nil, "\(r)")
    }

    /// The demo release key signs; the note verifies with its public key and prints the text
    /// alone on stdout (for `| sha256sum -c`); one changed byte, another key, or a registry key
    /// signing are refused with a located diagnostic and nothing on stdout.
    @Test func aReleaseKeySignsAndTheNoteVerifies() throws {
        let s = try Scratch()
        try s.write(Self.sums, to: "SHA256SUMS")
        let key = s.path("release.key")
        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("demo-keys/release.key"), to: key)
        #expect(chmod(key.path, 0o600) == 0)
        let pub = Beian.packageRoot.appendingPathComponent("demo-keys/release.pub").path

        var r = try Beian.run(["sign-note", "SHA256SUMS", "--key", "release.key", "--out", "SHA256SUMS.note"], in: s.url)
        #expect(r.status == 0 && r.stdout.isEmpty, "\(r)")
        let note = try s.read("SHA256SUMS.note")
        let publicKey = try String(contentsOfFile: pub, encoding: .utf8).trimmingCharacters(in: .newlines)
        let name = String(publicKey.prefix { $0 != "+" })
        #expect(note.hasPrefix(Self.sums + "\n\u{2014} \(name) "), "\(note)")

        r = try Beian.run(["verify-note", "SHA256SUMS.note", "--key", pub], in: s.url)
        #expect(r.status == 0 && r.stdout == Self.sums, "\(r)")
        #expect(r.stderr.contains("valid signature by \(name)"), "\(r)")
        r = try Beian.run(["verify-note", "SHA256SUMS.note", "--key", publicKey], in: s.url)
        #expect(r.status == 0 && r.stdout == Self.sums, "the key itself as well as a file: \(r)")

        // One hex digit changed after signing.
        try s.write(note.replacingOccurrences(of: "3f1c5a0e", with: "3f1c5a0f"), to: "forged.note")
        r = try Beian.run(["verify-note", "forged.note", "--key", pub], in: s.url)
        #expect(r.status == 2 && r.stdout.isEmpty, "\(r)")
        #expect(r.stderr.hasPrefix("forged.note:1:1: error[K966]: the signature by \(name) does not match the text"), "\(r)")
        // Another signer's key.
        r = try Beian.run(["verify-note", "SHA256SUMS.note", "--key", Beian.packageRoot.appendingPathComponent("demo-keys/registry.pub").path], in: s.url)
        #expect(r.status == 2 && r.stdout.isEmpty && r.stderr.contains("error[K966]: no signature by demo-registry-NOT-FOR-PRODUCTION"), "\(r)")
        // Not a note at all; not a key at all.
        r = try Beian.run(["verify-note", "SHA256SUMS", "--key", pub], in: s.url)
        #expect(r.status == 2 && r.stdout.isEmpty && r.stderr.contains("error[K966]: not a C2SP signed note"), "\(r)")
        r = try Beian.run(["verify-note", "SHA256SUMS.note", "--key", "nokey"], in: s.url)
        #expect(r.status == 2 && r.stdout.isEmpty && r.stderr.contains("error[K965]"), "\(r)")
    }

    @Test func onlyAReleaseKeySignsAndOnlyANotesText() throws {
        let s = try Scratch()
        try s.write(Self.sums, to: "SHA256SUMS")
        var r = try Beian.run(["key", "new", "registry.key", "--name", "reg", "--kind", "registry"], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["sign-note", "SHA256SUMS", "--key", "registry.key", "--out", "SHA256SUMS.note"], in: s.url)
        #expect(r.status == 2 && r.stderr.hasPrefix("registry.key:1:1: error[K967]: 'registry.key' is a registry key, not a release key"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: s.path("SHA256SUMS.note").path))

        r = try Beian.run(["key", "new", "release.key", "--name", "rel", "--kind", "release"], in: s.url)
        #expect(r.status == 0 && r.stdout.contains("release key 'rel'"), "\(r)")
        for (text, why) in [("a\n\nb\n", "blank line"), ("a\tb\n", "control character U+0009"), ("no newline", "no newline"), ("", "empty")] {
            try s.write(text, to: "bad")
            r = try Beian.run(["sign-note", "bad", "--key", "release.key", "--out", "bad.note"], in: s.url)
            #expect(r.status == 2 && r.stderr.contains("error[K967]") && r.stderr.contains(why), "\(why): \(r)")
        }
        #expect(!FileManager.default.fileExists(atPath: s.path("bad.note").path))
    }
}
