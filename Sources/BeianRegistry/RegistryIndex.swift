public import BeianDiagnostics
public import BeianModel
import BeianBundle
import Foundation

/// The registry as a whole: every bundle folder under a directory.
public enum RegistryIndex {
    /// Bundle folders (those holding an `entity.yaml` or a `.beian/` folder), sorted.
    public static func bundlePaths(in dir: String) -> [String] {
        let root = URL(fileURLWithPath: dir)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { name in
            let url = root.appendingPathComponent(name)
            let fm = FileManager.default
            // `.beian/` first: every submitted or imported bundle has one, so one stat each.
            guard fm.fileExists(atPath: url.appendingPathComponent(BundlePaths.registryDir).path)
                    || fm.fileExists(atPath: url.appendingPathComponent(BundlePaths.entityFile).path) else { return nil }
            return dir == "." ? name : dir.hasSuffix("/") ? dir + name : dir + "/" + name
        }
    }

    /// What a queued submission asks for (its name is what `review list --json` prints).
    public enum QueueKind: String, Sendable, Codable {
        /// A first submission of the item.
        case new
        /// A change of an approved item.
        case change
        /// A request to cancel an approved item (注销).
        case cancellation

        /// The item's kind in the queue, from its pending status.
        init(_ status: ItemStatus) {
            self = status == .cancelPending ? .cancellation : (status == .changePending ? .change : .new)
        }

        /// The kind as `review list` shows it.
        public func label(_ lang: Lang) -> String {
            switch self {
            case .new: lang == .zh ? "新增" : "new"
            case .change: lang == .zh ? "变更" : "change"
            case .cancellation: lang == .zh ? "注销" : "cancellation"
            }
        }
    }

    /// One row of the review queue.
    public struct QueueEntry: Sendable, Codable {
        public var bundle: String
        public var entity: String
        public var item: String
        public var kind: QueueKind
        public var submittedAt: String
        public var submittedBy: String
        /// The digest of the pending submission: what a decision must name (`--submission`).
        public var submission: String
        /// The filer key that signed the package it came in, if it came in one.
        public var filerKey: String?
        /// On a new entity's row: the key its package proposes, bound only if the entity is
        /// approved (`FilerKeys.swift`).
        public var proposedKey: String?
    }

    /// What awaits review, oldest first: the first `limit` entries (all when nil) and how many
    /// there are; bundles that cannot be read become diagnostics. In a registry with an index
    /// (`RegistryIndexStore`) the queue is read from it, caught up with the ledgers first, so
    /// its cost does not grow with the queue; otherwise every bundle is read.
    public static func queue(in dir: String, clock: Clock, limit: Int?) -> (entries: [QueueEntry], total: Int, problems: [Diagnostic]) {
        do throws(RegistryError) {
            if let index = try RegistryIndexStore.open(root: URL(fileURLWithPath: dir), display: dir, clock: clock) {
                do throws(SQLiteDB.Failure) {
                    var problems: [Diagnostic] = []
                    // Only a bundle that could not be read when indexed is opened, for its diagnostics.
                    for path in try index.unreadable() {
                        do throws(RegistryError) { _ = try Registry(clock: clock).record(bundle: path, view: .submitted) } catch { problems += error.diagnostics }
                    }
                    let (entries, total) = try index.queue(limit: limit)
                    return (entries, total, problems)
                } catch { return ([], 0, [RegistryIndexStore.failure(dir, error)]) }
            }
        } catch {
            return ([], 0, error.diagnostics)
        }
        var out: [QueueEntry] = []
        var problems: [Diagnostic] = []
        for path in bundlePaths(in: dir) {
            let record: BundleRecord
            do { record = try Registry(clock: clock).record(bundle: path, view: .submitted) } catch { problems += error.diagnostics; continue }
            out += queueEntries(of: record, path: path)
        }
        out.sort { ($0.submittedAt, $0.bundle, $0.item) < ($1.submittedAt, $1.bundle, $1.item) }
        return (limit.map { Array(out.prefix($0)) } ?? out, out.count, problems)
    }

    /// The rows of one bundle (opened with its submitted view) in the queue.
    static func queueEntries(of record: BundleRecord, path: String) -> [QueueEntry] {
        var out: [QueueEntry] = []
        for (item, s) in record.states where s.status.isPending {
            let e = s.status == .cancelPending ? s.pendingCancel : s.lastSubmit
            out.append(QueueEntry(bundle: path, entity: record.bundle.entity?.name ?? record.bundle.id, item: item.description,
                                  kind: QueueKind(s.status),
                                  submittedAt: e?.time ?? "", submittedBy: e?.actor ?? "",
                                  submission: e.flatMap(SubmissionDigest.of) ?? "", filerKey: e?.filerKey,
                                  proposedKey: item == .entity ? record.proposedFilerKey : nil))
        }
        return out
    }
}
