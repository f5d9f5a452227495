import BeianBundle
import BeianDiagnostics
import BeianModel
import BeianRegistry
import BeianTrust

/// What `review show` prints: status, submission, validation, sealed files, fields and diff.
struct ReviewView: Encodable {
    var bundle: String
    var item: String
    var status: String
    var status_en: String
    var number: String?
    var submitted_at: String?
    var submitted_by: String?
    /// The pending submission's digest: what `approve`/`reject --submission` must name.
    var submission: String?
    /// The key that signed the package the pending submission came in, and what it is to
    /// this entity: `bound`, `proposed` (a new entity's: bound only if the entity is approved)
    /// or `unbound`; the keys a reviewer (or the entity's approval) bound.
    var filer_key: String?
    var filer_key_status: String?
    var bound_keys: [String]
    var attestation: String?
    var cancellation_reason: String?
    var last_decision: String?
    var files_unchanged: Bool
    var changed_file: String?
    var problems: [DiagnosticRenderer.JSONItem]
    var fields: [String: String]
    var diff: [FieldChange]?
    /// Every attachment of the version shown: type (by its first bytes), PDF pages, size,
    /// SHA-256 and, for a change, whether it was replaced, added or removed
    /// (`ReviewAttachments`: read from the stored objects, not the live folder).
    var attachments: [ReviewAttachments.File]

    init(record: BundleRecord, item: ItemRef) throws(RegistryError) {
        guard record.exists(item) else {
            throw RegistryError(.findings, [Diagnostic(.unknownItem, at: SourceLocation(path: record.bundle.displayRoot),
                message: Localized(zh: "备案包中没有 \(item)", en: "the bundle has no \(item)"),
                help: Localized(zh: "已有：\(record.bundle.items.map(\.description).joined(separator: ", "))", en: "this bundle has: \(record.bundle.items.map(\.description).joined(separator: ", "))"))])
        }
        let s = record.state(item)
        bundle = record.bundle.displayRoot
        self.item = item.description
        status = s.status.rawValue
        status_en = s.status.english
        number = s.number?.description
        // A pending cancellation is what is under review: its request, not the last files' submission.
        let under = s.pendingCancel ?? s.lastSubmit
        submitted_at = under?.time
        submitted_by = under?.actor
        submission = s.pendingSubmission.flatMap(SubmissionDigest.of)
        let bound = record.boundFilerKeys
        bound_keys = bound.sorted()
        filer_key = s.pendingSubmission?.filerKey
        filer_key_status = filer_key.map { bound.contains($0) ? "bound" : (record.proposedFilerKey == $0 ? "proposed" : "unbound") }
        attestation = under?.attestation
        cancellation_reason = s.pendingCancel?.reason
        if let d = s.lastDecision {
            last_decision = "\(d.action.rawValue) \(d.time) \(d.actor)\(d.reason.map { ": \($0)" } ?? "")"
        }
        let current = Manifest.compute(for: item, in: record.bundle)
        changed_file = s.lastSubmit?.manifest.flatMap { Manifest.firstDifference(sealed: $0, current: current) }
        files_unchanged = changed_file == nil
        var found = record.bundle.diagnostics(for: item)
        // The entity against the registry's other approved entities: S710 (approval will be
        // refused) and S711 (a look-alike name, for the reviewer to judge).
        if item == .entity { found = (found + record.entityNameFindings()).sorted() }
        problems = found.map { DiagnosticRenderer.JSONItem($0, lang: .en) }
        fields = record.currentFields(item)
        if let approved = try record.approvedSnapshot(item) {
            diff = FieldDiff.diff(old: approved.fields, new: fields)
        }
        attachments = try ReviewAttachments.of(record, item: item).files
    }

    /// Attachments a change replaced, added or removed: changes as much as a field's.
    var changedAttachments: [ReviewAttachments.File] { attachments.filter { $0.change != nil && $0.change != .unchanged } }

