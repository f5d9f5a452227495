import Foundation
import Testing

/// A portal whose every byte is signed (SPEC §8, issue 30), through the real CLI: a hostile
/// mirror's change to any file is named (V975), the log's entries, tiles and proofs agree with
/// the head (V976), a head must extend an earlier checkpoint (`--since`, V977), be fresh
/// (`--max-age`, V978) and carry the witnesses' cosignatures (`--witness`, V979), and one filing
/// is checked from its own files (`--filing`).
@Suite(.serialized) struct SignedSiteTests {
    static let filing = VerifySiteTests.filing
    static let cancelled = VerifySiteTests.cancelled

    static func verify(_ site: String, in s: borrowing Scratch, _ more: [String] = [], env: [String: String] = [:]) throws -> (Beian.Run, [[String: Any]]) {
        let r = try Beian.run(["verify-site", site, "--registry-key", VerifySiteTests.registryPub, "--json"] + more, in: s.url, env: env, timeout: 120)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return (r, object?["diagnostics"] as? [[String: Any]] ?? [])
    }

    static func names(_ diagnostics: [[String: Any]], _ code: String, _ path: String) -> Bool {
        diagnostics.contains { d in d["code"] as? String == code && (d["path"] as? String ?? "").hasSuffix("/" + path) }
    }

