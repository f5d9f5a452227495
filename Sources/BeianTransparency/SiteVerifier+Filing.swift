import BeianDiagnostics
import BeianPortal
import BeianStore
import BeianTrust
import Foundation

/// `verify-site --filing ID`: one filing, from its files, the signed list's shards that name
/// them, its proof and a few of the log's tiles — not the rest of the site.
extension SiteVerifier {
    /// The files of one filing that the check reads.
    static func filingFiles(_ id: String) -> [String] {
        [PublicRecord.path(id), LogFiles.proofPath(id), Badge.path(id)]
            + Lang.allCases.map { $0.pathPrefix + Routes.filing(id) + "index.html" }
    }

    public func verifyFiling(_ id: String) async -> Report {
        var report = Report()
        guard let signed = signedHead(into: &report.diagnostics) else { return report }
        report.head = signed.checkpoint
        report.signed = signed
        if let age = options.maxAge { checkFreshness(signed, maxAge: age, now: options.now, into: &report.diagnostics) }
        checkWitnesses(signed, options.witnesses, into: &report.diagnostics)
        if let since = options.since { checkSince(signed, since: since, into: &report.diagnostics) }
        guard Slug.isDigits(id, count: 21) else {
            report.diagnostics.append(problem(.siteRecordMismatch, Routes.filing(id), zh: "“\(id)”不是 21 位备案编号", en: "'\(id)' is not a 21-digit filing id",
                                              helpZh: "给出备案编号中的 21 位数字", helpEn: "give the 21 digits of the filing number"))
            return report
        }
        // Its files, each as the signed list names it.
        guard let listed = listedFiles(of: Self.filingFiles(id), signed, into: &report.diagnostics) else { return report }
        report.files = listed.count
        let record = PublicRecord.path(id)
        guard listed[record] != nil, case .success(let bytes) = read(record, limit: Self.pageLimit) else {
            report.diagnostics.append(problem(.siteRecordMismatch, record, zh: "签名的文件清单中没有备案 \(id) 的公示记录：登记簿未公示这个备案",
                                              en: "the signed file list has no record of \(id): the registry did not publish this filing",
                                              helpZh: "不要信任这个备案；以登记机关自己的站点为准", helpEn: "do not trust this filing; the regulator's own site is authoritative"))
            return report
        }
        let leaf = Leaf(id: id, hash: MerkleTree.leafHash(bytes))
        // In the log, in a tree the checkpoint's extends.
        let proof = readProof(leaf)
        if case .success(let p) = proof { report.diagnostics += checkInclusion(leaf, p, signed) } else if case .failure(let d) = proof { report.diagnostics.append(d) }
        // Its pages and badge against its record.
        let checked = checkFiling(leaf)
        report.diagnostics += checked.problems
        if checked.recordOK { report.records = 1 }
        if checked.pageOK { report.pages = 1 }
        report.diagnostics.sort { ($0.location, $0.code.rawValue) < ($1.location, $1.code.rawValue) }
        return report
    }

    /// `paths` as the signed list names them (path → listed), each file there checked against
    /// its line; nil when the list itself does not hold.
    func listedFiles(of paths: [String], _ head: SignedHead, into problems: inout [Diagnostic]) -> [String: ListedFile]? {
        guard let shards = signedShards(head, into: &problems) else { return nil }
        let byPath = Dictionary(shards.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String: ListedFile] = [:]
        for n in Set(paths.map { SiteFiles.shard(of: $0) }) {
            let shardPath = SiteFiles.shardPath(n)
            guard let s = byPath[shardPath] else { continue }
            guard case .success(let shard) = read(shardPath, limit: Self.dataLimit), shard.count == s.size, Digest32.of(shard) == s.digest,
                  let lines = parseFileList(shard, at: shardPath, shard: n, into: &problems) else {
                problems.append(fileProblem(shardPath, zh: "文件清单的分片 /\(shardPath) 缺失或被改动", en: "the shard /\(shardPath) of the file list is missing or altered"))
                return nil
            }
            for l in lines where paths.contains(l.path) { out[l.path] = l }
        }
        for path in paths {
            guard let f = out[path] else {
                if case .failure(.missing) = read(path, limit: 0) { continue }  // not there, not listed: nothing to say
                problems.append(fileProblem(path, zh: "/\(path) 不在签名的文件清单中：登记机关没有发布它", en: "/\(path) is not in the signed file list: the registry did not publish it"))
                continue
            }
            guard case .success(let bytes) = read(path, limit: max(f.size, 0)), bytes.count == f.size, Digest32.of(bytes) == f.digest else {
                problems.append(fileProblem(path, zh: "/\(path) 缺失或被改动：与签名清单（\(f.listedIn) 第 \(f.line) 行）不符",
                                            en: "/\(path) is missing or changed: it differs from the signed list (\(f.listedIn) line \(f.line))"))
                continue
            }
        }
        return out
    }

    /// The proof puts the record's entry in the tree of its size, and the copy's tiles prove
    /// the checkpoint's tree extends that one.
    func checkInclusion(_ leaf: Leaf, _ proof: LogFiles.Proof, _ head: SignedHead) -> [Diagnostic] {
        let path = LogFiles.proofPath(leaf.id)
        let n = head.checkpoint.size
        let newRoot = Array(head.checkpoint.root)
        guard proof.size <= n else {
            return [logProblem(path, zh: "/\(path) 所证明的树（\(proof.size) 条）比检查点（\(n) 条）大", en: "/\(path) proves a tree of \(proof.size) entries, larger than the checkpoint's \(n)")]
        }
        let reader = LogFiles.tileReader(size: n) { p in
            guard case .success(let data) = read(p, limit: 1 << 16) else { throw TlogError.tileUnreadable(path: p, reason: "missing or unreadable") }
            return [UInt8](data)
        }
        let entry = leaf.entry
        do {
            let oldRoot = proof.size == n ? newRoot : try Tlog.treeHash(size: proof.size, reader: reader)
            try Tlog.checkRecord(proof: proof.hashes, size: proof.size, root: oldRoot, index: proof.index, leafHash: Array(MerkleTree.leafHash(entry)))
            if proof.size < n {
                let consistency = try Tlog.proveTree(old: proof.size, new: n, newRoot: newRoot, reader: reader)
                try Tlog.checkTree(proof: consistency, new: n, newRoot: newRoot, old: proof.size, oldRoot: oldRoot)
            }
        } catch {
            return [logProblem(path, zh: "/\(path) 不能证明这份记录在检查点的日志中：\(error)", en: "/\(path) does not prove this record is in the checkpoint's log: \(error)")]
        }
        return []
    }
}
