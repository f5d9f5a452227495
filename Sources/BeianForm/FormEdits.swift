import BeianBundle

/// Applies a posted page to a file's text through `YAMLEditor`: only values that differ from
/// the file are written, so a page saved unchanged leaves the file byte-identical and one
/// changed field changes one line.
struct FormEdits {
    var body: FormBody

    /// Writes every posted field of `fields` (under `prefix`) that differs from `doc`.
    func apply(_ fields: [FieldSpec], prefix: String, doc: YAMLValue?, to editor: inout YAMLEditor) throws(YAMLEditError) {
        for spec in fields {
            let kp = prefix.isEmpty ? spec.key : "\(prefix).\(spec.key)"
            guard let path = YAMLPath(kp) else { continue }
            let current = doc?[spec.key]
            switch spec.kind {
            case .schemaVersion:
                continue
            case .object(let sub):
                try apply(sub, prefix: kp, doc: current, to: &editor)
            case .objectList(let sub, _):
                for (i, item) in (current?.items ?? []).enumerated() {
                    try apply(sub, prefix: "\(kp)[\(i + 1)]", doc: item, to: &editor)
                }
            case .textList, .choices:
                guard body.all("_list").contains(kp) else { continue }
                let old = current?.items.map { $0.text ?? "" } ?? []
                var new = body.all(kp).filter { !$0.trimmingSpacesAndNewlines.isEmpty }
                if case .choices = spec.kind {
                    // The file's order for what stays ticked, new ticks after.
                    guard Set(new) != Set(old) || new.count != old.count else { continue }
                    new = old.filter { new.contains($0) } + new.filter { !old.contains($0) }
                }
                // An absent optional list stays absent until something is entered.
                if new != old && !(current == nil && new.isEmpty) { try editor.setList(new, at: path) }
            case .dateOrForever:
                guard let posted = body[kp] else { continue }
                let value = body.has("\(kp)#forever") ? "长期" : posted
                if value != (current?.text ?? "") { try editor.setScalar(value, at: path, kind: spec.kind) }
            default:
                guard let value = body[kp] else { continue }
                if value != (current?.text ?? "") { try editor.setScalar(value, at: path, kind: spec.kind) }
            }
        }
    }

    /// The `_action` of a page: `add:<list>` appends an item, `remove:<list>[n]` removes one.
    static func structural(_ action: String, fields: [FieldSpec], editor: inout YAMLEditor) throws(YAMLEditError) -> Bool {
        if action.hasPrefix("add:") {
            let kp = String(action.dropFirst(4))
            guard let path = YAMLPath(kp), case .objectList(let sub, _)? = spec(at: kp, in: fields)?.kind else { throw .notFound(kp) }
            try editor.appendItem(Scaffold.listItem(sub), to: path)
            return true
        }
        if action.hasPrefix("remove:") {
            let kp = String(action.dropFirst(7))
            guard let path = YAMLPath(kp), case .index(let i)? = path.segments.last else { throw .notFound(kp) }
            let list = YAMLPath(segments: Array(path.segments.dropLast()))
            guard case .objectList? = spec(at: list.description, in: fields)?.kind else { throw .notFound(kp) }
            try editor.removeItem(i, of: list)
            return true
        }
        return false
    }

    /// The schema field a key path names (positions skipped).
    static func spec(at keyPath: String, in fields: [FieldSpec]) -> FieldSpec? {
        guard let path = YAMLPath(keyPath) else { return nil }
        var level = fields
        var found: FieldSpec?
        for s in path.segments {
            guard case .key(let k) = s else { continue }
            guard let f = level.first(where: { $0.key == k }) else { return nil }
            found = f
            switch f.kind {
            case .object(let sub), .objectList(let sub, _): level = sub
            default: level = []
            }
        }
        return found
    }
}

/// The association step (产品及功能): ticked boxes → the fewest `applies_to` entries.
struct Association: Equatable {
    var product: String
    var path: String?
    var function: String?

    /// The entries of `applies_to` as the file has them.
    static func current(_ doc: YAMLValue?) -> [Association] {
        (doc?["applies_to"]?.items ?? []).map {
            Association(product: $0["product"]?.text ?? "", path: $0["path"]?.text.flatMap { $0.isEmpty ? nil : $0 },
                        function: $0["function"]?.text.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// Check box values: `p`, `p/path`, `p/path/function`. A ticked product covers all it
    /// holds, a ticked path everything under it.
    static func fromTicks(_ ticks: [String], products: [(id: String, paths: [(id: String, functions: [String])])]) -> [Association] {
        let set = Set(ticks)
        var out: [Association] = []
        for p in products {
            if set.contains(p.id) { out.append(Association(product: p.id)); continue }
            for path in p.paths {
                if set.contains("\(p.id)/\(path.id)") { out.append(Association(product: p.id, path: path.id)); continue }
                for f in path.functions where set.contains("\(p.id)/\(path.id)/\(f)") {
                    out.append(Association(product: p.id, path: path.id, function: f))
                }
            }
        }
        return out
    }

    /// Entries naming a product, path or function the bundle does not have: no box shows them,
    /// so saving the step keeps them as they are (R301 says what is wrong with them).
    static func unknown(_ entries: [Association], products: [(id: String, paths: [(id: String, functions: [String])])]) -> [Association] {
        entries.filter { e in
            // The scaffold's blank entry is not an association: ticking replaces it.
            guard !e.product.isEmpty || e.path != nil || e.function != nil else { return false }
            guard let p = products.first(where: { $0.id == e.product }) else { return true }
            let paths = p.paths.filter { e.path == nil || $0.id == e.path }
            if paths.isEmpty && e.path != nil { return true }
            if let f = e.function { return !paths.contains { $0.functions.contains(f) } }
            return false
        }
    }

    /// What a list of entries links, as `p/`, `p/path/` and `p/path/function` marks: two
    /// lists that link the same things are the same association, however they are written.
    static func coverage(_ entries: [Association], products: [(id: String, paths: [(id: String, functions: [String])])]) -> Set<String> {
        var out: Set<String> = []
        for e in entries {
            guard let p = products.first(where: { $0.id == e.product }) else { out.insert("?\(e.product)/\(e.path ?? "")/\(e.function ?? "")"); continue }
            if e.path == nil && e.function == nil { out.insert("\(p.id)/") }
            for path in p.paths where e.path == nil || e.path == path.id {
                if e.function == nil { out.insert("\(p.id)/\(path.id)/") }
                for f in path.functions where e.function == nil || e.function == f { out.insert("\(p.id)/\(path.id)/\(f)") }
            }
        }
        return out
    }

    /// The YAML lines of one entry.
    var lines: [String] {
        ["- product: \(YAMLScalarText.render(product))"]
            + (path.map { ["  path: \(YAMLScalarText.render($0))"] } ?? [])
            + (function.map { ["  function: \(YAMLScalarText.render($0))"] } ?? [])
    }
}