    func text(lang: Lang) -> String {
        let zh = lang == .zh
        var out = "\(bundle) \(item)\n"
        out += "  \(zh ? "状态" : "status"): \(zh ? status : status_en)\(number.map { "  \($0)" } ?? "")\n"
        if let at = submitted_at { out += "  \(zh ? "提交" : "submitted"): \(at) \(submitted_by ?? "")\n" }
        if let d = submission { out += "  \(zh ? "提交摘要" : "submission"): \(d)\n" }
        if let k = filer_key {
            let v = VerifierKey(k)
            let who = v.map { "\($0.name)（\($0.keyID)）" } ?? k
            let what = switch filer_key_status {
            case "bound": zh ? "已绑定" : "bound"
            case "proposed": zh ? "新主体提议的密钥：主体通过审核时绑定，退回则不绑定" : "proposed by this new entity: bound if the entity is approved, not if rejected"
            default: zh ? "未绑定" : "not bound"
            }
            out += "  \(zh ? "填报密钥" : "filer key"): \(who) — \(what)\n"
        }
        if !bound_keys.isEmpty {
            out += "  \(zh ? "已绑定密钥" : "bound keys"): " + bound_keys.map { k in VerifierKey(k).map { "\($0.name)（\($0.keyID)）" } ?? k }.joined(separator: ", ") + "\n"
        }
        if let a = attestation { out += "  \(zh ? "承诺" : "commitment"): \(a)\n" }
        if let r = cancellation_reason { out += "  \(zh ? "注销理由" : "cancellation reason"): \(r)\n" }
        if let d = last_decision { out += "  \(zh ? "上次审核" : "last decision"): \(d)\n" }
        out += "  \(zh ? "提交后文件" : "files since submission"): " + (files_unchanged ? (zh ? "未改动" : "unchanged") : (zh ? "已改动：\(changed_file!)" : "CHANGED: \(changed_file!)")) + "\n"
        out += "  \(zh ? "校验" : "validation"): " + (problems.isEmpty ? (zh ? "通过" : "clean") : "\(problems.count) \(zh ? "个问题" : "problem(s)")") + "\n"
        for p in problems { out += "    \(p.path):\(p.line):\(p.column): \(p.severity)[\(p.code)] \(p.message)\n" }
        if let diff {
            let n = diff.count + changedAttachments.count
            out += zh ? "  与已通过版本相比（\(n) 处变更）：\n" : "  compared with the approved version (\(n) change\(n == 1 ? "" : "s")):\n"
            for c in diff {
                switch c.kind {
                case .changed: out += "    ~ \(c.field): \(oneLine(c.old!)) → \(oneLine(c.new!))\n"
                case .added: out += "    + \(c.field): \(oneLine(c.new!))\n"
                case .removed: out += "    - \(c.field): \(oneLine(c.old!))\n"
                }
            }
            for a in changedAttachments {
                switch a.change {
                case .replaced: out += "    ~ \(a.path): \(zh ? "附件已替换" : "attachment replaced") \(a.approved_sha256?.prefix(16) ?? "") → \(a.sha256.prefix(16))\n"
                case .added: out += "    + \(a.path): \(zh ? "新增附件" : "attachment added") \(a.sha256.prefix(16))\n"
                default: out += "    - \(a.path): \(zh ? "附件已删除" : "attachment removed") \(a.sha256.prefix(16))\n"
                }
            }
        }
        if !attachments.isEmpty {
            out += zh ? "  附件（提交的字节；beian review attachments 可导出）：\n" : "  attachments (as submitted; beian review attachments writes them out):\n"
            for a in attachments {
                let pages = a.type != "PDF" ? "" : a.pages.map { zh ? "，\($0) 页" : ", \($0) page\($0 == 1 ? "" : "s")" } ?? (zh ? "，页数未知" : ", pages unknown")
                let size = a.size.map { zh ? "，\($0) 字节" : ", \($0) bytes" } ?? ""
                let mark: String = switch a.change {
                case .replaced?: zh ? "  [已替换]" : "  [REPLACED]"
                case .added?: zh ? "  [新增]" : "  [ADDED]"
                case .removed?: zh ? "  [已删除]" : "  [REMOVED]"
                default: ""
                }
                out += "    \(a.path): \(a.type)\(pages)\(size)\(mark)\n      SHA-256 \(a.sha256)\n"
            }
        }
        out += zh ? "  字段：\n" : "  fields:\n"
        for key in fields.keys.sorted() where key != "disclosure.md" { out += "    \(key): \(oneLine(fields[key]!))\n" }
        if let d = fields["disclosure.md"] {
            out += zh ? "  拟公示内容：\n" : "  disclosure:\n"
            out += d.split(separator: "\n", omittingEmptySubsequences: false).map { "    | \($0)\n" }.joined()
        }
        return out
    }

    func oneLine(_ s: String) -> String {
        let flat = s.replacingOccurrences(of: "\n", with: " ⏎ ")
        return flat.count > 160 ? String(flat.prefix(160)) + "…" : flat
    }
}