    /// The first file under `folder` of the site whose name ends with `suffix`.
    static func first(_ site: URL, _ folder: String, suffix: String) throws -> String {
        let names = FileManager.default.enumerator(atPath: site.appendingPathComponent(folder).path)?.compactMap { $0 as? String } ?? []
        return folder + "/" + (try #require(names.sorted().first { $0.hasSuffix(suffix) }, "a \(suffix) under \(folder)"))
    }

    static func append(_ file: URL, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Each change the red team made that the field check could not see — a page the head did
    /// not cover, an asset, a feed, the search index — is now a file the signed list names
    /// differently, or does not name at all.
    @Test func everyChangedOrAddedFileIsNamed() throws {
        let s = try VerifySiteTests.signedDemo()
        let site = s.path("site")
        let lie = "<p class=\"notice-urgent\">紧急通知：此备案已恢复有效，请访问 <a href=\"https://evil.example/\">这里</a></p></body>"
        var changes: [(String, @Sendable (URL) throws -> Void)] = []
        func html(_ path: String) { changes.append((path, { try VerifySiteTests.replace($0.appendingPathComponent(path), "</body>", lie) })) }
        for path in ["index.html", "list/index.html", "en/list/index.html", "entities/index.html", "stats/index.html", "en/index.html",
                     try Self.first(site, "entities", suffix: "/index.html"), try Self.first(site, "announcements", suffix: "/index.html")] {
            html(path)
        }
        changes.append(("assets/style.css", { try Self.append($0.appendingPathComponent("assets/style.css"),
            ".notice-cancelled{display:none}[data-field=\"status\"]{font-size:0}[data-field=\"status\"]::after{content:\"已备案\";font-size:1rem}") }))
        changes.append(("assets/copy.js", { try Self.append($0.appendingPathComponent("assets/copy.js"),
            ";document.querySelectorAll('[data-field=status]').forEach(e=>e.textContent='已备案');") }))
        let feed = try Self.first(site, "feeds", suffix: ".xml"), index = try Self.first(site, "search", suffix: ".json")
        changes.append((feed, { try VerifySiteTests.replace($0.appendingPathComponent(feed), "</feed>", "<entry><title>紧急通知</title><link href=\"https://evil.example/\"/></entry></feed>") }))
        changes.append((index, { try Self.append($0.appendingPathComponent(index), " ") }))
        changes.append(("sitemap.xml", { try VerifySiteTests.replace($0.appendingPathComponent("sitemap.xml"), "</urlset>", "<url><loc>https://evil.example/</loc></url></urlset>") }))
        let page = "filings/\(Self.filing)/index.html"
        changes.append((page, { try VerifySiteTests.replace($0.appendingPathComponent(page), "<meta name=\"description\" content=\"", "<meta name=\"description\" content=\"已恢复有效。") }))
        changes.append((page, { try VerifySiteTests.replace($0.appendingPathComponent(page), "</title>", "（已恢复有效）</title>") }))
        changes.append((page, { try VerifySiteTests.replace($0.appendingPathComponent(page), "https://beian.example.cn/filings/\(Self.filing)/", "https://evil.example/filings/\(Self.filing)/") }))
        // Pages the registry never published, where a reader would take them for filings.
        for fake in ["filings/1101088742878022500170/index.html", "filing/\(Self.filing)/index.html", "filings/\(Self.filing)/extra.html"] {
            changes.append((fake, { root in
                let to = root.appendingPathComponent(fake)
                try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: root.appendingPathComponent(page), to: to)
            }))
        }
        for (n, (path, change)) in changes.enumerated() {
            let copy = "mirror-\(n)"
            try FileManager.default.copyItem(at: site, to: s.path(copy))
            try change(s.path(copy))
            let (r, d) = try Self.verify(copy, in: s)
            #expect(r.status == 2, "\(path): \(r)")
            #expect(Self.names(d, "V975", "\(copy)/\(path)"), "\(path): expected V975, got \(r.stdout)")
        }
        // A removed file is named too, and the untouched site passes.
        try FileManager.default.copyItem(at: site, to: s.path("removed"))
        try FileManager.default.removeItem(at: s.path("removed/stats/index.html"))
        let (r, d) = try Self.verify("removed", in: s)
        #expect(r.status == 2 && Self.names(d, "V975", "removed/stats/index.html") && r.stdout.contains("removed"), "\(r)")
        let (ok, none) = try Self.verify("site", in: s)
        #expect(ok.status == 0 && none.isEmpty, "\(ok)")
    }

    /// The list itself, its shards, the log's entries, tiles and proofs: each is signed through
    /// the checkpoint, and each is checked for what it says.
    @Test func theListAndTheLogCannotBeRewritten() throws {
        let s = try VerifySiteTests.signedDemo()
        let site = s.path("site")
        let shard = try Self.first(site, "transparency/files", suffix: ".txt")
        let cases: [(String, String, @Sendable (URL) throws -> Void)] = [
            ("V975", "transparency/files.txt", { try Self.append($0.appendingPathComponent("transparency/files.txt"), "0000000000000000000000000000000000000000000000000000000000000000 1 evil.html\n") }),
            ("V975", shard, { try Self.append($0.appendingPathComponent(shard), "x") }),
            ("V976", "transparency/tile/entries/000.p/8", { root in
                let file = root.appendingPathComponent("transparency/tile/entries/000.p/8")
                var bytes = [UInt8](try Data(contentsOf: file))
                bytes[30] = bytes[30] == 0x61 ? 0x62 : 0x61
                try Data(bytes).write(to: file) }),
            ("V976", "filings/\(Self.filing)/proof", { try VerifySiteTests.replace($0.appendingPathComponent("filings/\(Self.filing)/proof"), "index ", "index 1") }),
            ("V976", "transparency/records.txt", { root in
                let file = root.appendingPathComponent("transparency/records.txt")
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix(Self.filing) }
                try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file) }),
        ]
        for (n, (code, path, change)) in cases.enumerated() {
            let copy = "log-\(n)"
            try FileManager.default.copyItem(at: site, to: s.path(copy))
            try change(s.path(copy))
            let (r, d) = try Self.verify(copy, in: s)
            #expect(r.status == 2 && Self.names(d, code, "\(copy)/\(path)"), "\(path): expected \(code), got \(r.stdout)")
        }
    }

    /// The log only grows: an approval appends one entry, the new checkpoint provably extends
    /// the old one, and the old one does not extend the new; a log started afresh does not
    /// extend what was published.
    @Test func aCheckpointExtendsEveryEarlierOne() throws {
        let s = try VerifySiteTests.signedDemo()
        let key = s.path("registry.key").path
        try FileManager.default.copyItem(at: s.path("site/transparency/checkpoint"), to: s.path("cp1"))
        try FileManager.default.copyItem(at: s.path("site"), to: s.path("old-site"))
        #expect(try s.read("cp1").contains("\n8\n"))
        var r = try Beian.run(["review", "approve", "bundles/xingchen-tech", "algorithm:hot-ranking", "--key", try Beian.demoReviewerKey()], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["build", "--key", key], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        try FileManager.default.copyItem(at: s.path("site/transparency/checkpoint"), to: s.path("cp2"))
        #expect(try s.read("cp2").contains("\n9\n"), "one entry appended")
        var (v, d) = try Self.verify("site", in: s, ["--since", "cp1"])
        #expect(v.status == 0 && d.isEmpty, "\(v)")
        // One filing, from its own files: its proof is from the first build, still good.
        v = try Beian.run(["verify-site", "site", "--registry-key", VerifySiteTests.registryPub, "--filing", Self.filing], in: s.url)
        #expect(v.status == 0 && v.stdout.contains("filing \(Self.filing): 5 files as signed"), "\(v)")
        #expect(try s.read("site/filings/\(Self.filing)/proof").contains("\nsize 8\n"))
        #expect(try s.read("site/filings/110108874287803250013/proof").contains("index 8\nsize 9\n"))
        // An old site is not newer than what the reader saw.
        (v, d) = try Self.verify("old-site", in: s, ["--since", "cp2"])
        #expect(v.status == 2 && d.contains { $0["code"] as? String == "V977" } && v.stdout.contains("rolled back"), "\(v)")
        // A log started from nothing (the site lost, or forked) does not extend the published one.
        r = try Beian.run(["build", "--key", key, "--out", "fresh"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        (v, d) = try Self.verify("fresh", in: s, ["--since", "cp1"])
        #expect(v.status == 2 && d.contains { $0["code"] as? String == "V977" }, "\(v)")
        // A checkpoint signed by someone else is no anchor.
        try VerifySiteTests.replace(s.path("cp1"), "\n8\n", "\n7\n")
        (v, d) = try Self.verify("site", in: s, ["--since", "cp1"])
        #expect(v.status == 2 && d.contains { $0["code"] as? String == "V977" }, "\(v)")
    }

    /// `--max-age`: a genuinely signed but old site is refused.
    @Test func anOldSiteIsRefusedWhenFreshnessIsAsked() throws {
        let s = try VerifySiteTests.signedDemo()   // signed at Beian.epoch (2026-05-29)
        let later = String(Int(Beian.epoch)! + 3 * 86_400)
        var (v, d) = try Self.verify("site", in: s, ["--max-age", "2d"], env: ["SOURCE_DATE_EPOCH": later])
        #expect(v.status == 2 && d.first?["code"] as? String == "V978", "\(v)")
        (v, d) = try Self.verify("site", in: s, ["--max-age", "4d"], env: ["SOURCE_DATE_EPOCH": later])
        #expect(v.status == 0 && d.isEmpty, "\(v)")
        let r = try Beian.run(["verify-site", "site", "--registry-key", VerifySiteTests.registryPub, "--max-age", "soon"], in: s.url)
        #expect(r.status != 0 && (r.stderr + r.stdout).contains("is not a duration"), "\(r)")
    }

    /// `--filing`: one filing's page, record, badge and proof, each as signed.
    @Test func oneFilingIsCheckedFromItsOwnFiles() throws {
        let s = try VerifySiteTests.signedDemo()
        var v = try Beian.run(["verify-site", "site", "--registry-key", VerifySiteTests.registryPub, "--filing", Self.cancelled], in: s.url)
        #expect(v.status == 0, "\(v)")
        // Its page changed: named as a changed file and as a field that differs.
        try FileManager.default.copyItem(at: s.path("site"), to: s.path("m1"))
        try VerifySiteTests.setField(s.path("m1/filings/\(Self.cancelled)/index.html"), "status", to: "已备案")
        var (r, d) = try Self.verify("m1", in: s, ["--filing", Self.cancelled])
        #expect(r.status == 2 && Self.names(d, "V975", "m1/filings/\(Self.cancelled)/index.html") && Self.names(d, "V973", "m1/filings/\(Self.cancelled)/index.html"), "\(r)")
        // A filing the registry never published.
        (r, d) = try Self.verify("site", in: s, ["--filing", "110108874287899250019"])
        #expect(r.status == 2 && d.contains { $0["code"] as? String == "V972" }, "\(r)")
        // Its proof replaced by another filing's: not this record's entry.
        try FileManager.default.copyItem(at: s.path("site"), to: s.path("m2"))
        try FileManager.default.removeItem(at: s.path("m2/filings/\(Self.cancelled)/proof"))
        try FileManager.default.copyItem(at: s.path("m2/filings/\(Self.filing)/proof"), to: s.path("m2/filings/\(Self.cancelled)/proof"))
        (r, d) = try Self.verify("m2", in: s, ["--filing", Self.cancelled])
        #expect(r.status == 2 && Self.names(d, "V976", "m2/filings/\(Self.cancelled)/proof"), "\(r)")
        v = try Beian.run(["verify-site", "site", "--registry-key", VerifySiteTests.registryPub, "--filing", "12"], in: s.url)
        #expect(v.status == 2, "\(v)")
    }

    /// A witness's private key (demo-keys/, DEMO ONLY) as a private copy.
    static func witnessKey(_ w: String, _ s: borrowing Scratch) throws -> String {
        let key = s.path("witness-\(w).key")
        if FileManager.default.fileExists(atPath: key.path) { return key.path }
        try FileManager.default.copyItem(at: Beian.packageRoot.appendingPathComponent("demo-keys/witness-\(w).key"), to: key)
        chmod(key.path, 0o600)
        return key.path
    }

    static func pub(_ name: String) -> String { Beian.packageRoot.appendingPathComponent("demo-keys/\(name).pub").path }

    /// Has both demo witnesses cosign the site's checkpoint; returns the `--cosignature` flags.
    static func cosign(_ s: borrowing Scratch, site: String = "site") throws -> [String] {
        var flags: [String] = []
        for w in ["a", "b"] {
            var r = try Beian.run(["witness", "init", "--state", "w-\(w)", "--log-key", VerifySiteTests.registryPub], in: s.url)
            #expect(r.status == 0, "\(r)")
            r = try Beian.run(["witness", "cosign", "\(site)/transparency/checkpoint", "--key", try witnessKey(w, s), "--state", "w-\(w)",
                               "--out", "\(w).cosigned"], in: s.url)
            #expect(r.status == 0, "\(r)")
            flags += ["--cosignature", "\(w).cosigned"]
        }
        return flags
    }

    /// Two witnesses: the build attaches their cosignatures to the very checkpoint they
    /// cosigned, readers require them, and a witness refuses a log that does not extend what it
    /// cosigned before.
    @Test func twoWitnessesCosignAndReadersRequireThem() throws {
        let s = try VerifySiteTests.signedDemo()
        let key = s.path("registry.key").path
        let flags = try Self.cosign(s)
        var r = try Beian.run(["build", "--key", key] + flags, in: s.url, timeout: 120)
        #expect(r.status == 0 && r.stdout.contains("(1 written, "), "only the checkpoint changes: \(r)")
        let note = try s.read("site/transparency/checkpoint")
        #expect(note.contains("\n— witness-a-NOT-FOR-PRODUCTION ") && note.contains("\n— witness-b-NOT-FOR-PRODUCTION "), "\(note)")
        var (v, d) = try Self.verify("site", in: s, ["--witness", Self.pub("witness-a"), "--witness", Self.pub("witness-b")])
        #expect(v.status == 0 && d.isEmpty, "\(v)")
        // A witness the checkpoint does not carry.
        (v, d) = try Self.verify("site", in: s, ["--witness", Self.pub("witness-a"), "--witness", "third+00000000+BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])
        #expect(v.status != 0, "\(v)")
        // A cosignature stripped by a mirror.
        try FileManager.default.copyItem(at: s.path("site"), to: s.path("stripped"))
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("witness-b") }
        try Data(lines.joined(separator: "\n").utf8).write(to: s.path("stripped/transparency/checkpoint"))
        (v, d) = try Self.verify("stripped", in: s, ["--witness", Self.pub("witness-a"), "--witness", Self.pub("witness-b")])
        #expect(v.status == 2 && d.contains { $0["code"] as? String == "V979" && ($0["message"] as? String ?? "").contains("witness-b") }, "\(v)")
        // After an approval the old cosignatures are of another checkpoint: the build refuses them.
        r = try Beian.run(["review", "approve", "bundles/xingchen-tech", "algorithm:hot-ranking", "--key", try Beian.demoReviewerKey()], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["build", "--key", key] + flags, in: s.url, timeout: 120)
        #expect(r.status != 0 && r.stderr.contains("cosigns another checkpoint"), "\(r)")
        // Built again, the witnesses cosign the grown log (a consistency proof from the tiles).
        r = try Beian.run(["build", "--key", key], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        let grown = try Self.cosign(s)
        r = try Beian.run(["build", "--key", key] + grown, in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        (v, d) = try Self.verify("site", in: s, ["--witness", Self.pub("witness-a"), "--witness", Self.pub("witness-b")])
        #expect(v.status == 0 && d.isEmpty, "\(v)")
        // A log started afresh (the site lost, or a fork) does not extend what they cosigned.
        r = try Beian.run(["build", "--key", key, "--out", "fork"], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["witness", "cosign", "fork/transparency/checkpoint", "--key", try Self.witnessKey("a", s), "--state", "w-a", "--out", "fork.cosigned"], in: s.url)
        #expect(r.status != 0 && (r.stdout + r.stderr).contains("W98"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: s.path("fork.cosigned").path))
    }

    /// Go's reference code (sumdb/note, sumdb/tlog, crypto/ed25519) checks today's demo
    /// checkpoint, its witnesses' cosignatures, inclusion proofs of its entries and the
    /// consistency with an earlier checkpoint, from the files a CDN would serve.
    @Test(.enabled(if: SignedSiteTests.goAvailable || ProcessInfo.processInfo.environment["CI"] == "true"))
    func goChecksTheDemoCheckpoint() throws {
        let s = try VerifySiteTests.signedDemo()
        let key = s.path("registry.key").path
        try FileManager.default.copyItem(at: s.path("site/transparency/checkpoint"), to: s.path("cp1"))
        var r = try Beian.run(["review", "approve", "bundles/xingchen-tech", "algorithm:hot-ranking", "--key", try Beian.demoReviewerKey()], in: s.url)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["build", "--key", key], in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        r = try Beian.run(["build", "--key", key] + (try Self.cosign(s)), in: s.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        let checker = s.path("go-interop-bin").path
        let built = try Self.shell(["bash", Beian.packageRoot.appendingPathComponent("Tests/go-interop/build.sh").path, checker], in: s.url)
        try #require(built.status == 0, "\(built.out)")
        let registry = try String(contentsOfFile: VerifySiteTests.registryPub, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        for w in ["a", "b"] {
            let witness = try String(contentsOfFile: Self.pub("witness-\(w)"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let go = try Self.shell([checker, "-key", registry, "-checkpoint", s.path("site/transparency/checkpoint").path, "-tiles", s.path("site/transparency").path,
                                     "-index", "0,4,8", "-old", s.path("cp1").path, "-witness", witness], in: s.url)
            #expect(go.status == 0, "\(go.out)")
            #expect(go.out.contains("ok note.Open demo-registry-NOT-FOR-PRODUCTION size 9"), "\(go.out)")
            #expect(go.out.contains("ok CheckTree 8 → 9 "), "\(go.out)")
            #expect(go.out.contains("ok cosignature/v1 witness-\(w)-NOT-FOR-PRODUCTION"), "\(go.out)")
            #expect(go.out.components(separatedBy: "ok CheckRecord ").count - 1 == 3, "\(go.out)")
        }
        // Go reads the log's last entry as beian wrote it: the approved filing and its record's hash.
        let proof = try s.read("site/filings/110108874287803250013/proof")
        #expect(proof.hasPrefix("beian-portal/inclusion/v1\nindex 8\nsize 9\n"), "\(proof)")
    }

    static let goAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/go")
        && FileManager.default.fileExists(atPath: "/usr/share/gocode/src/golang.org/x/mod/sumdb/tlog")

    static func shell(_ args: [String], in dir: URL) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: args[0].hasPrefix("/") ? args[0] : "/usr/bin/env")
        p.arguments = args[0].hasPrefix("/") ? Array(args.dropFirst()) : args
        p.currentDirectoryURL = dir
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
