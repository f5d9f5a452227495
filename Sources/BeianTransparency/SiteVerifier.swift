public import BeianDiagnostics
import BeianModel
import BeianPortal
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
            let proofs = (try? await Concurrent.map(leaves.indices.map { $0 }, tasks: tasks, worker: { self }) { v, i in
                v.readProof(leaves[i])
            }) ?? []
            let roots = proofRoots(Set(proofs.compactMap { try? $0.get().size }), view: view)
            let found = (try? await Concurrent.map(leaves.indices.map { $0 }, tasks: tasks, worker: { self }) { v, i in
                v.checkProof(leaves[i], proofs[i], view: view, roots: roots)
            }) ?? []
            report.diagnostics += found.compactMap { $0 }
        }
        // Records and pages, in parallel; what the open data is compared against comes back small.
        let checked = (try? await Concurrent.map(leaves.indices.map { $0 }, tasks: tasks, worker: { self }) { v, i in
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


    struct Leaf: Sendable {
        var id: String
        var hash: Data

        /// Its log entry (`PortalLog`): `<id> <hex record hash>\n`.
        var entry: [UInt8] { Array((id + " " + hash.map { String(format: "%02x", $0) }.joined() + "\n").utf8) }
    }

    func location(_ relative: String, line: Int = 1) -> SourceLocation {
        SourceLocation(path: PathText.join(site.path, relative), line: line)
    }

    func problem(_ code: DiagnosticCode, _ relative: String, line: Int = 1, field: FieldRef? = nil,
                 zh: String, en: String, helpZh: String, helpEn: String) -> Diagnostic {
        Diagnostic(code, at: location(relative, line: line), field: field, message: Localized(zh: zh, en: en),
                   help: Localized(zh: helpZh, en: helpEn))
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
}
