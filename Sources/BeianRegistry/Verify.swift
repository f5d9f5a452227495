public import BeianDiagnostics
public import BeianModel
public import Foundation

/// `beian verify`: chains, snapshots and pending manifests, naming the first broken link.
public enum Verifier {
    /// Problems of one bundle; empty when everything holds.
    public static func verify(bundlePath: String, clock: Clock) -> [Diagnostic] {
        let record: BundleRecord
        do { record = try BundleRecord.open(bundlePath, clock: clock) } catch { return error.diagnostics }
        var out: [Diagnostic] = []
        for event in record.ledger.events {
            if let hash = event.snapshot {
                do { _ = try record.readSnapshot(hash) } catch { out += error.diagnostics; return out }
            }
        }
        // Files under review must be exactly as submitted.
        for (item, state) in record.states.sorted(by: { $0.key < $1.key }) where state.status == .submitted || state.status == .changePending {
            guard let sealed = state.lastSubmit?.manifest else { continue }
            let current = Manifest.compute(for: item, in: record.bundle)
            if let changed = Manifest.firstDifference(sealed: sealed, current: current) {
                out.append(Diagnostic(.sealedFileChanged, at: SourceLocation(path: record.bundle.display(changed)),
                    message: Localized(zh: "\(item) 待审核期间该文件被改动（第 \(state.lastSubmit!.seq) 号事件所提交的版本已变）",
                                       en: "\(item) is under review but this file changed since event \(state.lastSubmit!.seq) sealed it"),
                    help: Localized(zh: "恢复提交时的内容，或重新提交（beian submit）", en: "restore the submitted content, or submit again (beian submit)")))
                return out
            }
        }
        return out
    }

    /// Problems of the registry-wide entity-id ledger next to the bundles.
    public static func verifyRegistry(root: URL, display: String) -> [Diagnostic] {
        let url = root.appendingPathComponent(".beian-registry/entities.jsonl")
        let shown = (display.isEmpty || display == "." ? "" : (display.hasSuffix("/") ? display : display + "/")) + ".beian-registry/entities.jsonl"
        do {
            let ledger = try Ledger.open(url, displayPath: shown)
            var seen: [String: Int] = [:]
            for e in ledger.events where e.action == .assignEntityID {
                guard let id = e.entityID else { continue }
                if let first = seen[id] {
                    return [Diagnostic(.ledgerBroken, at: SourceLocation(path: shown, line: e.seq),
                        message: Localized(zh: "主体标识 \(id) 被重复分配（首次在第 \(first) 行）", en: "entity id \(id) assigned twice (first on line \(first))"),
                        help: Localized(zh: "从备份或版本库恢复该文件", en: "restore the file from a backup or from git"))]
                }
                seen[id] = e.seq
            }
            return []
        } catch {
            return [error]
        }
    }
}
