import BeianDiagnostics
import BeianPortal
import BeianStore
import BeianTrust
import Foundation

/// The log (V976): its entries give the checkpoint, its tiles are its entries', its replay is
/// the records, each proof holds; and, asked for, it extends an earlier checkpoint (V977).
extension SiteVerifier {
    func logProblem(_ relative: String, line: Int = 1, zh: String, en: String) -> Diagnostic {
        problem(.siteLogInconsistent, relative, line: line, zh: zh, en: en,
                helpZh: "不要信任这个站点副本；向登记机关报告这个镜像",
                helpEn: "do not trust this copy; report the mirror to the regulator")
    }

    /// The log as the checkpoint signs it: every entry, read from the entry bundles.
    struct LogView: Sendable {
        var leafHashes: [UInt8] = []
        /// For each filing id, its last entry: index and record hash (nil: withdrawn).
        var last: [String: (index: Int, hash: Data?)] = [:]
        /// The tiles made from the entries, by site path (`transparency/tile/…`).
        var tiles: [String: [UInt8]] = [:]
        var size: Int { leafHashes.count / 32 }

        func reader() -> Tlog.TileReader {
            let tiles = self.tiles
            return LogFiles.tileReader(size: size) { path in
                guard let bytes = tiles[path] else {
                    throw TlogError.tileUnreadable(path: path, reason: "not in the log")
                }
                return bytes
            }
        }
    }

    /// Reads the entry bundles; checks the root, the published tiles and the replay against
    /// `leaves` (records.txt). Nil when the entries cannot be had or do not give the root.
    func checkLog(_ head: SignedHead, leaves: [Leaf], into problems: inout [Diagnostic]) -> LogView? {
        let size = head.checkpoint.size
        var view = LogView()
        view.leafHashes.reserveCapacity(size * 32)
        var index = 0
        while index < size {
            guard let bundle = try? TlogTiles.entryBundle(of: index, size: size) else { return nil }
            let path = LogFiles.prefix + bundle.path
            let entries: [[UInt8]]
            switch read(path, limit: bundle.width * (PortalLog.entrySize + 2)) {
            case .failure(let f):
                let d = Self.describe(f)
                problems.append(logProblem(path, zh: "日志的条目包 /\(path) \(d.zh)", en: "the log's entry bundle /\(path) \(d.en)"))
                return nil
            case .success(let data):
                do { entries = try TlogTiles.entries(inBundle: [UInt8](data), width: bundle.width, path: path) } catch {
                    problems.append(logProblem(path, zh: "日志的条目包 /\(path) 格式不对：\(error)", en: "the log's entry bundle /\(path) is malformed: \(error)"))
                    return nil
                }
            }
            for e in entries {
                guard PortalLog.isEntry(e[...]) else {
                    problems.append(logProblem(path, zh: "日志第 \(index) 条不是“21 位编号 空格 64 位十六进制哈希”", en: "log entry \(index) is not “21-digit id, space, 64 hex digits”"))
                    return nil
                }
                view.leafHashes += MerkleTree.leafHash(e)
                let id = String(decoding: e[0..<21], as: UTF8.self)
                let hash = e[22..<86].elementsEqual(PortalLog.withdrawn) ? nil : Self.hexBytes(e[22..<86])
                view.last[id] = (index, hash)
                index += 1
            }
        }
        guard Array(MerkleTree.root(flat: view.leafHashes)) == Array(head.checkpoint.root) else {
            // Named at the bundle whose entries differ from the leaves its tile holds, if any.
            let place = rewrittenBundle(view.leafHashes, size: size) ?? SiteFiles.checkpoint
            problems.append(logProblem(place, zh: "日志的 \(size) 条条目得不出检查点的根哈希：日志被改写过",
                                       en: "the log's \(size) entries do not give the checkpoint's root: the log was rewritten"))
            return nil
        }
        // The tiles a client reads proofs from must be the entries' own.
        for t in TlogTiles.tiles(leafHashes: view.leafHashes) {
            let path = LogFiles.prefix + t.path
            view.tiles[path] = t.bytes
            guard case .success(let data) = read(path, limit: t.bytes.count), [UInt8](data) == t.bytes else {
                problems.append(logProblem(path, zh: "日志的瓦片 /\(path) 缺失，或与日志条目不符", en: "the log tile /\(path) is missing or differs from the log's entries"))
                continue
            }
        }
        // Replayed, the log is the records published now.
        var current = 0
        for leaf in leaves {
            guard let last = view.last[leaf.id], let hash = last.hash, hash == leaf.hash else {
                problems.append(logProblem(SiteHead.records, zh: "备案 \(leaf.id) 在记录清单中的记录不是日志中它的最后一条",
                                           en: "the record of \(leaf.id) in the record list is not its last entry in the log"))
                continue
            }
            current += 1
        }
        let published = view.last.values.filter { $0.hash != nil }.count
        if published != current {
            problems.append(logProblem(SiteHead.records, zh: "日志中有 \(published) 个现行备案，记录清单列出 \(leaves.count) 个",
                                       en: "the log holds \(published) current filings; the record list lists \(leaves.count)"))
        }
        return view
    }

