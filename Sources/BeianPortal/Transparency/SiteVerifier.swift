public import BeianDiagnostics
import BeianModel
import BeianStore
public import BeianTrust
public import Foundation

/// `beian verify-site` (SPEC §8): checks a built portal — say, a CDN's or a mirror's copy —
/// with nothing but the site and the registry's public key, taken from outside the mirror.
///
/// 1. The head: `transparency/checkpoint` must be a C2SP checkpoint signed by the key, and
///    `transparency/records.txt` must give its size and RFC 9162 root (V971). Nothing else is
///    believed until it holds.
/// 2. Every record the head lists: `filings/<id>/record.json` must hash to its leaf; a missing
///    one, or a filing folder the head does not list, is named (V972).
/// 3. Every filing page against its record, read as a browser reads it (`VisibleText`): each
///    `data-field` the built-in template marks (name, number, type, role, entity, region,
///    products, purpose, dates, status, notes, history, the disclosure's text) as the text it
///    shows, no mark hidden, forged, repeated or unknown, the title, and the badge, byte for
///    byte (V973; `PageCheck.swift`).
/// 4. The open data, read as a CSV and a JSON parser read it: each row of `filings.csv` (its
///    published columns) and each object of `filings.json` (every field, rebuilt into a record
///    and hashed; no unknown or duplicate key) against the records, every URL under the base
///    URL; rows missing, repeated, or naming a filing the head does not list (V974;
///    `OpenDataCheck.swift`).
///
/// Every difference is reported — by URL, file:line and field — not only the first. Files are
/// read without following links and with size limits: the site may be hostile.
public struct SiteVerifier: Sendable {
    public let site: URL
    public let key: VerifierKey
    /// The portal's Markdown renderer (the disclosure's text is compared after rendering).
    public let renderMarkdown: @Sendable (String) -> String
    public var tasks: Int
    public var options = Options()

    /// What else to require of the head beyond its signature.
    public struct Options: Sendable {
        /// `--since`: an earlier checkpoint (file name, note) the head must extend.
        public var since: (source: String, note: String)?
        /// `--max-age`: the oldest head accepted, in seconds, at `now`.
        public var maxAge: Int64?
        public var now: Int64 = 0
        /// `--witness`: witnesses whose cosignatures are required.
        public var witnesses: [CosignatureKey] = []

        public init() {}
    }

