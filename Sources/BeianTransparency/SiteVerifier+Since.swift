import BeianDiagnostics
import BeianPortal
import BeianTrust
import Foundation

/// Check `--since` (V977): the log extends a checkpoint the user trusted earlier.
extension SiteVerifier {
    /// `--since`: the checkpoint extends the earlier one `since` (signed by the same key): a
    /// consistency proof from the copy's tiles.
    func checkSince(_ head: SignedHead, since: (source: String, note: String), into problems: inout [Diagnostic]) {
        func fail(_ zh: String, _ en: String) {
            problems.append(Diagnostic(.siteNotExtended, at: SourceLocation(path: since.source), message: Localized(zh: zh, en: en),
                                       help: Localized(zh: "保留你信任的检查点；向登记机关报告这个站点", en: "keep the checkpoint you trusted; report the site to the regulator")))
        }
        guard case .success(let text) = SignedNote.open(since.note, verifiedBy: key), let old = Checkpoint(text: text) else {
            fail("“\(since.source)”不是登记簿公钥签名的检查点", "'\(since.source)' is not a checkpoint signed by the registry key"); return
        }
        let new = head.checkpoint
        guard old.origin == new.origin else { fail("先前的检查点属于另一个日志（\(old.origin)）", "the earlier checkpoint is of another log (\(old.origin))"); return }
        guard old.size <= new.size else {
            fail("站点的检查点（\(new.size) 条）比先前的（\(old.size) 条）小：历史被回滚", "the site's checkpoint (\(new.size) entries) is smaller than the earlier one (\(old.size)): history was rolled back"); return
        }
        if old.size == new.size {
            if old.root != new.root { fail("同样大小（\(new.size) 条）而根哈希不同：日志被改写", "the same size (\(new.size)) with another root: the log was rewritten") }
            return
        }
        if old.size == 0 { return }
        let reader = LogFiles.tileReader(size: new.size) { path in
            guard case .success(let data) = read(path, limit: 1 << 16) else { throw TlogError.tileUnreadable(path: path, reason: "missing or unreadable") }
            return [UInt8](data)
        }
        do {
            let proof = try Tlog.proveTree(old: old.size, new: new.size, newRoot: Array(new.root), reader: reader)
            try Tlog.checkTree(proof: proof, new: new.size, newRoot: Array(new.root), old: old.size, oldRoot: Array(old.root))
        } catch {
            fail("站点的日志（\(new.size) 条）没有延续先前的检查点（\(old.size) 条）：\(error)",
                 "the site's log (\(new.size) entries) does not extend the earlier checkpoint (\(old.size)): \(error)")
        }
    }
}