    /// The first entry bundle whose entries' leaf hashes are not those its level-0 tile holds.
    func rewrittenBundle(_ leafHashes: [UInt8], size: Int) -> String? {
        var n = 0
        while n * Tile.fullWidth < size {
            let width = min(Tile.fullWidth, size - n * Tile.fullWidth)
            if let tile = Tile(level: 0, n: n, width: width), case .success(let data) = read(LogFiles.prefix + tile.path, limit: tile.byteCount),
               [UInt8](data) != Array(leafHashes[(n * Tile.fullWidth * 32)..<((n * Tile.fullWidth + width) * 32)]),
               let bundle = try? TlogTiles.entryBundle(of: n * Tile.fullWidth, size: size) {
                return LogFiles.prefix + bundle.path
            }
            n += 1
        }
        return nil
    }

    /// Each filing's proof: its last entry, in the tree of the size it names, which the
    /// checkpoint's tree extends.
    func readProof(_ leaf: Leaf) -> Result<LogFiles.Proof, Diagnostic> {
        let path = LogFiles.proofPath(leaf.id)
        guard case .success(let data) = read(path, limit: 8_192), let proof = LogFiles.Proof([UInt8](data)) else {
            return .failure(logProblem(path, zh: "/\(path) 缺失或不是日志的包含证明", en: "/\(path) is missing or is not an inclusion proof of the log"))
        }
        return .success(proof)
    }

    func checkProof(_ leaf: Leaf, _ read: Result<LogFiles.Proof, Diagnostic>, view: LogView, roots: [Int: [UInt8]]) -> Diagnostic? {
        let path = LogFiles.proofPath(leaf.id)
        let proof: LogFiles.Proof
        switch read {
        case .failure(let d): return d
        case .success(let p): proof = p
        }
        guard let last = view.last[leaf.id], proof.index == last.index, proof.size <= view.size, let root = roots[proof.size] else {
            return logProblem(path, zh: "/\(path) 证明的不是这个备案在日志中的最后一条", en: "/\(path) does not prove this filing's last entry in the log")
        }
        let entry = leaf.entry
        do {
            try Tlog.checkRecord(proof: proof.hashes, size: proof.size, root: root, index: proof.index, leafHash: Array(MerkleTree.leafHash(entry)))
        } catch {
            return logProblem(path, zh: "/\(path) 的包含证明不成立：\(error)", en: "/\(path) does not prove inclusion: \(error)")
        }
        return nil
    }

    /// The roots of the trees the proofs name, each a prefix of the log.
    func proofRoots(_ sizes: Set<Int>, view: LogView) -> [Int: [UInt8]] {
        let reader = view.reader()
        var out: [Int: [UInt8]] = [:]
        for s in sizes where s > 0 && s <= view.size { out[s] = try? Tlog.treeHash(size: s, reader: reader) }
        return out
    }
}