    public init(site: URL, key: VerifierKey, tasks: Int = ProcessInfo.processInfo.activeProcessorCount,
                renderMarkdown: @escaping @Sendable (String) -> String) {
        self.site = site
        self.key = key
        self.tasks = tasks
        self.renderMarkdown = renderMarkdown
    }

    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// The verified head, when its signature and leaves held.
        public var head: Checkpoint?
        public var records = 0
        public var pages = 0
        public var csvRows = 0
        public var jsonRows = 0
        /// Files checked against the signed file list.
        public var files = 0
        /// The head with its extension lines, when its signature held.
        public var signed: SignedHead?
    }

    static let pageLimit = 16 << 20
    /// `records.txt`: 88 bytes a record.
    static let dataLimit = 1 << 30

    public func verify() async -> Report {
        var report = Report()
        guard let (signed, leaves) = checkHead(into: &report.diagnostics) else { return report }
        let head = signed.checkpoint
        report.head = head
        report.signed = signed
        // The head's own promises: fresh, cosigned, extending what the reader saw before.
        if let age = options.maxAge { checkFreshness(signed, maxAge: age, now: options.now, into: &report.diagnostics) }
        checkWitnesses(signed, options.witnesses, into: &report.diagnostics)
        if let since = options.since { checkSince(signed, since: since, into: &report.diagnostics) }
        // Every byte, then the log and each filing's proof of inclusion.
        report.files = await checkFiles(signed, into: &report.diagnostics)
        if let view = checkLog(signed, leaves: leaves, into: &report.diagnostics) {
            let proofs = (try? await Parallel.map(leaves.indices.map { $0 }, tasks: tasks, worker: { self }) { v, i in
                v.readProof(leaves[i])
            }) ?? []
            let roots = proofRoots(Set(proofs.compactMap { try? $0.get().size }), view: view)
            let found = (try? await Parallel.map(leaves.indices.map { $0 }, tasks: tasks, worker: { self }) { v, i in
                v.checkProof(leaves[i], proofs[i], view: view, roots: roots)
            }) ?? []
            report.diagnostics += found.compactMap { $0 }
        }
        // Records and pages, in parallel; what the open data is compared against comes back small.
        let checked = (try? await Parallel.map(leaves.indices.map { $0 }, tasks: tasks, worker: { self }) { v, i in
            v.checkFiling(leaves[i])
        }) ?? []
        var expected: [String: Expected] = [:]
        expected.reserveCapacity(leaves.count)
        for c in checked {
            report.diagnostics += c.problems
            if c.recordOK { report.records += 1 }
            if c.pageOK { report.pages += 1 }
            if let e = c.expected { expected[c.id] = e }
        }
        report.diagnostics += unlisted(leaves)
        let listed = Set(leaves.map(\.id))
        let base = expectedBaseURL(signed, into: &report.diagnostics)
        report.csvRows = checkCSV(expected: expected, listed: listed, base: base, into: &report.diagnostics)
        report.jsonRows = checkJSON(leaves: leaves, base: base, into: &report.diagnostics)
        report.diagnostics.sort { ($0.location, $0.code.rawValue) < ($1.location, $1.code.rawValue) }
        return report
    }

    // MARK: The head

    struct Leaf: Sendable {
        var id: String
        var hash: Data

        /// Its log entry (`PortalLog`): `<id> <hex record hash>\n`.
        var entry: [UInt8] { Array((id + " " + hash.map { String(format: "%02x", $0) }.joined() + "\n").utf8) }
    }

    func location(_ relative: String, line: Int = 1) -> SourceLocation {
        SourceLocation(path: site.path.hasSuffix("/") ? site.path + relative : site.path + "/" + relative, line: line)
    }

    func problem(_ code: DiagnosticCode, _ relative: String, line: Int = 1, field: FieldRef? = nil,
                 zh: String, en: String, helpZh: String, helpEn: String) -> Diagnostic {
        Diagnostic(code, at: location(relative, line: line), field: field, message: Localized(zh: zh, en: en),
                   help: Localized(zh: helpZh, en: helpEn))
    }

    func headProblem(_ relative: String, line: Int = 1, zh: String, en: String) -> Diagnostic {
        problem(.siteHeadInvalid, relative, line: line, zh: zh, en: en,
                helpZh: "不要信任这个站点副本；从登记机关自己的网址获取站点，并确认公钥来自站点之外",
                helpEn: "do not trust this copy; fetch the site from the regulator's own address and check the key came from outside the site")
    }

    func read(_ relative: String, limit: Int) -> Result<Data, NoFollow.Failure> {
        NoFollow.read(root: site, relative, limit: limit)
    }

    static func describe(_ f: NoFollow.Failure) -> (zh: String, en: String) {
        switch f {
        case .missing: ("不存在", "is missing")
        case .link(let at): ("经过链接 \(at)（不跟随链接）", "goes through the link \(at) (links are not followed)")
        case .notRegular: ("不是普通文件", "is not a regular file")
        case .tooLarge(let size): ("过大（\(size) 字节）", "is too large (\(size) bytes)")
        case .unreadable(let why): ("无法读取：\(why)", "cannot be read: \(why)")
        }
    }

    func checkHead(into problems: inout [Diagnostic]) -> (SignedHead, [Leaf])? {
        guard let signed = signedHead(into: &problems) else { return nil }
        guard let leaves = recordList(signed.checkpoint, into: &problems) else { return nil }
        return (signed, leaves)
    }

    /// The checkpoint, signed by the key, with its extension lines.
    func signedHead(into problems: inout [Diagnostic]) -> SignedHead? {
        let note: String
        switch read(SiteHead.checkpoint, limit: 1 << 20) {
        case .failure(let f):
            let d = Self.describe(f)
            problems.append(headProblem(SiteHead.checkpoint, zh: "站点的签名摘要 /\(SiteHead.checkpoint) \(d.zh)：无法核验这个站点",
                                        en: "the site's signed head /\(SiteHead.checkpoint) \(d.en): the site cannot be verified"))
            return nil
        case .success(let data):
            note = String(decoding: data, as: UTF8.self)
        }
        let text: String
        switch SignedNote.open(note, verifiedBy: key) {
        case .success(let t): text = t
        case .failure(let p):
            let (zh, en): (String, String) = switch p {
            case .malformed(let why): ("不是签名摘要（\(why)）", "is not a signed note (\(why))")
            case .noSignatureByKey: ("没有登记簿公钥 \(key.name)+\(key.keyID) 的签名", "carries no signature by the registry key \(key.name)+\(key.keyID)")
            case .badSignature: ("的签名与内容不符：摘要被改动过，或签名是伪造的", "has a signature that does not match its text: the head was altered or the signature forged")
            }
            problems.append(headProblem(SiteHead.checkpoint, zh: "/\(SiteHead.checkpoint) \(zh)", en: "/\(SiteHead.checkpoint) \(en)"))
            return nil
        }
        guard let head = Checkpoint(text: text) else {
            problems.append(headProblem(SiteHead.checkpoint, zh: "/\(SiteHead.checkpoint) 签名有效，但不是检查点格式（来源、数量、根哈希）",
                                        en: "/\(SiteHead.checkpoint) is signed but is not a checkpoint (origin, size, root hash)"))
            return nil
        }
        if head.origin != key.name {
            problems.append(headProblem(SiteHead.checkpoint, zh: "摘要的来源“\(head.origin)”不是公钥的名称“\(key.name)”",
                                        en: "the head's origin “\(head.origin)” is not the key's name “\(key.name)”"))
        }
        // The copy of the key on the site is a convenience; a different one is a sign of tampering.
        if case .success(let data) = read(SiteHead.registryKey, limit: 4_096),
           VerifierKey(String(decoding: data, as: UTF8.self)) != key {
            problems.append(headProblem(SiteHead.registryKey, zh: "站点上的登记簿公钥副本与你给出的公钥不同（以你从站点之外得到的公钥为准）",
                                        en: "the copy of the registry key on the site differs from the key you gave (the key from outside the site is the one that counts)"))
        }
        return SignedHead(checkpoint: head, note: note)
    }

    /// `records.txt`: the records published now, ids ascending.
    func recordList(_ head: Checkpoint, into problems: inout [Diagnostic]) -> [Leaf]? {
        let leavesData: Data
        switch read(SiteHead.records, limit: Self.dataLimit) {
        case .failure(let f):
            let d = Self.describe(f)
            problems.append(headProblem(SiteHead.records, zh: "记录清单 /\(SiteHead.records) \(d.zh)", en: "the record list /\(SiteHead.records) \(d.en)"))
            return nil
        case .success(let d): leavesData = d
        }
        var leaves: [Leaf] = []
        leaves.reserveCapacity(min(head.size, 1 << 20))
        var line = 0
        var previous = ""
        for raw in leavesData.split(separator: 0x0A, omittingEmptySubsequences: false) {
            line += 1
            if raw.isEmpty && line > 1 { continue }  // the final newline
            let parts = raw.split(separator: 0x20)
            guard parts.count == 2, parts[0].count == 21, parts[0].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let hash = Self.hexBytes(parts[1]), hash.count == 32 else {
                if raw.isEmpty && line == 1 { continue }
                problems.append(headProblem(SiteHead.records, line: line, zh: "第 \(line) 行不是“21 位编号 空格 64 位十六进制哈希”",
                                            en: "line \(line) is not “21-digit id, space, 64 hex digits”"))
                return nil
            }
            let id = String(decoding: parts[0], as: UTF8.self)
            guard id > previous else {
                problems.append(headProblem(SiteHead.records, line: line, zh: "第 \(line) 行的编号 \(id) 未按升序排列或重复",
                                            en: "the id \(id) on line \(line) is out of order or repeated"))
                return nil
            }
            previous = id
            leaves.append(Leaf(id: id, hash: hash))
        }
        return leaves
    }

    /// Lower-case hex digits as bytes; nil for anything else.
    static func hexBytes<Digits: Collection<UInt8>>(_ digits: Digits) -> Data? {
        guard digits.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        var out = Data(capacity: digits.count / 2)
        var high: UInt8?
        for c in digits {
            guard let n = nibble(c) else { return nil }
            if let h = high { out.append(h << 4 | n); high = nil } else { high = n }
        }
        return out
    }

    // MARK: Records and pages

    /// What the open data must show for one filing.
    struct Expected: Sendable {
        /// The published CSV columns after 序号, in order (`FilingsCSV.columns`), as plain values.
        var csv: [String]
    }

    struct Checked: Sendable {
        var id: String
        var problems: [Diagnostic] = []
        var recordOK = false
        var pageOK = false
        var expected: Expected?
    }

    func checkFiling(_ leaf: Leaf) -> Checked {
        var c = Checked(id: leaf.id)
        let url = "/" + Routes.filing(leaf.id)
        let recordPath = PublicRecord.path(leaf.id)
        func recordProblem(_ zh: String, _ en: String) {
            c.problems.append(problem(.siteRecordMismatch, recordPath, zh: zh, en: en,
                                      helpZh: "不要信任这个站点副本上的该备案；以登记机关自己的站点为准",
                                      helpEn: "do not trust this filing on this copy; the regulator's own site is authoritative"))
        }
        let bytes: Data
        switch read(recordPath, limit: Self.pageLimit) {
        case .failure(let f):
            let d = Self.describe(f)
            recordProblem("签名摘要列出的备案 \(url) 的公示记录 \(d.zh)（备案被删除？）",
                          "the record of \(url), listed by the signed head, \(d.en) (a filing removed?)")
            return c
        case .success(let b): bytes = b
        }
        guard MerkleTree.leafHash(bytes) == leaf.hash else {
            recordProblem("\(url) 的公示记录被改动：与签名摘要中的哈希不符", "the record of \(url) was altered: it does not hash to the signed head's leaf")
            return c
        }
        guard let record = RecordFields(bytes), record.id == leaf.id else {
            recordProblem("\(url) 的公示记录哈希正确，但不是可读的公示记录", "the record of \(url) hashes right but is not a readable record")
            return c
        }
        c.recordOK = true
        c.expected = Expected(csv: record.csvColumns)
        let before = c.problems.count
        checkPage(record, url: url, into: &c.problems)
        c.pageOK = c.problems.count == before
        return c
    }

    /// Filing folders (or records) on the site that the head does not list.
    func unlisted(_ leaves: [Leaf]) -> [Diagnostic] {
        let listed = Set(leaves.map(\.id))
        var out: [Diagnostic] = []
        // Filing URLs are `/filings/<21 digits>/`; anything else there (an index page) is no filing.
        // In each language's folder (the English copies under en/filings/ too).
        for folder in Lang.allCases.map({ $0.pathPrefix + "filings" }) {
            for name in NoFollow.list(root: site, folder).sorted() where Slug.isDigits(name, count: 21) && !listed.contains(name) {
                out.append(problem(.siteRecordMismatch, "\(folder)/\(name)/",
                                   zh: "/\(folder)/\(name)/ 不在签名摘要中：登记簿从未公示这个备案",
                                   en: "/\(folder)/\(name)/ is not in the signed head: the registry never published this filing",
                                   helpZh: "这是镜像添加的内容，不要信任它", helpEn: "the mirror added it; do not trust it"))
            }
        }
        return out
    }
}
