import BeianBundle
public import BeianDiagnostics
public import BeianModel
import BeianStore
public import Foundation

/// The attachments of an item under review (承诺书, 自评估报告, licence scans): what each is
/// (by its first bytes, as validation decides it), how many pages a PDF has, its size and
/// SHA-256, and for a change which ones differ from the approved version. Read from the stored
/// objects (`SubmittedFiles`), each checked against its hash — never from the live folder.
public struct ReviewAttachments: Sendable {
    /// How an attachment of a change compares with the approved version.
    public enum Change: String, Codable, Sendable {
        case unchanged, replaced, added, removed
    }

    /// One attachment, as `review show` lists it (JSON keys stable).
    public struct File: Codable, Sendable, Equatable {
        /// The path in the bundle (`attachments/…`).
        public var path: String
        /// `PDF`, `PNG`, `JPEG`, or `unknown`.
        public var type: String
        /// A PDF's page count (its `/Type /Page` objects); nil when it cannot tell.
        public var pages: Int?
        public var size: Int?
        /// The submitted file's SHA-256 (for a removed one: the approved file's).
        public var sha256: String
        /// For a change only: how it compares with the approved version.
        public var change: Change?
        /// For a replaced attachment: the approved file's SHA-256.
        public var approved_sha256: String?
    }

    public var item: ItemRef
    /// True when a change of an approved item is shown (submitted against approved).
    public var isChange: Bool
    public var files: [File]
    /// The submitted attachments' bytes (path → bytes), each checked against its hash.
    public var submitted: [String: Data]
    /// For a change: the approved attachments' bytes, from the approved snapshot's manifest.
    public var approved: [String: Data]
    /// Files whose stored bytes are gone or altered (L602): nothing may be written then.
    public var problems: [Diagnostic]

    /// The attachments of the version of `item` a reviewer looks at: the pending submission,
    /// else the latest approved (or submitted) one; for a change, against the approved snapshot.
    public static func of(_ record: BundleRecord, item: ItemRef) throws(RegistryError) -> ReviewAttachments {
        let s = record.state(item)
        let own = Set(BundlePaths.files(of: item))
        func attachments(_ manifest: [String: String]?) -> [String: String] { (manifest ?? [:]).filter { !own.contains($0.key) } }
        let pending = s.status == .submitted || s.status == .changePending ? s.lastSubmit?.manifest : nil
        let shown = attachments(pending ?? [s.lastApproval, s.lastSubmit].compactMap { $0 }.max { $0.seq < $1.seq }?.manifest)
        let approvedSnapshot = try pending != nil && s.lastApproval != nil ? record.approvedSnapshot(item) : nil
        let base = attachments(approvedSnapshot?.manifest)
        let store = SubmittedFiles(paths: record.paths)
        let live = BundleFiles(root: record.paths.bundle, displayRoot: record.paths.bundleDisplay)
        // Each file from its stored object, checked against its hash (L602 when it is gone or
        // altered: listed with its hash only, and `review attachments` refuses to write).
        var problems: [Diagnostic] = []
        func bytes(_ manifest: [String: String]) -> [String: Data] {
            var out: [String: Data] = [:]
            for (path, hash) in manifest.sorted(by: { $0.key < $1.key }) {
                switch store.restore([path: hash], live: live) {
                case .success(let files): out[path] = files[path]
                case .failure(let d): problems.append(d)
                }
            }
            return out
        }
        let submitted = bytes(shown)
        let approved = bytes(base)
        var out: [File] = []
        for path in Set(shown.keys).union(base.keys).sorted() {
            let isChange = approvedSnapshot != nil
            if let hash = shown[path] {
                let data = submitted[path]
                let change: Change? = !isChange ? nil : base[path] == nil ? .added : (base[path] == hash ? .unchanged : .replaced)
                out.append(File(path: path, type: data.flatMap { AttachmentRule.kind(of: $0) } ?? "unknown", pages: data.flatMap(pageCount), size: data?.count, sha256: hash,
                                change: change, approved_sha256: change == .replaced ? base[path] : nil))
            } else if let hash = base[path] {
                let data = approved[path]
                out.append(File(path: path, type: data.flatMap { AttachmentRule.kind(of: $0) } ?? "unknown", pages: data.flatMap(pageCount),
                                size: data?.count, sha256: hash, change: .removed))
            }
        }
        return ReviewAttachments(item: item, isChange: approvedSnapshot != nil, files: out, submitted: submitted, approved: approved, problems: problems.sorted())
    }

    /// The number of pages of a PDF, best effort: its `/Type /Page` objects (not `/Pages`).
    /// Nil when it is not a PDF or none is found (pages inside compressed object streams).
    public static func pageCount(_ data: Data) -> Int? {
        guard AttachmentRule.kind(of: data) == "PDF" else { return nil }
        let bytes = [UInt8](data)
        let type = Array("/Type".utf8), page = Array("/Page".utf8)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x00 }
        // A name ends at whitespace or a delimiter; `/Pages` goes on with a regular character.
        func endsName(_ i: Int) -> Bool { i >= bytes.count || isSpace(bytes[i]) || Array("/<>[]()%{}".utf8).contains(bytes[i]) }
        var count = 0
        var i = 0
        while i + type.count <= bytes.count {
            guard bytes[i] == 0x2F, bytes[i..<(i + type.count)].elementsEqual(type), endsName(i + type.count) else { i += 1; continue }
            var j = i + type.count
            while j < bytes.count, isSpace(bytes[j]) { j += 1 }
            if j + page.count <= bytes.count, bytes[j..<(j + page.count)].elementsEqual(page), endsName(j + page.count) { count += 1 }
            i = j
        }
        return count > 0 ? count : nil
    }
}
