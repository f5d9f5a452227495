@testable import BeianRegistry
import BeianModel
import Foundation
import Testing

/// `LedgerLine`, the direct reader and writer of ledger lines, against Foundation's coders: it
/// must write exactly what JSONEncoder writes or nothing, and read exactly what JSONDecoder
/// reads or nothing — on every line of the demo registry and on events full of hostile text.
@Suite struct LedgerLineTests {
    static func foundationLine(_ e: LedgerEvent) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try! encoder.encode(e))
    }

    static func foundationEvent(_ line: [UInt8]) -> LedgerEvent? {
        try? JSONDecoder().decode(LedgerEvent.self, from: Data(line))
    }

    /// Every ledger, head and entity-id line of the committed demo registry is read directly,
    /// as JSONDecoder reads it, and written back byte for byte.
    @Test func everyDemoRegistryLineIsReadAndWrittenExactly() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bundles = root.appendingPathComponent("bundles")
        var files = RegistryIndex.bundlePaths(in: bundles.path).map { $0 + "/.beian/ledger.jsonl" }
        files += [".beian-registry/heads.jsonl", ".beian-registry/entities.jsonl"].map { bundles.appendingPathComponent($0).path }
        var lines = 0
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let bytes = Array(line.utf8)
                let fast = try #require(LedgerLine.decode(bytes), "\(file): \(line)")
                #expect(fast == Self.foundationEvent(bytes), "\(file): \(line)")
                #expect(LedgerLine.encode(fast) == bytes, "\(file): \(line)")
                lines += 1
            }
        }
        #expect(lines > 50)
    }

    /// Texts the direct writer writes itself (no escape needed), then texts it leaves to
    /// Foundation.
    static let plainTexts = ["", "plain", "星辰科技有限公司", "我承诺上述填报信息真实有效", "a/b/c", "key+id+AbC/def==", "emoji 👩‍💻", "e\u{301}",
                             "\u{FEFF}bom", "<script>alert(1)</script>", "NBSP\u{A0}", "&amp;", "{json:1}"]
    static let texts = [
        "", "plain", "星辰科技有限公司", "我承诺上述填报信息真实有效", "a/b/c", "key+id+AbC/def==", "quote\"inside", "back\\slash",
        "tab\there", "new\nline", "bell\u{07}", "del\u{7F}", "sep\u{2028}line", "para\u{2029}", "emoji 👩‍💻", "e\u{301}", "\u{FEFF}bom",
        "<script>alert(1)</script>", "zero\u{0}byte", "ctl\u{1F}", "NBSP\u{A0}", "&amp;", "{\"json\":1}",
    ]
    static let paths = ["entity.yaml", "Attachments/B.pdf", "attachments/a.pdf", "algorithms/Feed/disclosure.md", "algorithms/feed/disclosure.md",
                        "attachments/报告.pdf", "attachments/a b.pdf", "attachments/Z.png", "attachments/_x.png", "attachments/a-b.png"]

    /// A random event: each optional field present or not, texts and numbers from hostile pools.
    static func event(_ g: inout SystemRandomNumberGenerator) -> LedgerEvent {
        // Half the events take only plain texts and ASCII paths, so both paths are exercised.
        let plain = Bool.random(using: &g)
        let pool = plain ? plainTexts : plainTexts + texts
        let pathPool = plain ? paths.filter { $0.utf8.allSatisfy { $0 < 0x80 } } : paths
        func text() -> String { pool.randomElement(using: &g)! + (Bool.random(using: &g) ? "" : pool.randomElement(using: &g)!) }
        func maybe() -> String? { Bool.random(using: &g) ? text() : nil }
        func number() -> Int { [0, 1, 7, 12_345, -1, Int(Int32.max), Int.max, Int.min].randomElement(using: &g)! }
        let actions: [LedgerEvent.Action] = [.submit, .record, .approve, .reject, .cancelRequest, .assignEntityID, .importRecord, .head, .adopt, .bindKey, .revokeKey, .cancel, .revoke]
        var e = LedgerEvent(seq: number(), time: text(), unixTime: Int64(number()), actor: text(), action: actions.randomElement(using: &g)!,
                            item: text(), prev: text(), hash: text())
        e.change = Bool.random(using: &g) ? Bool.random(using: &g) : nil
        if Bool.random(using: &g) {
            var m: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &g) { m[pathPool.randomElement(using: &g)!] = text() }
            e.manifest = m
        }
        e.attestation = maybe(); e.reason = maybe(); e.number = maybe(); e.entityID = maybe(); e.snapshot = maybe(); e.note = maybe()
        e.ledgerHead = maybe(); e.ledgerSeq = Bool.random(using: &g) ? number() : nil; e.signer = maybe(); e.signature = maybe()
        e.receipt = maybe(); e.registrySeq = Bool.random(using: &g) ? number() : nil; e.registryEvent = maybe(); e.package = maybe()
        e.filerKey = maybe(); e.submission = maybe(); e.packageSeq = Bool.random(using: &g) ? number() : nil; e.creditCode = maybe()
        return e
    }

    /// Random events: whatever the direct writer writes is JSONEncoder's line; whatever it
    /// declines has something it leaves to Foundation; the line JSONEncoder writes is read
    /// directly as JSONDecoder reads it, or left to JSONDecoder.
    @Test func randomHostileEventsAgreeWithFoundation() {
        var g = SystemRandomNumberGenerator()
        var written = 0, declined = 0, read = 0
        for _ in 0..<20_000 {
            let e = Self.event(&g)
            let expected = Self.foundationLine(e)
            if let fast = LedgerLine.encode(e) {
                #expect(fast == expected, "\(String(decoding: expected, as: UTF8.self))")
                written += 1
            } else {
                declined += 1
            }
            if let fast = LedgerLine.decode(expected) {
                #expect(fast == e)
                #expect(fast == Self.foundationEvent(expected))
                read += 1
            } else if LedgerLine.encode(e) != nil {
                Issue.record("written directly but not read directly: \(String(decoding: expected, as: UTF8.self))")
            }
        }
        // Both paths are exercised.
        #expect(written > 100 && declined > 100 && read >= written)
    }

    /// Lines not in the one form JSONEncoder writes are left to JSONDecoder (and so to the
    /// ledger's canonical-form check), never read directly.
    @Test func anythingButTheCanonicalFormIsLeftToFoundation() throws {
        let base = #"{"action":"submit","actor":"a","hash":"h","item":"entity","prev":"p","seq":1,"time":"t","unixTime":5}"#
        #expect(LedgerLine.decode(Array(base.utf8)) != nil)
        let variants = [
            base.replacingOccurrences(of: ",", with: ", "),                               // whitespace
            base.replacingOccurrences(of: #""seq":1"#, with: #""seq":1,"seq":1"#),         // a repeated key
            base.replacingOccurrences(of: #""seq":1"#, with: #""seq":1,"extra":"x""#),     // an unknown key
            base.replacingOccurrences(of: #""actor":"a""#, with: #""actor":"a","note":null"#), // null
            base.replacingOccurrences(of: #""actor":"a""#, with: #""actor":"\u0061""#),    // an escape
            base.replacingOccurrences(of: #""seq":1"#, with: #""seq":01"#),                // a leading zero
            base.replacingOccurrences(of: #""seq":1"#, with: #""seq":1.0"#),               // a fraction
            base.replacingOccurrences(of: #""seq":1"#, with: #""seq":99999999999999999999"#), // too large
            base.replacingOccurrences(of: #""action":"submit""#, with: #""action":"nope""#), // no such action
            base.replacingOccurrences(of: #""hash":"h","#, with: ""),                       // a required key missing
            base + " ", base + "\n", "[" + base + "]",
        ]
        for v in variants {
            #expect(LedgerLine.decode(Array(v.utf8)) == nil, "\(v)")
        }
    }
}
