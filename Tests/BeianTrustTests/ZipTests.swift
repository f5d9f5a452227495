import BeianDiagnostics
import BeianTestSupport
import BeianTrust
import Foundation
import Testing

/// The zip container of sealed packages (SPEC §7): `ZipWriter` writes deterministic stored
/// archives any zip tool opens; `ZipReader` refuses every hostile archive below, each built
/// byte by byte with `RawZip` so that one field at a time is wrong.
@Suite struct ZipTests {
    static let files: [(name: String, data: Data)] = [
        ("bundle.yaml", Data("entity: 示例科技\n".utf8)),
        ("algorithms/推荐/disclosure.md", Data("# 推荐算法\n".utf8)),
        ("empty.txt", Data()),
        ("bin/all-bytes", Data((0...255).map { UInt8($0) })),
    ]

    /// What `files` read back as: sorted by name bytes, as the writer stores them.
    static var expected: [ZipEntry] {
        files.map { ZipEntry(name: $0.name, data: $0.data) }
            .sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    /// The problem `ZipReader` reports for `zip`, or nil when it accepts it.
    func problem(_ zip: RawZip, _ limits: ZipLimits = ZipLimits()) -> ZipProblem? {
        ZipReader.entries(zip.bytes, limits: limits).failure
    }

    func reason(_ zip: RawZip) -> String? {
        guard case .badName(_, let reason)? = problem(zip) else { return nil }
        return reason.en
    }

    // MARK: Writing

    @Test func roundTripsNamesAndBytes() throws {
        let entries = try ZipReader.entries(ZipWriter.archive(Self.files)).get()
        #expect(entries == Self.expected)
        #expect(entries.map(\.name).contains("algorithms/推荐/disclosure.md"))
        #expect(try ZipReader.entries(ZipWriter.archive([])).get().isEmpty)
    }

    @Test func sameFilesGiveTheSameBytesInAnyOrder() {
        let a = ZipWriter.archive(Self.files), b = ZipWriter.archive(Self.files.reversed())
        #expect(a == b)
        // Exactly the layout RawZip assembles with its defaults: stored, UTF-8 flag, 1980-01-01
        // 00:00, made by Unix, mode 0100644, no extra fields, no comment.
        #expect(a == RawZip(Self.expected.map { RawEntry(bytes: Array($0.name.utf8), Array($0.data)) }).bytes)
    }

    @Test func checksumIsCRC32() {
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Data()) == 0)
    }

    @Test func pythonZipfileReadsWhatWeWrite() throws {
        let path = try scratch("ours.zip")
        try ZipWriter.archive(Self.files).write(to: URL(fileURLWithPath: path))
        let out = try python("""
            import json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None and z.comment == b""
            print(json.dumps([[i.filename, z.read(i).hex(), i.compress_type, i.flag_bits, i.create_system,
                               oct(i.external_attr >> 16), list(i.date_time)] for i in z.infolist()]))
            """, path)
        let rows = try #require(JSONSerialization.jsonObject(with: out) as? [[Any]])
        #expect(rows.map { $0[0] as? String } == Self.expected.map(\.name))
        #expect(rows.map { $0[1] as? String } == Self.expected.map { $0.data.map { String(format: "%02x", $0) }.joined() })
        for row in rows {
            #expect(row[2] as? Int == 0 && row[3] as? Int == 0x800 && row[4] as? Int == 3)
            #expect(row[5] as? String == "0o100644" && row[6] as? [Int] == [1980, 1, 1, 0, 0, 0])
        }
    }

    @Test func readsAStoredArchiveFromPythonZipfile() throws {
        let path = try scratch("theirs.zip")
        _ = try python("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z:
                z.writestr("bundle.yaml", "entity: x\\n")
                z.writestr("algorithms/推荐/disclosure.md", "# 推荐\\n")
            """, path)
        let entries = try ZipReader.entries(Data(contentsOf: URL(fileURLWithPath: path))).get()
        #expect(entries == [ZipEntry(name: "bundle.yaml", data: Data("entity: x\n".utf8)),
                            ZipEntry(name: "algorithms/推荐/disclosure.md", data: Data("# 推荐\n".utf8))])
    }

    // MARK: Names

    @Test func theBaselineHandBuiltArchiveIsAccepted() throws {
        let entries = try ZipReader.entries(RawZip.valid.bytes).get()
        #expect(entries == [ZipEntry(name: "a.md", data: Data("hello".utf8)), ZipEntry(name: "b/c.yaml", data: Data("x: 1".utf8))])
        #expect(problem(RawZip([RawEntry(String(repeating: "n", count: 255), "x")])) == nil)
    }

    @Test func refusesAnAbsoluteName() {
        #expect(reason(RawZip([RawEntry("/etc/passwd", "x")]))?.contains("absolute") == true)
    }

    @Test func refusesDotDot() {
        #expect(reason(RawZip([RawEntry("../x", "x")]))?.contains(".. component") == true)
        #expect(reason(RawZip([RawEntry("a/../../x", "x")])) != nil)
        #expect(reason(RawZip([RawEntry("a/..", "x")])) != nil)
    }

    @Test func refusesDotAndEmptyComponents() {
        #expect(reason(RawZip([RawEntry("a/./b", "x")])) != nil)
        #expect(reason(RawZip([RawEntry("./b", "x")])) != nil)
        #expect(reason(RawZip([RawEntry("a//b", "x")])) != nil)
        #expect(reason(RawZip([RawEntry("", "x")]))?.contains("empty") == true)
    }

    @Test func refusesABackslash() {
        #expect(reason(RawZip([RawEntry("a\\b.md", "x")]))?.contains("backslash") == true)
        #expect(reason(RawZip([RawEntry("..\\..\\x", "x")])) != nil)
    }

    @Test func refusesControlCharacters() {
        #expect(reason(RawZip([RawEntry("a\u{0}b.md", "x")]))?.contains("control") == true)
        #expect(reason(RawZip([RawEntry("a\u{1B}[2Jb.md", "x")]))?.contains("control") == true)
        #expect(reason(RawZip([RawEntry("a\u{85}b.md", "x")]))?.contains("control") == true)
        #expect(reason(RawZip([RawEntry("a\u{7F}.md", "x")]))?.contains("control") == true)
    }

    @Test func refusesNamesThatAreNotUTF8OrTooLong() {
        #expect(reason(RawZip([RawEntry(bytes: [0x61, 0xFF, 0x62], Array("x".utf8))]))?.contains("UTF-8") == true)
        var unmarked = RawEntry("推荐.md", "x")
        unmarked.both { $0.flags = 0 }
        #expect(reason(RawZip([unmarked]))?.contains("bit 11") == true)
        #expect(reason(RawZip([RawEntry(String(repeating: "n", count: 256), "x")]))?.contains("255") == true)
        #expect(problem(RawZip([RawEntry("a.md", "x")]), ZipLimits(maxNameLength: 3)) != nil)
    }

    @Test func refusesDuplicateNames() {
        #expect(problem(RawZip([RawEntry("a.md", "one"), RawEntry("a.md", "two")])) == .duplicate("a.md"))
    }

    @Test func refusesNamesEqualAfterNFC() {
        // "é" precomposed (U+00E9) and decomposed (e + U+0301): different bytes, one name.
        let zip = RawZip([RawEntry("caf\u{E9}.md", "one"), RawEntry("cafe\u{301}.md", "two")])
        #expect(Array("caf\u{E9}.md".utf8) != Array("cafe\u{301}.md".utf8))
        guard case .duplicate? = problem(zip) else { Issue.record("NFC duplicate accepted: \(String(describing: problem(zip)))"); return }
    }

    // MARK: File types

    @Test func refusesASymlink() {
        var link = RawEntry("docs/link.md", "/etc/passwd")
        link.attributes = 0o120777 << 16
        #expect(problem(RawZip([link])) == .link("docs/link.md"))
    }

    @Test func refusesFolders() {
        #expect(problem(RawZip([RawEntry("docs/", "")])) == .folder("docs/"))
        var unixDir = RawEntry("docs", "")
        unixDir.attributes = 0o040755 << 16
        #expect(problem(RawZip([unixDir])) == .folder("docs"))
        var dosDir = RawEntry("docs", "")
        (dosDir.madeBy, dosDir.attributes) = (20, 0x10)
        #expect(problem(RawZip([dosDir])) == .folder("docs"))
    }

    @Test func refusesOtherFileTypesButAcceptsAModeOfZero() {
        var fifo = RawEntry("pipe", "")
        fifo.attributes = 0o010644 << 16
        #expect(problem(RawZip([fifo])) == .notRegularFile("pipe", mode: 0o010644))
        var bare = RawEntry("a.md", "x")
        bare.attributes = 0
        #expect(problem(RawZip([bare])) == nil)
    }

    // MARK: Methods and flags

    @Test func refusesDeflate() {
        var e = RawEntry("a.md", "hello")
        e.both { $0.method = 8 }
        let p = problem(RawZip([e]))
        #expect(p == .unsupportedMethod("a.md", 8))
        #expect(p?.message.en.contains("only stored") == true)
    }

    @Test func refusesTheEncryptedFlag() {
        for bit: UInt16 in [0x0001, 0x0040, 0x2000] {
            var e = RawEntry("a.md", "hello")
            e.both { $0.flags |= bit }
            #expect(problem(RawZip([e])) == .encrypted("a.md"))
        }
    }

    @Test func refusesTheDataDescriptorFlag() {
        var e = RawEntry("a.md", "hello")
        e.both { $0.flags |= 0x0008 }
        #expect(problem(RawZip([e])) == .dataDescriptor("a.md"))
    }

    @Test func refusesZip64Markers() {
        var big = RawEntry("a.md", "hello")
        big.central.size = 0xFFFF_FFFF
        #expect(problem(RawZip([big])) == .zip64("a.md"))
        var offset = RawEntry("a.md", "hello")
        offset.offset = 0xFFFF_FFFF
        #expect(problem(RawZip([offset])) == .zip64("a.md"))
        var count = RawZip.valid
        (count.onDisk, count.total) = (0xFFFF, 0xFFFF)
        #expect(problem(count) == .zip64(nil))
        var size = RawZip.valid
        size.centralOffset = 0xFFFF_FFFF
        #expect(problem(size) == .zip64(nil))
    }

    @Test func refusesMultipleDisks() {
        var zip = RawZip.valid
        zip.disk = 1
        #expect(problem(zip) == .multiDisk)
        var entry = RawEntry("a.md", "x")
        entry.diskStart = 1
        #expect(problem(RawZip([entry])) == .multiDisk)
    }

    // MARK: Sizes

    @Test func refusesAOneGiBBombFromTheDirectoryAlone() {
        var bomb = RawEntry("a.md", "x")
        bomb.both { $0.size = 1 << 30; $0.compressed = 1 << 30 }
        let bytes = RawZip([bomb]).bytes
        #expect(bytes.count < 200)  // a 1 GiB claim in a ~100-byte file
        var result: Result<[ZipEntry], ZipProblem>?
        let elapsed = ContinuousClock().measure { result = ZipReader.entries(bytes) }
        #expect(result?.failure == .tooLarge("a.md", declared: 1 << 30, limit: 20 << 20))
        #expect(elapsed < .seconds(1))
        // Even with limits that allow it, the claim is refused: the data would run into the
        // central directory, and nothing is allocated from a declared size.
        let generous = ZipLimits(maxEntrySize: 2 << 30, maxTotalSize: 2 << 30)
        guard case .corrupt("a.md", _)? = ZipReader.entries(bytes, limits: generous).failure else { Issue.record("accepted"); return }
    }

    @Test func refusesEntriesThatTogetherExceedTheTotal() {
        let many = (0..<20).map { i in
            var e = RawEntry("f\(i)", "x")
            e.both { $0.size = 19 << 20; $0.compressed = 19 << 20 }
            return e
        }
        #expect(problem(RawZip(many)) == .tooLarge(nil, declared: 14 * (19 << 20), limit: 256 << 20))
    }

    @Test func refusesTooManyEntries() {
        let zip = RawZip((0..<3).map { RawEntry("f\($0)", "x") })
        #expect(problem(zip, ZipLimits(maxEntries: 2)) == .tooManyEntries(declared: 3, limit: 2))
        #expect(problem(zip, ZipLimits(maxEntries: 3)) == nil)
    }

    @Test func refusesCompressedAndUncompressedSizesThatDiffer() {
        var e = RawEntry("a.md", "hello")
        e.both { $0.compressed = 4 }
        guard case .corrupt("a.md", _)? = problem(RawZip([e])) else { Issue.record("accepted"); return }
    }

    // MARK: Local headers against the central directory

    @Test func refusesALocalHeaderThatDisagrees() {
        var size = RawEntry("a.md", "hello")
        (size.local.size, size.local.compressed) = (4, 4)
        var name = RawEntry("a.md", "hello")
        name.local.name = Array("b.md".utf8)
        var method = RawEntry("a.md", "hello")
        method.local.method = 8
        var crc = RawEntry("a.md", "hello")
        crc.local.crc ^= 1
        var flags = RawEntry("a.md", "hello")
        flags.local.flags = 0x0808
        for e in [size, name, method, crc, flags] {
            guard case .corrupt("a.md", _)? = problem(RawZip([e, RawEntry("z.md", "z")])) else {
                Issue.record("accepted \(e)"); continue
            }
        }
    }

    @Test func refusesACRCMismatch() {
        var e = RawEntry("a.md", "hello")
        e.data[0] ^= 0x01
        #expect(problem(RawZip([e])) == .crcMismatch("a.md"))
    }

    @Test func refusesOverlappingEntries() {
        var second = RawEntry("b.md", "hello")
        second.offset = 0  // the first entry's local header
        guard case .corrupt("b.md", let r)? = problem(RawZip([RawEntry("a.md", "hello"), second])) else { Issue.record("accepted"); return }
        #expect(r.en.contains("overlaps"))
        // A second central record pointing into the first entry's data.
        var inside = RawEntry("b.md", "")
        inside.offset = 30 + 4 + 1
        inside.writesLocal = false
        #expect(problem(RawZip([RawEntry("a.md", "hello"), inside])) != nil)
    }

    // MARK: The file as a whole

    @Test func refusesAnEmptyFile() {
        #expect(ZipReader.entries(Data()).failure == .empty)
        #expect(ZipReader.entries(Data("PK".utf8)).failure == .truncated)
    }

    @Test func refusesEveryTruncation() throws {
        let whole = ZipWriter.archive(Self.files)
        for length in 0..<whole.count {
            let result = ZipReader.entries(whole.prefix(length))
            #expect(result.failure != nil, "a prefix of \(length) bytes was accepted")
        }
        // Also a slice that does not start at index 0.
        #expect(ZipReader.entries(Data([0, 0]) + whole).failure != nil)
        #expect(try ZipReader.entries((Data([0]) + whole).dropFirst()).get() == Self.expected)
    }

    @Test func refusesTrailingGarbage() {
        var one = RawZip.valid
        one.suffix = [0]
        #expect(problem(one) == .trailingData)
        var lots = RawZip.valid
        lots.suffix = Array(repeating: 0x41, count: 100_000)
        #expect(problem(lots) != nil)
    }

    @Test func refusesPrependedData() {
        var shifted = RawZip.valid
        shifted.prefix = Array("MZ stub".utf8)  // offsets recomputed: bytes before the first entry
        guard case .corrupt(_, let r)? = problem(shifted) else { Issue.record("accepted"); return }
        #expect(r.en.contains("before this entry"))
        var unshifted = RawZip.valid
        unshifted.prefix = Array("MZ stub".utf8)
        unshifted.centralOffset = UInt32(RawZip.valid.bytes.count - 22 - RawZip.valid.centralLength)
        #expect(problem(unshifted) != nil)
    }

    @Test func refusesAComment() {
        var zip = RawZip.valid
        zip.comment = Array("hi".utf8)
        #expect(problem(zip) == .comment)
    }

    @Test func refusesInconsistentCounts() {
        var zip = RawZip.valid
        zip.total = 3
        #expect(problem(zip) != nil)
        zip = RawZip.valid
        zip.onDisk = 1
        #expect(problem(zip) != nil)
        zip = RawZip.valid
        (zip.onDisk, zip.total) = (1, 1)  // one record left over in the directory
        #expect(problem(zip) != nil)
    }

    /// Every single-byte change of a small valid archive is refused or changes nothing the
    /// reader returns (time, version or permission bits): it never crashes and never returns
    /// other data with success.
    @Test func everySingleByteFlipIsRefusedOrHarmless() throws {
        let whole = ZipWriter.archive(Array(Self.files.prefix(2)) + [("x/y", Data("z".utf8))])
        let original = try ZipReader.entries(whole).get()
        var accepted = 0
        for i in 0..<whole.count {
            for mask: UInt8 in [0x01, 0x10, 0x80, 0xFF] {
                var bytes = whole
                bytes[i] ^= mask
                if case .success(let entries) = ZipReader.entries(bytes) {
                    accepted += 1
                    #expect(entries == original, "byte \(i) ^ \(mask) changed the entries")
                }
            }
        }
        #expect(accepted < whole.count)  // most flips are refused
    }

    @Test func problemsNameTheirEntryAndSayWhatToDoInBothLanguages() {
        let problems: [ZipProblem] = [
            .empty, .truncated, .trailingData, .comment, .multiDisk, .zip64(nil), .tooManyEntries(declared: 3, limit: 2),
            .tooLarge("a", declared: 2, limit: 1), .tooLarge(nil, declared: 2, limit: 1), .badName("a", reason: Localized(zh: "原因", en: "why")),
            .duplicate("a"), .link("a"), .folder("a/"), .notRegularFile("a", mode: 0o010644), .unsupportedMethod("a", 8),
            .encrypted("a"), .dataDescriptor("a"), .corrupt("a", Localized(zh: "原因", en: "why")), .crcMismatch("a"),
        ]
        for p in problems {
            #expect(!p.message.zh.isEmpty && !p.message.en.isEmpty && !p.help.zh.isEmpty && !p.help.en.isEmpty)
        }
        #expect(problems.map(\.entryName).compactMap { $0 }.count == 11)
        #expect(ZipProblem.badName("a", reason: Localized(zh: "原因", en: "why")).message == Localized(zh: "文件名不安全：原因", en: "unsafe file name: why"))
    }

    // MARK: Helpers

    func scratch(_ name: String) throws -> String {
        let dir = ScratchFolders.register(FileManager.default.temporaryDirectory.appendingPathComponent("beian-zip-\(UUID().uuidString)"))
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    /// Runs `script` with python3 and returns its standard output; fails on a non-zero exit.
    func python(_ script: String, _ arguments: String...) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return data
    }
}

/// The fields a local header and a central record share; set one wrong to test a refusal.
struct RawHeader {
    var flags: UInt16 = 0x0800
    var method: UInt16 = 0
    var crc: UInt32
    var compressed: UInt32
    var size: UInt32
    var name: [UInt8]
}

/// One entry of a hand-assembled archive; by default exactly what `ZipWriter` writes.
struct RawEntry {
    var local: RawHeader
    var central: RawHeader
    var data: [UInt8]
    var madeBy: UInt16 = 0x0314
    var attributes: UInt32 = 0o100644 << 16
    var diskStart: UInt16 = 0
    /// The central record's local-header offset; nil for where the local header was written.
    var offset: UInt32?
    /// False to write only the central record.
    var writesLocal = true

    init(_ name: String, _ text: String) { self.init(bytes: Array(name.utf8), Array(text.utf8)) }

    init(bytes name: [UInt8], _ data: [UInt8]) {
        let header = RawHeader(crc: CRC32.checksum(Data(data)), compressed: UInt32(data.count), size: UInt32(data.count), name: name)
        (local, central, self.data) = (header, header, data)
    }

    /// Changes a field in both the local header and the central record.
    mutating func both(_ change: (inout RawHeader) -> Void) {
        change(&local)
        change(&central)
    }
}

/// A zip assembled field by field, in the order given, with every end-record field settable.
struct RawZip {
    var entries: [RawEntry]
    var prefix: [UInt8] = []
    var suffix: [UInt8] = []
    var comment: [UInt8] = []
    var disk: UInt16 = 0
    var onDisk: UInt16?
    var total: UInt16?
    var centralOffset: UInt32?

    init(_ entries: [RawEntry]) { self.entries = entries }

    static let valid = RawZip([RawEntry("a.md", "hello"), RawEntry("b/c.yaml", "x: 1")])

    var centralLength: Int { entries.reduce(0) { $0 + 46 + $1.central.name.count } }

    var bytes: Data {
        var out = prefix, central: [UInt8] = []
        for e in entries {
            let offset = e.offset ?? UInt32(out.count)
            if e.writesLocal {
                out += le(UInt32(0x0403_4B50)) + le(UInt16(20)) + shared(e.local) + le(UInt16(0)) + e.local.name + e.data
            }
            central += le(UInt32(0x0201_4B50)) + le(e.madeBy) + le(UInt16(20)) + shared(e.central)
            central += le(UInt16(0)) + le(UInt16(0)) + le(e.diskStart) + le(UInt16(0)) + le(e.attributes) + le(offset) + e.central.name
        }
        let start = centralOffset ?? UInt32(out.count)
        out += central
        out += le(UInt32(0x0605_4B50)) + le(disk) + le(UInt16(0)) + le(onDisk ?? UInt16(entries.count)) + le(total ?? UInt16(entries.count))
        out += le(UInt32(central.count)) + le(start) + le(UInt16(comment.count)) + comment + suffix
        return Data(out)
    }

    private func shared(_ h: RawHeader) -> [UInt8] {
        le(h.flags) + le(h.method) + le(UInt16(0)) + le(UInt16(0x21)) + le(h.crc) + le(h.compressed) + le(h.size) + le(UInt16(h.name.count))
    }

    private func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
}
