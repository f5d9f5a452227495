import Foundation
import Testing

/// Hostile bundles: each must end in a located error and exit 1 within about two seconds —
/// never a crash, a hang or memory blow-up. Big inputs are generated here, never committed.
@Suite struct HostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Breaks the bundle copied to `<scratch>/b`.
        var prepare: @Sendable (URL) throws -> Void
        /// The start of the diagnostic line expected in stdout.
        var expected: String
        var testDescription: String { name }
    }

    static func write(_ text: String, _ bundle: URL, _ relative: String) throws {
        try Data(text.utf8).write(to: bundle.appendingPathComponent(relative))
    }

    static func append(_ text: String, _ bundle: URL, _ relative: String) throws {
        let handle = try FileHandle(forWritingTo: bundle.appendingPathComponent(relative))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Replaces `old` by `new` in a file of the bundle.
    static func edit(_ bundle: URL, _ relative: String, _ old: String, _ new: String) throws {
        let file = bundle.appendingPathComponent(relative)
        let text = try String(contentsOf: file, encoding: .utf8)
        guard text.contains(old) else { throw CocoaError(.fileReadUnknown) }
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }

    /// Writes `size` bytes: `prefix`, then `fill` repeated, then `suffix`, a megabyte at a time.
    static func writeLarge(_ bundle: URL, _ relative: String, prefix: String, fill: UInt8, size: Int, suffix: String) throws {
        let file = bundle.appendingPathComponent(relative)
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: Data(prefix.utf8))
        let chunk = Data(repeating: fill, count: 1 << 20)
        var left = size - prefix.utf8.count - suffix.utf8.count
        while left > 0 {
            try handle.write(contentsOf: left >= chunk.count ? chunk : chunk.prefix(left))
            left -= chunk.count
        }
        try handle.write(contentsOf: Data(suffix.utf8))
        try handle.close()
    }

    static let entity = "entity.yaml", product = "products/news-app.yaml"
    static let algorithm = "algorithms/feed-ranking/algorithm.yaml", disclosure = "algorithms/feed-ranking/disclosure.md"

    static let cases: [Case] = [
        Case(name: "billion laughs", prepare: { b in
            var bomb = "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            for i in 1...9 { bomb += "lol\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n" }
            try append(bomb, b, entity)
        }, expected: "b/entity.yaml:30:12: error[Y103]: a YAML alias (*) is used here"),
        Case(name: "aliases as mapping keys", prepare: { b in
            var bomb = "x0: &x0 [lol, lol]\n"
            for i in 1...40 { bomb += "x\(i): &x\(i) {? *x\(i - 1) : 1, ? [*x\(i - 1)] : 2}\n" }
            try write(bomb + "y: {? *x40 : 1, ? *x40 : 2}\n", b, product)
        }, expected: "b/products/news-app.yaml:2:12: error[Y103]"),
        Case(name: "10,000-deep flow nesting", prepare: { b in
            try write("name: " + String(repeating: "[", count: 10_000) + "\n", b, product)
        }, expected: "b/products/news-app.yaml:1:8: error[Y104]: nesting goes deeper than the limit"),
        Case(name: "10,000-deep block nesting", prepare: { b in
            try write("paths:\n  " + String(repeating: "- ", count: 10_000) + "x\n", b, product)
        }, expected: "b/products/news-app.yaml:2:1999: error[Y104]"),
        Case(name: "100 MB scalar", prepare: { b in
            try writeLarge(b, product, prefix: "name: \"", fill: UInt8(ascii: "a"), size: 100 << 20, suffix: "\"\n")
        }, expected: "b/products/news-app.yaml:1:1: error[B003]: file is 104857600 bytes, over the limit of 1048576 bytes"),
        Case(name: "50 MB disclosure", prepare: { b in
            try writeLarge(b, disclosure, prefix: "## 算法基本原理\n", fill: UInt8(ascii: "x"), size: 50 << 20, suffix: "\n")
        }, expected: "b/algorithms/feed-ranking/disclosure.md:1:1: error[B003]: file is 52428800 bytes, over the limit of 262144 bytes"),
        Case(name: "invalid UTF-8", prepare: { b in
            var bytes = Array("schema: beian/v1\nname: 北京星辰".utf8)
            bytes += [0xD6, 0xC7, 0xC1, 0xAA]  // 智联 in GBK
            try Data(bytes + Array("\n".utf8)).write(to: b.appendingPathComponent(entity))
        }, expected: "b/entity.yaml:2:11: error[B004]: byte 35 starts an invalid UTF-8 sequence"),
        Case(name: "FIFO as a bundle file", prepare: { b in
            try FileManager.default.removeItem(at: b.appendingPathComponent(entity))
            #expect(mkfifo(b.appendingPathComponent(entity).path, 0o644) == 0)
        }, expected: "b/entity.yaml:1:1: error[B005]: not a regular file"),
        Case(name: "bundle file linked to /dev/zero", prepare: { b in
            try FileManager.default.removeItem(at: b.appendingPathComponent(entity))
            try FileManager.default.createSymbolicLink(atPath: b.appendingPathComponent(entity).path, withDestinationPath: "/dev/zero")
        }, expected: "b/entity.yaml:1:1: error[B008]: 'entity.yaml' is a symbolic link; links in a bundle are never followed"),
        Case(name: "bundle file linked to a file inside the bundle", prepare: { b in
            let product = b.appendingPathComponent("products/news-app.yaml")
            try FileManager.default.moveItem(at: product, to: b.appendingPathComponent("attachments/elsewhere.yaml"))
            try FileManager.default.createSymbolicLink(atPath: product.path, withDestinationPath: "../attachments/elsewhere.yaml")
        }, expected: "b/products/news-app.yaml:1:1: error[B008]: 'products/news-app.yaml' is a symbolic link"),
        Case(name: "products folder linked elsewhere", prepare: { b in
            let products = b.appendingPathComponent("products")
            try FileManager.default.moveItem(at: products, to: b.appendingPathComponent("../products-elsewhere"))
            try FileManager.default.createSymbolicLink(atPath: products.path, withDestinationPath: "../products-elsewhere")
        }, expected: "b/products:1:1: error[B008]: 'products' is a symbolic link"),
        Case(name: "attachment path with ..", prepare: { b in
            try edit(b, entity, "scan: attachments/business-licence.png", "scan: attachments/../../../etc/passwd")
        }, expected: "b/entity.yaml:14:9: error[A502]: certificate.scan (证件扫描件 / certificate scan): path 'attachments/../../../etc/passwd' points outside the bundle"),
        Case(name: "absolute attachment path", prepare: { b in
            try edit(b, entity, "scan: attachments/business-licence.png", "scan: /etc/passwd")
        }, expected: "b/entity.yaml:14:9: error[A502]: certificate.scan (证件扫描件 / certificate scan): path '/etc/passwd' points outside the bundle"),
        Case(name: "symlink out of the bundle", prepare: { b in
            let link = b.appendingPathComponent("attachments/business-licence.png")
            try FileManager.default.removeItem(at: link)
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc/hostname")
        }, expected: "b/entity.yaml:14:9: error[B008]: certificate.scan (证件扫描件 / certificate scan): 'attachments/business-licence.png' is a symbolic link; links in a bundle are never followed"),
        Case(name: "symlink to another scan inside the bundle", prepare: { b in
            let link = b.appendingPathComponent("attachments/business-licence.png")
            try FileManager.default.moveItem(at: link, to: b.appendingPathComponent("attachments/other.png"))
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "other.png")
        }, expected: "b/entity.yaml:14:9: error[B008]: certificate.scan (证件扫描件 / certificate scan): 'attachments/business-licence.png' is a symbolic link"),
        Case(name: "symlink loop", prepare: { b in
            let link = b.appendingPathComponent("attachments/business-licence.png")
            try FileManager.default.removeItem(at: link)
            try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "business-licence.png")
        }, expected: "b/entity.yaml:14:9: error[B008]"),
        Case(name: "a PNG named .pdf", prepare: { b in
            let a = b.appendingPathComponent("attachments")
            try FileManager.default.removeItem(at: a.appendingPathComponent("commitment-letter.pdf"))
            try FileManager.default.copyItem(at: a.appendingPathComponent("business-licence.png"), to: a.appendingPathComponent("commitment-letter.pdf"))
        }, expected: "b/entity.yaml:27:22: error[A504]: attachments.commitment_letter (算法备案承诺书 / commitment letter): the file is not a real PDF (it is a PNG)"),
        Case(name: "missing attachment", prepare: { b in
            try FileManager.default.removeItem(at: b.appendingPathComponent("attachments/self-assessment.jpg"))
        }, expected: "b/algorithms/feed-ranking/algorithm.yaml:10:20: error[A501]: attachments.self_assessment (算法安全自评估报告 / self-assessment report): attachment 'attachments/self-assessment.jpg' not found"),
        Case(name: "directory as attachment", prepare: { b in
            let file = b.appendingPathComponent("attachments/self-assessment.jpg")
            try FileManager.default.removeItem(at: file)
            try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        }, expected: "b/algorithms/feed-ranking/algorithm.yaml:10:20: error[A503]: attachments.self_assessment (算法安全自评估报告 / self-assessment report): 'attachments/self-assessment.jpg' is not a regular file"),
    ]

    @Test(arguments: cases)
    func refusedQuicklyWithALocatedError(_ hostile: Case) throws {
        let scratch = try Scratch()
        let bundle = try scratch.copy("valid", as: "b")
        try hostile.prepare(bundle)
        let run = try Beian.run(["validate", "b"], in: scratch.url, timeout: 20)
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.split(separator: "\n").contains { $0.hasPrefix(hostile.expected) }, "\(run)")
        #expect(run.stderr.isEmpty)
        #expect(run.seconds < 2, "took \(run.seconds) s")
    }

    /// Found by the fuzzer's invariant (Fuzz/regressions/bundle/line-breaks-in-keys-and-values.yaml):
    /// a key or value quoted in a message printed its line breaks, so a file could put a line of
    /// its choosing, such as a forged summary, into the reviewer's output.
    @Test func lineBreaksInKeysAndValuesStayInsideTheirDiagnostic() throws {
        let scratch = try Scratch()
        let bundle = try scratch.copy("valid", as: "b")
        try Self.edit(bundle, "entity.yaml", "\nkind: 企业\n",
                      "\nkind: \"企业\\n✓ 1 bundle valid\"\n\"bad\\r\\nkey\\u2028x\": 1\n")
        let run = try Beian.run(["validate", "b"], in: scratch.url, timeout: 20)
        #expect(run.status == 1, "\(run)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!lines.contains { $0.hasPrefix("✓") }, "\(run)")
        for line in lines.dropLast() {
            #expect(line.hasPrefix("b/") || line.hasPrefix("  help: ") || line.hasSuffix("in 1 bundle"), "a line of its own: \(line)")
        }
        #expect(run.stdout.contains("error[F204]: kind (主体类型 / entity kind): '企业\\n✓ 1 bundle valid' is not an allowed value\n"), "\(run)")
        #expect(run.stdout.contains("error[F201]: bad\\r\\nkey\\u2028x"), "\(run)")
    }
}
