public import BeianDiagnostics
public import BeianModel

/// The 草稿箱 view of one bundle: each unfinished item, how complete it is, what is missing.
public struct DraftReport: Encodable, Sendable {
    public struct Item: Encodable, Sendable {
        public var item: String
        public var percent: Int
        public var filled: Int
        public var total: Int
        public var errors: Int
        /// Never submitted (草稿, as `beian status` shows it): listed even when complete.
        public var never_submitted: Bool
        /// Submitted or approved before, edited since, and the edit not submitted (as `beian
        /// status` marks it): listed even when complete.
        public var unsubmitted_edits: Bool
        public var missing: [Missing]
    }

    public struct Missing: Encodable, Sendable {
        public var path: String
        public var line: Int
        public var column: Int
        public var field: String
        public var field_zh: String
        public var field_en: String
    }

    public var bundle: String
    public var items: [Item]

    /// `neverSubmitted`: the items the bundle's ledger never mentions (nil: not known, as
    /// for `validate --draft`, which does not read the ledger); `edited`: the items with
    /// unsubmitted edits (`BundleRecord.changedItems()` less the never submitted).
    public init(_ loaded: LoadedBundle, neverSubmitted: Set<ItemRef>? = nil, edited: Set<ItemRef> = []) {
        bundle = loaded.displayRoot
        items = loaded.items.sorted().map { ref in
            let c = loaded.completeness[ref] ?? Completeness()
            return Item(item: ref.description, percent: c.percent, filled: c.filled, total: c.total,
                        errors: loaded.diagnostics(for: ref).filter { $0.severity == .error }.count,
                        never_submitted: neverSubmitted?.contains(ref) ?? false,
                        unsubmitted_edits: edited.contains(ref),
                        missing: c.missing.map {
                            Missing(path: $0.location.path, line: $0.location.line, column: $0.location.column,
                                    field: $0.field.key, field_zh: $0.field.zh, field_en: $0.field.en)
                        })
        }
    }

    /// The 草稿箱: items not yet complete, with errors, never submitted (the same items
    /// `beian status --status 草稿` lists), or with edits not submitted (those `beian status`
    /// marks), complete or not.
    public var unfinished: [Item] { items.filter { $0.percent < 100 || $0.errors > 0 || $0.never_submitted || $0.unsubmitted_edits } }

    public func text(lang: Lang, onlyUnfinished: Bool = false) -> String {
        var out = ""
        for item in onlyUnfinished ? unfinished : items {
            let errors = item.errors == 0 ? "" : (lang == .zh ? "，\(item.errors) 个错误" : ", \(item.errors) error\(item.errors == 1 ? "" : "s")")
            let complete = item.percent == 100 && item.errors == 0
            let ready = item.never_submitted && complete
                ? (lang == .zh ? " 已填写完整，尚未提交（beian submit）" : " complete, never submitted (beian submit)")
                : item.unsubmitted_edits && complete
                ? (lang == .zh ? " 已填写完整，有未提交的修改：与上次提交或通过的版本不同（beian submit）" : " complete, edited since it was last submitted or approved, not submitted (beian submit)")
                : item.unsubmitted_edits ? (lang == .zh ? " 有未提交的修改" : " edited since it was last submitted or approved") : ""
            out += "\(bundle) \(item.item): \(item.percent)% (\(item.filled)/\(item.total)\(errors))\(ready)\n"
            for m in item.missing {
                let name = lang == .zh ? m.field_zh : m.field_en
                out += "  \(lang == .zh ? "待填" : "missing"): \(m.path):\(m.line):\(m.column) \(m.field) (\(name))\n"
            }
        }
        return out
    }
}
